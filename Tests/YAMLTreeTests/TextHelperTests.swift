import Testing
@testable import YAMLTree

/// The byte-level string helpers the hot paths use must agree with the slow,
/// obvious definitions they replace.
@Suite struct TextHelperTests {
    @Test(arguments: ["", "a", "a.b", ".a", "a.", "a..b", "..", "tasks.café.outputs", "日本.語", "no-dots"])
    func splitBytesMatchesStringSplit(_ text: String) {
        #expect(text.splitBytes(".") == text.split(separator: ".", omittingEmptySubsequences: false).map(String.init))
        #expect(text.splitBytes(".", omittingEmpty: true) == text.split(separator: ".").map(String.init))
    }

    @Test(arguments: [
        ("", false), ("{", false), ("{{", true), ("a{b{c", false), ("{ {", false), ("x{{y", true),
        ("{{{", true), ("ends with {", false), ("é{{", true), (String(repeating: "{a", count: 100) + "{", false),
        (String(repeating: "a", count: 40) + "{{", true),
    ])
    func hasTemplateTagFindsDoubleBraces(_ text: String, _ expected: Bool) {
        #expect(text.hasTemplateTag == expected)
        #expect(text.hasTemplateTag == text.contains("{{"))
    }

    @Test func subtreeTagFlagsFollowScalars() throws {
        let text = """
            a:
              b: plain
              c: [x, "{{inputs.parameters.p}}"]
            d: {e: f}
            "{{key}}": v
            """
        let result = YAMLParser.parse(SourceFile(path: "t.yaml", text: text))
        let root = try #require(result.documents.first?.root)
        #expect(root.containsTemplateTag)
        #expect(root["a"]?.containsTemplateTag == true)
        #expect(root["a"]?["b"]?.containsTemplateTag == false)
        #expect(root["a"]?["c"]?.containsTemplateTag == true)
        #expect(root["d"]?.containsTemplateTag == false)
        #expect(root.pairs?.last?.key.containsTemplateTag == true)
        #expect(root.pairs?.last?.value.containsTemplateTag == false)
    }

    /// The obvious byte-by-byte definition of line starts and ASCII-ness.
    static func naiveScan(_ bytes: [UInt8]) -> ([Int], Bool) {
        var starts = [0]
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0A { starts.append(index + 1) }
            if bytes[index] == 0x0D {
                if index + 1 < bytes.count && bytes[index + 1] == 0x0A { index += 1 }
                starts.append(index + 1)
            }
            index += 1
        }
        return (starts, bytes.allSatisfy { $0 < 0x80 })
    }

    @Test(arguments: ["", "a", "a\n", "\n\n", "a\nbb\nccc", "a\r\nb\rc\n", "\r", "\r\n", "x\r\r\n",
                      "12345678é\n", "1234567é", "é", String(repeating: "abcdefgh\n", count: 9) + "ü", "no newline at all, just text"])
    func sourceFileScanMatchesNaiveScan(_ text: String) {
        let file = SourceFile(path: "t", text: text)
        let (starts, ascii) = Self.naiveScan(Array(text.utf8))
        #expect(file.lineStarts == starts)
        #expect(file.isASCII == ascii)
    }
}
