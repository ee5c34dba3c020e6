import Foundation
import Testing
import YAMLTree
@testable import ArgoLint
import ArgoSemantics

@Suite struct FixApplierTests {
    @Test func overlappingFixesWaitAndInsertionsKeepOrder() {
        let text = Array("abcdef".utf8)
        let fixes = [
            Fix(description: "1", edits: [TextEdit(span: SourceSpan(start: 1, end: 3), newText: "XY")]),
            Fix(description: "2", edits: [TextEdit(span: SourceSpan(start: 2, end: 4), newText: "??")]),
            Fix(description: "3", edits: [TextEdit(span: SourceSpan(start: 6, end: 6), newText: "!"), TextEdit(span: SourceSpan(start: 0, end: 0), newText: ">")]),
        ]
        let (bytes, applied) = FixApplier.apply(fixes, to: text)
        #expect(String(decoding: bytes, as: UTF8.self) == ">aXYdef!")
        #expect(applied.map(\.description) == ["1", "3"])
    }

    @Test func unifiedDiffShowsChangedLinesWithContext() {
        let diff = UnifiedDiff.make(old: "a\nb\nc\nd\n", new: "a\nB\nc\nd\ne\n", path: "x.yaml")
        #expect(diff == "--- a/x.yaml\n+++ b/x.yaml\n@@ -1,4 +1,5 @@\n a\n-b\n+B\n c\n d\n+e\n")
        #expect(UnifiedDiff.make(old: "same\n", new: "same\n", path: "x.yaml").isEmpty)
    }

    @Test func atomicWriterRefusesAFileThatChangedAndKeepsPermissions() throws {
        let dir = try temporaryDirectory()
        let path = dir + "/wf.yaml"
        try "old\n".write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
        #expect(throws: AtomicWriteError.self) {
            try AtomicWriter.replace(path: path, expecting: Array("something else\n".utf8), with: Array("new\n".utf8))
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old\n")
        try AtomicWriter.replace(path: path, expecting: Array("old\n".utf8), with: Array("new\n".utf8))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new\n")
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber
        #expect(permissions?.intValue == 0o640)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["wf.yaml"], "no temporary file is left behind")
    }
}

/// `argolint fix` on the reference text's workflow (read from ../shared/seed).
@Suite struct SeedFixTests {
    static func seed() throws -> String {
        try String(contentsOfFile: Repo.shared + "/seed/http-example.yaml", encoding: .utf8)
    }

