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

    /// Every scalar's source map stays inside the file.
    static func mapAll(_ node: YAMLNode, _ file: SourceFile) {
        if node.scalar != nil, node.aliasSpan == nil {
            let map = ScalarSourceMap(file: file, node: node)
            #expect(map.offsets.allSatisfy { $0 >= 0 && $0 <= file.bytes.count })
        }
        if let items = node.items { for item in items { mapAll(item, file) } }
        if let pairs = node.pairs { for pair in pairs { mapAll(pair.key, file); mapAll(pair.value, file) } }
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
