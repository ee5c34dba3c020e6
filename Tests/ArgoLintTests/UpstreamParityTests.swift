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

    static func placeholderSteps(name: String, reference: String, input: String = "date") -> String {
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: dated-}
        spec:
          entrypoint: main
          templates:
            - name: main
              inputs:
                parameters: [{name: \(input), value: "2024"}]
              steps:
                - - name: \(name)
                    template: echo
                - - name: after
                    template: echo
                    when: "{{\(reference).status}} == Succeeded"
            - name: echo
              container: {image: alpine}
        """
    }

    @Test func stepNamesMayHoldPlaceholders() {
        // Argo 4.1 checks the literal text around the placeholder, and accepts references to such steps.
        let fine = lint(Self.placeholderSteps(name: "run-{{inputs.parameters.date}}", reference: "steps.run-{{inputs.parameters.date}}"))
        #expect(summary(fine).filter { !$0.hasPrefix("secret-undefined") } == [])
        // The skeleton must still be a valid name.
        let badSkeleton = lint(Self.placeholderSteps(name: "run_{{inputs.parameters.date}}", reference: "steps.run_{{inputs.parameters.date}}"))
        #expect(summary(badSkeleton).contains("invalid-name@11:19"))
        // A reference to a step that does not exist, and an inner placeholder that does not resolve, are still errors.
        let wrongStep = lint(Self.placeholderSteps(name: "run-{{inputs.parameters.date}}", reference: "steps.walk-{{inputs.parameters.date}}"))
        #expect(wrongStep.contains { $0.rule == "unresolved-variable" && $0.message.contains("there is no step \"walk-{{inputs.parameters.date}}\"") })
        let wrongInput = lint(Self.placeholderSteps(name: "run-{{inputs.parameters.date}}", reference: "steps.run-{{inputs.parameters.date}}", input: "day"))
        #expect(wrongInput.filter { $0.rule == "unresolved-variable" }.count >= 1)
        #expect(!wrongInput.contains { $0.rule == "expr-syntax" })
    }

    @Test func templateFieldsFollowTheirType() {
        let text = """
        apiVersion: argoproj.io/v1alpha1
        kind: WorkflowTemplate
        metadata: {name: fields}
        spec:
          templates:
            - name: slow
              timeout: "30"
              script: {source: "echo", image: ""}
            - name: call
              podResources: {limits: {cpu: "1"}}
              http: {url: "https://api.example.invalid/"}
            - name: wait
              activeDeadlineSeconds: 60
              dag:
                tasks: [{name: a, template: slow}]
        """
        let found = lint(text).filter { $0.rule == "template-field" }
        #expect(found.map { "\($0.start.line):\($0.start.column)" } == ["7:16", "8:39", "10:7", "13:7"])
        #expect(found.first?.diagnostic.fix?.edits.first?.newText == "\"30s\"")
        // An image from spec.templateDefaults is enough.
        let withDefaults = text.replacingOccurrences(of: "spec:\n", with: "spec:\n  templateDefaults: {script: {image: python:3}}\n")
        #expect(!lint(withDefaults).contains { $0.rule == "template-field" && $0.message.contains("image") })
    }

    static func callers(kind: String, entrypointArguments: String, input: String) -> String {
        """
        apiVersion: argoproj.io/v1alpha1
        kind: \(kind)
        metadata: {name: callers}
        spec:
          entrypoint: main
        \(entrypointArguments)
          templates:
            - name: main
              inputs:
                parameters: [{name: region}]
              steps:
                - - name: inline
                    inline:
                      inputs: {parameters: [{name: p}]}
                      container: {image: alpine}
                  - name: called
                    template: leaf
            - name: leaf
              inputs:
        \(input)
              container: {image: alpine}
        """
    }

    @Test func missingArgumentsFollowUpstreamFilling() {
        func found(_ kind: String, arguments: String = "", input: String) -> [String] {
            lint(Self.callers(kind: kind, entrypointArguments: arguments, input: input))
                .filter { $0.rule == "missing-argument" }.map { "\($0.start.line):\($0.start.column)" }
        }
        let needs = "        parameters: [{name: q}]"
        // The entrypoint of a Workflow or CronWorkflow gets spec.arguments; inline templates count.
        #expect(found("Workflow", input: needs) == ["5:15", "12:19", "16:19"])
        // A WorkflowTemplate's entrypoint is validated with stand-in arguments.
        #expect(found("WorkflowTemplate", input: needs) == ["12:19", "16:19"])
        // spec.arguments supplies the entrypoint, even without a value (given at submit).
        #expect(found("Workflow", arguments: "  arguments: {parameters: [{name: region}]}", input: needs) == ["12:19", "16:19"])
        // A default, a configMapKeyRef or an optional / located artifact needs no argument.
        #expect(found("WorkflowTemplate", input: "        parameters: [{name: q, default: x}]") == ["12:19"])
        #expect(found("WorkflowTemplate", input: "        parameters: [{name: q, valueFrom: {configMapKeyRef: {name: c, key: k}}}]") == ["12:19"])
        #expect(found("WorkflowTemplate", input: "        artifacts: [{name: a, path: /a, optional: true}, {name: b, path: /b, raw: {data: x}}]") == ["12:19"])
        #expect(found("WorkflowTemplate", input: "        artifacts: [{name: a, path: /a}]") == ["12:19", "16:19"])
    }

    @Test func aCronWorkflowRunsItsEntrypointWithItsArguments() {
        let cron = """
        apiVersion: argoproj.io/v1alpha1
        kind: CronWorkflow
        metadata: {name: nightly}
        spec:
          schedule: "0 1 * * *"
          workflowSpec:
            entrypoint: main
            templates:
              - name: main
                inputs: {parameters: [{name: day}]}
                container: {image: alpine}
        """
        #expect(summary(lint(cron).filter { $0.rule == "missing-argument" }) == ["missing-argument@7:17"])
        let supplied = cron.replacingOccurrences(of: "    entrypoint: main\n", with: "    entrypoint: main\n    arguments: {parameters: [{name: day, value: mon}]}\n")
        #expect(lint(supplied).filter { $0.rule == "missing-argument" }.isEmpty)
    }
}
