import YAMLTree
import ArgoModel
import ArgoSemantics

/// missing-argument: a call leaves an input of the called template without a value.
///
/// Upstream validates every step and task a second time with the arguments it
/// really passes (and the entrypoint with spec.arguments), filling each input
/// parameter from the argument, else its value or default; one left empty is
/// "inputs.parameters.x was not supplied". An input artifact with no location
/// of its own that is neither optional nor passed is "inputs.artifacts.x was
/// not supplied".
public struct MissingArgumentRule: Rule {
    public static let info = RuleInfo(id: "missing-argument", defaultSeverity: .error,
                                      summary: "a step, task or the entrypoint leaves an input of the called template without a value")
    public var info: RuleInfo { Self.info }
    public init() {}

    /// The keys that give an artifact a location of its own.
    static let artifactLocations: Set<String> = ["s3", "git", "http", "artifactory", "hdfs", "raw", "oss", "gcs", "azure", "plugin"]

    public func check(_ context: ResourceContext, _ report: inout Reporter) {
        for template in context.allTemplates {
            for group in template.steps ?? [] {
                for step in group {
                    checkCall(step.call, what: "step", context, &report)
                }
            }
            for task in template.dag?.tasks ?? [] {
                checkCall(task.call, what: "task", context, &report)
            }
        }
        checkEntrypoint(context, &report)
    }

    private func checkCall(_ call: TemplateCall, what: String, _ context: ResourceContext, _ report: inout Reporter) {
        guard let target = context.semantics.calledTemplate(call) else { return }
        let caller = call.name.map { "\(what) \"\($0.value)\"" } ?? "this \(what)"
        let callee = call.inline != nil ? "its inline template" : target.name.map { "template \"\($0.value)\"" } ?? "the template it calls"
        for missing in unsupplied(inputs: target.inputs, arguments: call.arguments) {
            report.report(call.reportSpan,
                          "\(caller) does not pass \(missing.kind) \"\(missing.name)\" that \(callee) needs (\(missing.why)); Argo rejects it (inputs.\(missing.kind)s.\(missing.name) was not supplied): add it under arguments.\(missing.kind)s, or \(missing.remedy)",
                          related: [RelatedLocation(span: missing.declaration, message: "input \(missing.kind) \"\(missing.name)\" declared here")])
        }
    }

    /// A Workflow (or a CronWorkflow's workflowSpec) runs its entrypoint with
    /// spec.arguments; WorkflowTemplates are validated with stand-in arguments.
    private func checkEntrypoint(_ context: ResourceContext, _ report: inout Reporter) {
        let kind = context.resource.kind
        guard kind == .workflow || kind == .cronWorkflow, context.spec.workflowTemplateRef == nil,
              let entrypoint = context.spec.entrypoint, !entrypoint.value.hasTemplateTag,
              let target = context.semantics.template(named: entrypoint.value) else { return }
        for missing in unsupplied(inputs: target.inputs, arguments: context.spec.arguments) {
            report.report(entrypoint.span,
                          "entrypoint template \"\(entrypoint.value)\" needs input \(missing.kind) \"\(missing.name)\" (\(missing.why)), and spec.arguments.\(missing.kind)s does not give it; Argo rejects it (inputs.\(missing.kind)s.\(missing.name) was not supplied): add it to spec.arguments.\(missing.kind)s",
                          related: [RelatedLocation(span: missing.declaration, message: "input \(missing.kind) \"\(missing.name)\" declared here")])
        }
    }

    struct Missing {
        var kind: String
        var name: String
        var declaration: SourceSpan

        var why: String { kind == "parameter" ? "it has no value or default" : "it has no location of its own and is not optional" }
        var remedy: String { kind == "parameter" ? "give the input a default" : "give the input a location or optional: true" }
    }

    /// The inputs no argument, value or default fills, in declaration order.
    func unsupplied(inputs: ParameterSet, arguments: Arguments) -> [Missing] {
        var result: [Missing] = []
        for input in inputs.parameters {
            guard let name = input.name, !name.value.isEmpty, !name.value.hasTemplateTag else { continue }
            // An argument without value or valueFrom is parameter-value's finding; one
            // with valueFrom is resolved at run time (configMapKeyRef, supplied, event).
            if arguments.parameter(named: name.value) != nil { continue }
            if input.value != nil || input.defaultValue != nil { continue }
            if input.valueFrom?["configMapKeyRef"] != nil { continue }
            result.append(Missing(kind: "parameter", name: name.value, declaration: name.span))
        }
        for input in inputs.artifacts {
            guard let name = input.name, !name.value.isEmpty, !name.value.hasTemplateTag else { continue }
            if arguments.artifact(named: name.value) != nil { continue }
            if input.node.field("optional")?.boolValue == true { continue }
            if input.node.mappingPairs.contains(where: { Self.artifactLocations.contains($0.key.stringValue ?? "") }) { continue }
            result.append(Missing(kind: "artifact", name: name.value, declaration: name.span))
        }
        return result
    }
}
