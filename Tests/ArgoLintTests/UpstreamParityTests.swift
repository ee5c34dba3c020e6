import Testing
@testable import ArgoLint
import ArgoSemantics

/// Behaviours taken from upstream validation (issue 10's first items).
@Suite struct UpstreamParityTests {
    static func workflow(nodeSelector: String, input: String) -> String {
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: pods-}
        spec:
          entrypoint: main
          nodeSelector:
            zone: "\(nodeSelector)"
          templates:
            - name: main
              inputs:
                parameters: [{name: \(input), value: a}]
              container: {image: alpine}
        """
    }

    @Test func podFieldsReadTheInputsOfEachPod() {
        // Workflow-level pod fields are substituted per pod: a pod template's input resolves.
        let fine = lint(Self.workflow(nodeSelector: "{{inputs.parameters.zone}}", input: "zone"))
        #expect(fine.filter { $0.rule == "unresolved-variable" }.isEmpty)
        // No pod template declares it: said, as information only.
        let unknown = lint(Self.workflow(nodeSelector: "{{inputs.parameters.zone}}", input: "region"))
        let finding = unknown.first { $0.rule == "unresolved-variable" }
        #expect(finding?.severity == .info)
        #expect(finding.map { "\($0.start.line):\($0.start.column)" } == "7:12")
        // Outside the pod fields, inputs.* still has no meaning at the spec level.
        let arguments = lint(Self.workflow(nodeSelector: "x", input: "zone")
            .replacingOccurrences(of: "  nodeSelector:\n    zone: \"x\"\n", with: "  arguments:\n    parameters: [{name: p, value: \"{{inputs.parameters.zone}}\"}]\n"))
        #expect(arguments.first { $0.rule == "unresolved-variable" }?.severity == .error)
    }

    static let project = """
    apiVersion: argoproj.io/v1alpha1
    kind: WorkflowTemplate
    metadata: {name: ci-tools}
    spec:
      templates:
        - name: build
          container: {image: alpine}
    ---
    apiVersion: argoproj.io/v1alpha1
    kind: Workflow
    metadata: {generateName: refs-}
    spec:
      entrypoint: main
      templates:
        - name: main
          steps:
            - - name: build
                templateRef: {name: REF, template: build}
    """

    @Test func aNearMissOfAProjectTemplateIsAnErrorWithAFix() {
        let typo = lint(Self.project.replacingOccurrences(of: "REF", with: "ci-tool"))
        let finding = typo.first { $0.rule == "undefined-template" }
        #expect(finding?.severity == .error)
        #expect(finding?.message.contains("did you mean \"ci-tools\"?") == true)
        #expect(finding?.diagnostic.fix?.edits.first?.newText == "ci-tools")
        #expect(finding?.diagnostic.fix?.applicability == .unsafe)
        // A name far from every project template may live only in the cluster: a warning.
        let elsewhere = lint(Self.project.replacingOccurrences(of: "REF", with: "shared-steps"))
        #expect(elsewhere.first { $0.rule == "undefined-template" }?.severity == .warning)
    }
}
