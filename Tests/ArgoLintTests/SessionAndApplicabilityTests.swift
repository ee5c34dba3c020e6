import Foundation
import Testing
import YAMLTree
@testable import ArgoLint
import ArgoSemantics

@Suite struct LintSessionTests {
    static let template = """
    apiVersion: argoproj.io/v1alpha1
    kind: WorkflowTemplate
    metadata: {name: tools}
    spec:
      templates:
        - name: gen
          container: {image: alpine}
          outputs:
            parameters:
              - name: result
                valueFrom: {path: /tmp/out}
    """

    static let workflow = """
    apiVersion: argoproj.io/v1alpha1
    kind: Workflow
    metadata: {generateName: uses-}
    spec:
      entrypoint: main
      templates:
        - name: main
          dag:
            tasks:
              - name: t
                templateRef: {name: tools, template: gen}
              - name: u
                template: show
                dependencies: [t]
                arguments:
                  parameters: [{name: v, value: "{{tasks.t.outputs.parameters.result}}"}]
        - name: show
          inputs: {parameters: [{name: v}]}
          container: {image: alpine}
    """

    private func rules(_ report: FileReport) -> [String] { report.diagnostics.map(\.rule) }

    @Test func oneFileIsCheckedAgainstTheSessionsFacts() {
        let session = LintSession(facts: [LintInput(path: "tools.yaml", bytes: Array(Self.template.utf8))])
        let report = session.check(LintInput(path: "wf.yaml", bytes: Array(Self.workflow.utf8)))
        #expect(rules(report).filter { $0 != "secret-undefined" } == [])
        #expect(session.factPaths == ["tools.yaml"])
    }

    @Test func anUnsavedTextReplacesAFilesFacts() {
        let session = LintSession(facts: [LintInput(path: "tools.yaml", bytes: Array(Self.template.utf8))])
        let renamed = Self.template.replacingOccurrences(of: "- name: result", with: "- name: output")
        let edited = session.updating(LintInput(path: "tools.yaml", bytes: Array(renamed.utf8)))
        let report = edited.check(LintInput(path: "wf.yaml", bytes: Array(Self.workflow.utf8)))
        #expect(rules(report).contains("unresolved-variable"))
        // The original session is unchanged: sessions are values.
        #expect(!rules(session.check(LintInput(path: "wf.yaml", bytes: Array(Self.workflow.utf8)))).contains("unresolved-variable"))
        // A file that stops defining templates drops out of the facts.
        let emptied = edited.updating(LintInput(path: "tools.yaml", bytes: Array("kind: ConfigMap\n".utf8)))
        #expect(emptied.factPaths.isEmpty)
        #expect(edited.removing(path: "tools.yaml").factPaths.isEmpty)
    }

    @Test func fixSeesTemplatesDefinedInAnotherNamedFile() throws {
        let dir = try temporaryDirectory()
        let typo = Self.workflow.replacingOccurrences(of: "outputs.parameters.result", with: "outputs.parameters.reslt")
        try typo.write(toFile: dir + "/a.yaml", atomically: true, encoding: .utf8)
        try Self.template.write(toFile: dir + "/b.yaml", atomically: true, encoding: .utf8)
        let result = try runCLI(["fix", "--unsafe-fixes", "a.yaml", "b.yaml"], cwd: dir)
        let fixed = try String(contentsOfFile: dir + "/a.yaml", encoding: .utf8)
        #expect(fixed.contains("{{tasks.t.outputs.parameters.result}}"), "\(result.out)\(result.err)")
    }
}

@Suite struct FixApplicabilityTests {
    static let text = """
    apiVersion: argoproj.io/v1alpha1
    kind: Workflow
    metadata: {generateName: app-}
    spec:
      entrypoint: main
      templates:
        - name: main
          http:
            url: http://api.example.invalid/x
            method: get
            timeoutSecnds: 5
    """

    @Test func fixAppliesSafeFixesUnlessToldOtherwise() throws {
        let dir = try temporaryDirectory()
        let path = dir + "/wf.yaml"
        try Self.text.write(toFile: path, atomically: true, encoding: .utf8)
        _ = try runCLI(["fix", path])
        let safeOnly = try String(contentsOfFile: path, encoding: .utf8)
        #expect(safeOnly.contains("method: GET"))       // upper-casing: safe
        #expect(safeOnly.contains("timeoutSecnds: 5"))  // a did-you-mean rename: left alone
        _ = try runCLI(["fix", "--unsafe-fixes", path])
        let all = try String(contentsOfFile: path, encoding: .utf8)
        #expect(all.contains("timeoutSeconds: 5"))
    }

    @Test func fixesSayWhetherTheyAreSafe() {
        let report = lint(Self.text)
        let method = report.first { $0.rule == "http-method" }?.diagnostic.fix
        let rename = report.first { $0.rule == "schema-unknown-field" }?.diagnostic.fix
        #expect(method?.applicability == .safe)
        #expect(rename?.applicability == .unsafe)
    }

    @Test func jsonSaysEachFixsApplicability() throws {
        let result = try runCLI(["lint", "--format", "json", "-", "--stdin-filename", "wf.yaml"], stdin: Self.text)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        let fixes = (report["diagnostics"] as? [[String: Any]] ?? []).compactMap { $0["fix"] as? [String: Any] }
        #expect(Set(fixes.compactMap { $0["applicability"] as? String }) == ["safe", "unsafe"])
    }
}
