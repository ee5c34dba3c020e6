import Testing
@testable import ArgoLSP

@Suite struct JSONTests {
    func parse(_ text: String) -> JSON? { try? JSON.parse(Array(text.utf8)) }

    @Test func valuesRoundTrip() throws {
        let text = #"{"a":[1,-2,3.25,1e3,true,false,null],"b":"x\u00e9\ud83d\ude00\n\t\"\\/","c":{}}"#
        let value = try JSON.parse(Array(text.utf8))
        #expect(value["a"] == [1, -2, 3.25, 1000.0, true, false, nil])
        #expect(value["b"] == .string("xé😀\n\t\"\\/"))
        #expect(try JSON.parse(value.serialized()) == value)
    }

    @Test func idsKeepTheirType() {
        #expect(parse(#"{"id":1}"#)?["id"] == .int(1))
        #expect(parse(#"{"id":"1"}"#)?["id"] == .string("1"))
    }

    @Test func malformedTextIsAnErrorNotACrash() {
        for text in ["", "{", "[1,]", "{\"a\" 1}", "tru", "01", "1.", "\"unterminated", "\"bad \\x escape\"",
                     "{\"a\":1} trailing", "\"raw\u{01}control\"", "-", "\"\\u12\""] {
            #expect(parse(text) == nil, "\(text)")
        }
        #expect(parse(String(repeating: "[", count: 100_000)) == nil)
    }

    @Test func loneSurrogatesBecomeReplacementCharacters() {
        #expect(parse(#""a\ud800b""#) == .string("a\u{FFFD}b"))
    }
}
