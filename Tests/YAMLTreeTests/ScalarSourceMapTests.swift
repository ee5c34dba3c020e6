import Testing
@testable import YAMLTree

/// Where value offset `valueOffset` of the scalar under `key` lands, as "line:column".
private func locate(_ text: String, key: String, _ needle: String) throws -> String {
    let file = SourceFile(path: "t.yaml", text: text)
    let result = YAMLParser.parse(file)
    let node = try #require(result.documents.first?.root[key])
    let value = try #require(node.stringValue)
    let range = try #require(value.utf8.firstRange(of: Array(needle.utf8)))
    let valueOffset = value.utf8.distance(from: value.utf8.startIndex, to: range.lowerBound)
    let map = ScalarSourceMap(file: file, node: node)
    let p = file.position(ofByte: map.sourceOffset(valueOffset))
    return "\(p.line):\(p.column)"
}

@Suite struct ScalarSourceMapTests {
    @Test func plain() throws {
        #expect(try locate("c: status_code == 200\n", key: "c", "200") == "1:19")
    }

    @Test func plainMultiLineFolds() throws {
        #expect(try locate("c: a ==\n  b && x\n", key: "c", "x") == "2:8")
    }

    @Test func singleQuotedWithDoubledQuote() throws {
        #expect(try locate("c: 'it''s x'\n", key: "c", "x") == "1:11")
    }

    @Test func doubleQuotedWithEscapes() throws {
        // `\u00e9` is six source characters for one value character.
        #expect(try locate("c: \"\\u00e9 == \\\"x\\\" && y\"\n", key: "c", "y") == "1:24")
    }

    @Test func doubleQuotedLineContinuation() throws {
        #expect(try locate("c: \"a \\\n   b y\"\n", key: "c", "y") == "2:6")
    }

    @Test func literalBlock() throws {
        let text = "c: |\n  first line\n  second 🚀 target\n"
        #expect(try locate(text, key: "c", "target") == "3:12")
    }

    @Test func literalBlockWithIndentIndicatorAndKeep() throws {
        let text = "c: |2+\n    indented\n  target\n\n"
        #expect(try locate(text, key: "c", "target") == "3:3")
    }

    @Test func foldedBlock() throws {
        let text = "c: >-\n  a\n  b\n\n  target\n"
        #expect(try locate(text, key: "c", "target") == "5:3")
    }

    @Test func nestedBlockInSequence() throws {
        let text = "c:\n  - x\nd: |\n    {\n      \"k\": \"{{tasks.a.outputs.result}}\"\n    }\n"
        #expect(try locate(text, key: "d", "tasks") == "5:15")
    }
}