    @Test func fixingTheSeedYieldsUpstreamArgo() throws {
        let original = try Self.seed()
        let fixer = Fixer(session: LintSession(options: LintOptions(dialect: .argo), facts: []), includeUnsafe: true)
        let outcome = fixer.fix(path: "http-example.yaml", bytes: Array(original.utf8))
        let fixed = String(decoding: outcome.bytes, as: UTF8.self)
        #expect(fixed.contains("successCondition: response.statusCode == 200\n"))
        #expect(fixed.contains("successCondition: response.statusCode == 201\n"))
        #expect(fixed.contains("headers: [{name: Content-Type, value: \"application/json\"}]"))
        #expect(fixed.contains("\"input_data\": \"{{inputs.parameters.get-data-result}}\"") || fixed.contains("toJson(inputs.parameters['get-data-result'])"))
        #expect(fixed.contains("                - name: get-data-result\n                  value: \"{{tasks.get-data.outputs.result}}\"\n"))
        let content = fixed.components(separatedBy: "\n").filter { !$0.hasPrefix("#") }.joined(separator: "\n")
        #expect(!content.contains("status_code"))
        #expect(!content.contains("contentType"))
        // Comments and untouched lines stay byte for byte.
        let untouched = original.components(separatedBy: "\n").filter { $0.hasPrefix("#") || $0.contains("X-Argo-Workflow") }
        for line in untouched { #expect(fixed.contains(line)) }
        // Whatever is left has no automatic fix, and no structural or reference error remains.
        #expect(outcome.remaining.diagnostics.allSatisfy { $0.fix == nil })
        let structural: Set<String> = ["yaml-syntax", "schema-unknown-field", "schema-type", "schema-required", "unresolved-variable", "expr-syntax", "expr-type", "expr-unknown-name", "undefined-template"]
        #expect(!outcome.remaining.diagnostics.contains { structural.contains($0.rule) }, "\(outcome.remaining.diagnostics.map(\.message))")
        // Idempotent: a second run changes nothing.
        let again = fixer.fix(path: "http-example.yaml", bytes: outcome.bytes)
        #expect(again.bytes == outcome.bytes)
        #expect(again.applied.isEmpty)
    }

    @Test func fixCommandWritesInPlaceAndDryRunDoesNot() throws {
        let dir = try temporaryDirectory()
        let path = dir + "/wf.yaml"
        let original = try Self.seed()
        try original.write(toFile: path, atomically: true, encoding: .utf8)
        let dry = try runCLI(["fix", "--dry-run", "wf.yaml"], cwd: dir, environment: ["NO_COLOR": "1"])
        #expect(dry.out.contains("--- a/wf.yaml\n+++ b/wf.yaml\n"))
        #expect(dry.out.contains("-        successCondition: status_code == 200\n+        successCondition: response.statusCode == 200\n"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == original, "--dry-run writes nothing")
        let run = try runCLI(["fix", "wf.yaml"], cwd: dir, environment: ["NO_COLOR": "1"])
        #expect(run.err.contains("applied"))
        let fixed = try String(contentsOfFile: path, encoding: .utf8)
        #expect(fixed != original)
        #expect(fixed.contains("response.statusCode == 201"))
        let second = try runCLI(["fix", "wf.yaml"], cwd: dir)
        #expect(second.err.contains("applied 0 fixes in 0 files"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == fixed)
    }

    @Test func dryRunDiffMasksHardCodedCredentials() throws {
        let dir = try temporaryDirectory()
        try """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: x-}
        spec:
          entrypoint: main
          templates:
            - name: main
              http:
                url: https://example.com/data?api_key=sk_live_abcdef1234567890XYZ
                method: get

        """.write(toFile: dir + "/wf.yaml", atomically: true, encoding: .utf8)
        let result = try runCLI(["fix", "--dry-run", "wf.yaml"], cwd: dir, environment: ["NO_COLOR": "1"])
        #expect(result.out.contains("+        method: GET"))
        #expect(!result.out.contains("sk_live"), "the diff's context lines must not show the credential")
        #expect(result.out.contains("api_key=****"))
    }

    @Test func fixReadsStdinAndWritesStdout() throws {
        let result = try runCLI(["fix", "-"], stdin: "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {generateName: x-}\nspec:\n  entrypoint: main\n  templates:\n    - name: main\n      http:\n        url: https://example.com\n        successCondition: status_code == 200\n")
        #expect(result.out.hasSuffix("        successCondition: response.statusCode == 200\n"))
    }
}

/// The reference text's conditions (../shared/seed/conditions.txt): clean in the
/// seed dialect; in the argo dialect, the documented errors and fixes.
@Suite struct SeedConditionTests {
    static func workflow(_ condition: String) -> String {
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: cond-}
        spec:
          entrypoint: main
          templates:
            - name: main
              http:
                url: https://example.com/api/data
                successCondition: \(condition)

        """
    }

    static let expectations: [String: (rules: [String], fixed: String)] = [
        "status_code == 200": (["expr-unknown-name"], "response.statusCode == 200"),
        "status_code == 201": (["expr-unknown-name"], "response.statusCode == 201"),
        "status_code == 200 && response.body.status == \"completed\"":
            (["expr-type", "expr-unknown-name"], "response.statusCode == 200 && fromJSON(response.body).status == \"completed\""),
        "status_code == 200 && response.body.data.items.length > 0":
            (["expr-type", "expr-unknown-name"], "response.statusCode == 200 && len(fromJSON(response.body).data.items) > 0"),
    ]

    static func conditions() throws -> [String] {
        let text = try String(contentsOfFile: Repo.shared + "/seed/conditions.txt", encoding: .utf8)
        return text.components(separatedBy: "\n").filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }

    @Test func everySeedConditionIsCovered() throws {
        #expect(Set(try Self.conditions()) == Set(Self.expectations.keys))
    }

    @Test func cleanUnderSeed() throws {
        for condition in try Self.conditions() {
            let found = lint(Self.workflow(condition), dialect: .seed)
            #expect(found.isEmpty, "\(condition): \(found.map(\.message))")
        }
    }

    @Test func documentedErrorsAndFixesUnderArgo() throws {
        for condition in try Self.conditions() {
            let expected = try #require(Self.expectations[condition])
            let found = lint(Self.workflow(condition), dialect: .argo)
            #expect(Set(found.map(\.rule)) == Set(expected.rules), "\(condition)")
            #expect(found.allSatisfy { $0.start.line == 10 && $0.severity == .error })
            let fixer = Fixer(session: LintSession(options: LintOptions(dialect: .argo), facts: []), includeUnsafe: true)
            let outcome = fixer.fix(path: "c.yaml", bytes: Array(Self.workflow(condition).utf8))
            #expect(String(decoding: outcome.bytes, as: UTF8.self) == Self.workflow(expected.fixed), "\(condition)")
            #expect(outcome.remaining.diagnostics.isEmpty)
        }
    }
}
