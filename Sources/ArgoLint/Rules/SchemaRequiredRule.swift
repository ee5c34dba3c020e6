import YAMLTree
import ArgoModel
import ArgoSemantics

/// schema-required: most findings come from `SchemaValidator` (Sources/ArgoSchema);
/// this rule adds the requirements the field table cannot express: a Workflow
/// needs `spec.entrypoint` unless it takes its spec from a `workflowTemplateRef`,
/// and every step or DAG task needs one of `template`, `templateRef` or `inline`.
public struct SchemaRequiredRule: Rule {
    public static let info = RuleInfo(id: "schema-required", defaultSeverity: .error, summary: "a required field is missing")
    public var info: RuleInfo { Self.info }
    public init() {}

    public func check(_ context: ResourceContext, _ report: inout Reporter) {
        checkEntrypoint(context, &report)
        for template in context.allTemplates {
            let tasks = template.dag?.tasks.map { ("task", $0.call) } ?? []
            let steps = template.steps?.flatMap { $0.map { ("step", $0.call) } } ?? []
            for (what, call) in tasks + steps where call.template == nil && call.templateRef == nil && call.node["inline"] == nil {
                let name = call.name.map { " \"\($0.value)\"" } ?? ""
                report.report(call.reportSpan, "\(what)\(name) calls no template: give it template, templateRef or inline")
            }
        }
    }

    private func checkEntrypoint(_ context: ResourceContext, _ report: inout Reporter) {
        let resource = context.resource
        guard resource.kind == .workflow || resource.kind == .cronWorkflow else { return }
        let spec = resource.spec
        // `entrypoint:` with no value is as missing as no key (an empty quoted
        // name is undefined-template's finding).
        guard spec.node != nil, spec.entrypoint?.isNull ?? true, spec.workflowTemplateRef == nil else { return }
        let names = spec.templates.compactMap { $0.name?.value }
        let hint = names.isEmpty ? "" : "; templates are \(Suggestions.quotedList(names))"
        let span = spec.entrypoint?.keySpan ?? spec.node?.mappingPairs.first?.key.span ?? spec.span
        report.report(span, "\(resource.kind.rawValue) \"\(resource.metadata.displayName)\" has no spec.entrypoint: Argo does not know which template to run\(hint)")
    }
}
