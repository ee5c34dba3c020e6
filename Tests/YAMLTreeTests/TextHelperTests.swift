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
}
