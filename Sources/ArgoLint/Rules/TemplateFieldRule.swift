import YAMLTree
import ArgoModel
import ArgoSemantics

/// template-field: a field the template's type does not allow, or one it needs.
/// Upstream's validate.go rejects each of these when the workflow is submitted.
public struct TemplateFieldRule: Rule {
    public static let info = RuleInfo(id: "template-field", defaultSeverity: .error,
                                      summary: "a template field its type does not allow, or one its type needs")
    public var info: RuleInfo { Self.info }
    public init() {}

    public func check(_ context: ResourceContext, _ report: inout Reporter) {
        let defaults = context.spec.templateDefaults
        for template in context.allTemplates {
            guard let type = template.type else { continue }  // template-type's finding
            let name = template.name.map { "template \"\($0.value)\"" } ?? "this template"
            checkImage(template, type: type, name: name, defaults: defaults, &report)
            checkTasks(template, type: type, name: name, &report)
            for pair in template.node.mappingPairs {
                guard let key = pair.key.stringValue, !pair.value.isNull else { continue }
                switch key {
                case "parallelism" where type.isLeaf || type == .suspend:
                    report.report(pair.key.span, "\(name) is a \(type.rawValue) template, and parallelism is only valid for steps and dag templates; move it to the steps or dag template that runs this one")
                case "activeDeadlineSeconds" where !type.isLeaf:
                    report.report(pair.key.span, "\(name) is a \(type.rawValue) template, and activeDeadlineSeconds is only valid for leaf templates (container, script, http, ...); set it on the templates it runs, or spec.activeDeadlineSeconds for the whole workflow")
                case "timeout" where !type.isLeaf:
                    report.report(pair.key.span, "\(name) is a \(type.rawValue) template, which doesn't support timeout; set timeout on the leaf templates it runs")
                case "timeout":
                    if let value = pair.value.scalar?.value, !value.hasTemplateTag, Int(value) != nil {
                        report.report(pair.value.span, "timeout \"\(value)\" of \(name) is a bare number, and Argo wants a duration; write \"\(value)s\"",
                                      fix: Fix(description: "write \(value)s", edits: [TextEdit(span: pair.value.span, newText: "\"\(value)s\"")]))
                    }
                case "podResources" where type == .http || type == .plugin:
                    report.report(pair.key.span, "\(name) is a \(type.rawValue) template, which runs in the workflow's shared agent pod: podResources is not supported there")
                case "resourceClaims" where !type.runsInPod:
                    report.report(pair.key.span, "\(name) is a \(type.rawValue) template, which creates no pod: resourceClaims is not supported there")
                default:
                    break
                }
            }
        }
    }

    /// A dag template runs its tasks; upstream rejects one with none.
    private func checkTasks(_ template: Template, type: TemplateType, name: String, _ report: inout Reporter) {
        guard type == .dag, let dag = template.dag, dag.tasks.isEmpty else { return }
        let span = dag.tasksKeySpan ?? template.node.pair("dag")?.key.span ?? template.reportSpan
        report.report(span, "\(name) is a dag template with no tasks; Argo rejects it (must have at least one task): add a task, or remove the template")
    }

    /// container and script templates need an image, unless templateDefaults gives one.
    private func checkImage(_ template: Template, type: TemplateType, name: String, defaults: YAMLNode?, _ report: inout Reporter) {
        guard type == .container || type == .script, let body = template.node[type.rawValue], body.isMapping else { return }
        let image = body.field("image")
        guard image == nil || image?.value.isEmpty == true else { return }
        if let fallback = defaults?[type.rawValue]?.field("image")?.value, !fallback.isEmpty { return }
        let span = image?.reportSpan ?? template.node.pair(type.rawValue)?.key.span ?? template.reportSpan
        report.report(span, "\(name) has no \(type.rawValue).image, and spec.templateDefaults gives none; Argo rejects it (\(type.rawValue).image may not be empty)")
    }
}
