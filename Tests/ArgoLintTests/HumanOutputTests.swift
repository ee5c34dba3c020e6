import Foundation
import Testing

/// The human format's related-location notes and `--no-source`, and the JSON
/// format's `related` array.
@Suite(.serialized) struct HumanOutputTests {
    static let duplicate = """
    apiVersion: argoproj.io/v1alpha1
    kind: Workflow
    metadata:
      generateName: dup-
      annotations:
        team: data
      annotations:
        owner: me
    spec:
      entrypoint: main
      templates:
        - name: main
          steps:
            - - name: one
                template: nope

    """

    static let duplicateMessage = "key \"annotations\" is already defined at line 5 column 3; Kubernetes keeps only the last one, so the earlier value is silently dropped"

    @Test func relatedLocationsAreNoteLinesWithTheirSource() throws {
        let dir = try temporaryDirectory()
        try Self.duplicate.write(toFile: dir + "/dup.yaml", atomically: true, encoding: .utf8)
        let result = try runCLI(["lint", "dup.yaml"], cwd: dir, environment: ["NO_COLOR": "1"])
        #expect(result.code == 1)
        let lines = result.out.components(separatedBy: "\n")
        #expect(Array(lines.prefix(6)) == [
            "dup.yaml:7:3: error: \(Self.duplicateMessage) [yaml-duplicate-key]",
            " 7 |   annotations:",
            "   |   ^~~~~~~~~~~",
            "dup.yaml:5:3: note: first definition of \"annotations\"",
            " 5 |   annotations:",
            "   |   ^~~~~~~~~~~",
        ])
    }

    @Test func noSourceIsOneLinePerFindingAndNote() throws {
        let dir = try temporaryDirectory()
        try Self.duplicate.write(toFile: dir + "/dup.yaml", atomically: true, encoding: .utf8)
        try """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: fix-}
        spec:
          entrypoint: x
          templates:
            - name: x
              dag:
                tasks:
                  - {name: alpha, template: leaf}
                  - {name: b, template: leaf, dependencies: [alpa]}
            - name: leaf
              container: {image: alpine}

        """.write(toFile: dir + "/fixable.yaml", atomically: true, encoding: .utf8)
        let result = try runCLI(["lint", "--no-source", "."], cwd: dir, environment: ["NO_COLOR": "1"])
        #expect(result.code == 1)
        let lines = result.out.components(separatedBy: "\n")
        #expect(lines.count == 6, "\(lines)")
        #expect(lines[0] == "dup.yaml:7:3: error: \(Self.duplicateMessage) [yaml-duplicate-key]")
        #expect(lines[1] == "dup.yaml:5:3: note: first definition of \"annotations\"")
        #expect(lines[2] == "dup.yaml:15:23: error: template \"nope\" is not defined in this Workflow; templates are \"main\" [undefined-template]")
        #expect(lines[3].hasPrefix("fixable.yaml:11:54: error: ") && lines[3].hasSuffix(" [undefined-dependency]"))
        #expect(lines[4] == "3 errors, 0 warnings in 2 files")
        #expect(lines[5] == "")
        // Every finding line has the gcc shape problem matchers and editors parse.
        let pattern = try Regex("^(.+?):(\\d+):(\\d+): (error|warning|info|note): (.*)$")
        for line in lines.prefix(4) { #expect(line.wholeMatch(of: pattern) != nil, "\(line)") }
        // With source (the default) the same findings carry snippets and the fix.
        let full = try runCLI(["lint", "."], cwd: dir, environment: ["NO_COLOR": "1"])
        #expect(full.out.contains(" 15 |             template: nope\n"))
        #expect(full.out.contains("      = fix: "))
        #expect(!result.out.contains(" | "))
        #expect(!result.out.contains("= fix"))
    }

    @Test func jsonHasRelatedOnlyWhereThereIsOne() throws {
        let dir = try temporaryDirectory()
        try Self.duplicate.write(toFile: dir + "/dup.yaml", atomically: true, encoding: .utf8)
        let result = try runCLI(["lint", "--format", "json", "dup.yaml"], cwd: dir)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.count == 2)
        let plainKeys: Set<String> = ["file", "line", "column", "endLine", "endColumn", "severity", "rule", "message"]
        #expect(Set(diagnostics[0].keys) == plainKeys.union(["related"]))
        #expect(Set(diagnostics[1].keys) == plainKeys)
        let related = try #require(diagnostics[0]["related"] as? [[String: Any]])
        #expect(related.count == 1)
        #expect(related[0]["file"] as? String == "dup.yaml")
        #expect(related[0]["line"] as? Int == 5 && related[0]["column"] as? Int == 3)
        #expect(related[0]["endLine"] as? Int == 5 && related[0]["endColumn"] as? Int == 14)
        #expect(related[0]["message"] as? String == "first definition of \"annotations\"")
    }
}
