import Foundation
import Testing
@testable import YAMLTree

/// Inputs the fuzzers found (fixtures/fuzz/FuzzYAML), fed through what the
/// FuzzYAML target does: parse, then map every scalar back to its source.
@Suite struct FuzzRegressionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func inputs(_ target: String) -> [(name: String, bytes: [UInt8])] {
        let folder = root.appendingPathComponent("fixtures/fuzz/\(target)")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().compactMap { name in
            FileManager.default.contents(atPath: folder.appendingPathComponent(name).path).map { (name, [UInt8]($0)) }
        }
    }

    /// Every scalar's source map stays inside the file. Nodes an alias copies in
    /// were mapped at their anchor, so copies are skipped (as FuzzYAML does).
    static func mapAll(_ node: YAMLNode, _ file: SourceFile, inAlias: Bool = false) {
        let inAlias = inAlias || node.aliasSpan != nil
        if node.scalar != nil, !inAlias {
            let map = ScalarSourceMap(file: file, node: node)
            #expect(map.offsets.allSatisfy { $0 >= 0 && $0 <= file.bytes.count })
        }
        if let items = node.items { for item in items { mapAll(item, file, inAlias: inAlias) } }
        if let pairs = node.pairs {
            for pair in pairs { mapAll(pair.key, file, inAlias: inAlias); mapAll(pair.value, file, inAlias: inAlias) }
        }
    }

    /// The one-character escapes decode as YAML says, and each value byte maps
    /// back to its escape in the source.
    @Test func escapesMapToTheirSource() throws {
        let text = #"k: "a\tb\n\\\"\/\0\e\_\N\L\P\x41\u00e9z""# + "\n"
        let file = SourceFile(path: "t.yaml", text: text)
        let node = try #require(YAMLParser.parse(file).documents.first?.root["k"])
        let value = try #require(node.stringValue)
        #expect(value == "a\tb\n\\\"/\u{0}\u{1B}\u{A0}\u{85}\u{2028}\u{2029}Aéz")
        let map = ScalarSourceMap(file: file, node: node)
        #expect(map.offsets.count == value.utf8.count + 1)
        // "b" (value byte 2) follows the two-byte escape \t at source offset 5.
        #expect(map.sourceOffset(2) == 7)
        // "z", the last value byte, sits just before the closing quote.
        #expect(map.sourceOffset(value.utf8.count - 1) == text.utf8.count - 3)
    }

    @Test func fuzzInputsParseAndMap() {
        let inputs = Self.inputs("FuzzYAML")
        #expect(!inputs.isEmpty)
        for input in inputs {
            let file = SourceFile(path: input.name, bytes: input.bytes)
            for document in YAMLParser.parse(file).documents { Self.mapAll(document.root, file) }
        }
    }

    /// A block scalar with no lines at all (`>` or `|` and nothing after it)
    /// used to trap building its source map (a `0...-1` range).
    @Test(arguments: [">\n", "|\n", "c: >\n", "c: |-\n\n\n", "c: >+\n\n", "- |2\n"])
    func emptyBlockScalar(_ text: String) throws {
        let file = SourceFile(path: "t.yaml", text: text)
        let parsed = YAMLParser.parse(file)
        let root = try #require(parsed.documents.first?.root)
        let node = root.isMapping ? try #require(root["c"]) : root.isSequence ? try #require(root.items?.first) : root
        let value = try #require(node.stringValue)
        let map = ScalarSourceMap(file: file, node: node)
        #expect(map.offsets.count == value.utf8.count + 1)
        #expect(map.sourceOffset(0) >= node.span.start && map.sourceOffset(0) <= file.bytes.count)
    }
}
