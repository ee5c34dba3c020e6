import Testing
@testable import ArgoLint

/// container-spec, resource-template and template-field's pod checks: values
/// upstream fills in before judging are left alone, and positions inside a
/// resource manifest are the file's.
@Suite struct PodsParityTests {
    static func workflow(_ templates: String) -> String {
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: pods-}
        spec:
          entrypoint: main
          arguments:
            parameters: [{name: action, value: create}, {name: deadline, value: "60"}]
          templates:
        \(templates)
        """
    }

    static func findings(_ text: String, _ rules: Set<String>) -> [String] {
        summary(lint(text).filter { rules.contains($0.rule) })
    }

    @Test func placeholdersAreNotJudgedAsLiterals() {
        let text = Self.workflow("""
            - name: main
              activeDeadlineSeconds: "{{workflow.parameters.deadline}}"
              resource:
                action: "{{workflow.parameters.action}}"
                manifest: "{{workflow.parameters.action}}"
            - name: set
              containerSet:
                containers:
                  - {name: "c-{{workflow.parameters.action}}", image: alpine}
        """)
        #expect(Self.findings(text, ["resource-template", "template-field", "container-spec"]).isEmpty)
    }

    @Test func deadlinesFollowUpstreamsIntegerRules() {
        let text = Self.workflow("""
            - name: main
              activeDeadlineSeconds: "-3"
              container: {image: alpine}
            - name: zero
              activeDeadlineSeconds: 0
              container: {image: alpine}
            - name: quoted
              activeDeadlineSeconds: "10"
              container: {image: alpine}
        """)
        // A quoted negative number is a number to upstream; zero passes (only negatives are refused).
        #expect(Self.findings(text, ["template-field"]) == ["template-field@10:30"])
    }

    @Test func retryPolicyCaseFixIsSafe() {
        let text = Self.workflow("""
            - name: main
              retryStrategy: {retryPolicy: always}
              container: {image: alpine}
        """)
        let finding = lint(text).first { $0.rule == "template-field" }
        #expect(finding?.diagnostic.fix?.edits.first?.newText == "Always")
        #expect(finding?.diagnostic.fix?.applicability == .safe)
    }

    @Test func manifestErrorsPointInsideTheBlockAndOnlyInTheFirstDocument() {
        let text = Self.workflow("""
            - name: main
              resource:
                action: create
                manifest: |
                  kind: ConfigMap
                  data: [a, b
                  metadata: {}
            - name: later
              resource:
                action: create
                manifest: |
                  kind: ConfigMap
                  ---
                  data: a: b
        """)
        // The unclosed flow sequence is noticed at the next key; the second document is not read.
        #expect(Self.findings(text, ["resource-template"]) == ["resource-template@15:19"])
    }

    @Test func getAndDeleteNeedNoManifest() {
        let text = Self.workflow("""
            - name: main
              resource:
                action: delete
                flags: [configmap, cm]
        """)
        #expect(Self.findings(text, ["resource-template"]).isEmpty)
    }
}
