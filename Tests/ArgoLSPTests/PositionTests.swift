import Testing
import YAMLTree
@testable import ArgoLSP

@Suite struct PositionTests {
    func converter(_ text: String, _ encoding: PositionEncoding) -> PositionConverter {
        PositionConverter(file: SourceFile(path: "t.yaml", text: text), encoding: encoding)
    }

    func offset(of needle: String, in text: String) -> Int {
        guard let range = text.range(of: needle) else { return -1 }
        return text.utf8.distance(from: text.startIndex, to: range.lowerBound)
    }

    @Test func emojiAndCJKBeforeAFinding() {
        let text = "kind: Workflow\nmetadata: {name: \"😀 日本 TODO\"}\n"
        let at = offset(of: "TODO", in: text)
        // 😀 is 4 UTF-8 bytes, 2 UTF-16 units, 1 scalar; 日 and 本 are 3 bytes and 1 unit each.
        #expect(converter(text, .utf16).position(ofByte: at) == LSPPosition(line: 1, character: 24))
        #expect(converter(text, .utf8).position(ofByte: at) == LSPPosition(line: 1, character: 30))
        #expect(converter(text, .utf32).position(ofByte: at) == LSPPosition(line: 1, character: 23))
        for encoding in PositionEncoding.allCases {
            let c = converter(text, encoding)
            #expect(c.byteOffset(of: c.position(ofByte: at)) == at, "\(encoding)")
        }
    }

    @Test func theSpecsSurrogatePairExample() {
        // In `a𐐀b`, b is at UTF-16 offset 3.
        let c = converter("a𐐀b", .utf16)
        #expect(c.position(ofByte: 5) == LSPPosition(line: 0, character: 3))
        #expect(c.byteOffset(of: LSPPosition(line: 0, character: 3)) == 5)
        // Half-way through the pair is the pair's start.
        #expect(c.byteOffset(of: LSPPosition(line: 0, character: 2)) == 1)
    }

    @Test func lineBreaksAreLSPsOnly() {
        // \r\n, \r and \n break lines; U+2028 and U+0085 (which libyaml breaks at) do not.
        let text = "a\r\nb\rc\nd\u{2028}e\u{85}f"
        let c = converter(text, .utf16)
        #expect(c.position(ofByte: offset(of: "b", in: text)) == LSPPosition(line: 1, character: 0))
        #expect(c.position(ofByte: offset(of: "c", in: text)) == LSPPosition(line: 2, character: 0))
        #expect(c.position(ofByte: offset(of: "f", in: text)) == LSPPosition(line: 3, character: 4))
    }

    @Test func positionsPastTheEndClamp() {
        let c = converter("ab\ncd\n", .utf16)
        #expect(c.byteOffset(of: LSPPosition(line: 0, character: 99)) == 2)
        #expect(c.byteOffset(of: LSPPosition(line: 9, character: 0)) == 6)
        #expect(c.byteOffset(of: LSPPosition(line: -1, character: 0)) == 0)
    }

    @Test func encodingNegotiation() {
        #expect(PositionEncoding.negotiate(offered: nil) == .utf16)
        #expect(PositionEncoding.negotiate(offered: ["utf-16"]) == .utf16)
        #expect(PositionEncoding.negotiate(offered: ["utf-32", "utf-8", "utf-16"]) == .utf8)
        #expect(PositionEncoding.negotiate(offered: ["utf-32"]) == .utf16)
    }

    @Test func incrementalChangesUseTheEncoding() {
        let text = Array("x: \"😀a\"\n".utf8)
        let change: JSON = ["range": ["start": ["line": 0, "character": 6], "end": ["line": 0, "character": 7]], "text": "b"]
        let applied = TextChanges.apply([change], to: text, encoding: .utf16)
        #expect(applied.map { String(decoding: $0, as: UTF8.self) } == "x: \"😀b\"\n")
        #expect(TextChanges.apply([["text": "whole"]], to: text, encoding: .utf16) == Array("whole".utf8))
    }

    @Test func fileURIs() {
        #expect(FileURI.path(of: "file:///tmp/a%20b/%E6%97%A5.yaml") == "/tmp/a b/日.yaml")
        #expect(FileURI.path(of: "untitled:Untitled-1") == nil)
        #expect(FileURI.uri(of: "/tmp/a b/日.yaml") == "file:///tmp/a%20b/%E6%97%A5.yaml")
    }
}
