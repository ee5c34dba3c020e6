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
                case "activeDeadlineSeconds":
                    checkDeadline(pair.value, name: name, &report)
                case "pendingTimeout" where !type.isLeaf:
                    report.report(pair.key.span, "\(name) is a \(type.rawValue) template, which doesn't support pendingTimeout (Argo rejects it); set pendingTimeout on the leaf templates it runs")
                case "retryStrategy":
                    checkRetryPolicy(pair.value, name: name, &report)
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
        checkClusterTemplateImages(context, &report)
    }

    /// Argo's four retry policies; an empty value means the default.
    static let retryPolicies = ["Always", "OnError", "OnFailure", "OnTransientError"]

    /// retryStrategy.retryPolicy must name a policy. Upstream compares the value as
    /// written (no variable substitution happens here), so a placeholder is rejected too.
    private func checkRetryPolicy(_ strategy: YAMLNode, name: String, _ report: inout Reporter) {
        guard let policy = strategy.field("retryPolicy"), !policy.value.isEmpty, !policy.scalar.isNull,
              !Self.retryPolicies.contains(policy.value) else { return }
        let list = Self.retryPolicies.joined(separator: ", ")
        if let exact = Self.retryPolicies.first(where: { $0.lowercased() == policy.value.lowercased() }) {
            // Only the letter case differs: the intended policy is certain.
            report.report(policy.span, "retryPolicy \"\(policy.value)\" of \(name) is not a retry policy Argo knows (policies are case-sensitive: \(list)); write \"\(exact)\"",
                          fix: Fix(description: "write \(exact)", edits: [TextEdit(span: policy.span, newText: exact)]))
            return
        }
        let hint = Suggestions.didYouMean(policy.value, among: Self.retryPolicies)
        report.report(policy.span, "retryPolicy \"\(policy.value)\" of \(name) is not a retry policy Argo knows; use one of \(list)\(hint)")
    }

    /// A leaf template's activeDeadlineSeconds must be a positive whole number of
    /// seconds, or a `{{...}}` variable Argo fills in at runtime. (On steps and dag
    /// templates the key itself is the finding, above.) Values holding a variable are
    /// left alone: upstream substitutes them before judging.
    private func checkDeadline(_ value: YAMLNode, name: String, _ report: inout Reporter) {
        guard let scalar = value.scalar, !scalar.isNull, !scalar.value.hasTemplateTag else { return }
        let text = scalar.value
        let number: Int?
        switch scalar.resolved {
        case .int(let i): number = i
        case .string: number = Int(text)
        default: return  // a float or bool: schema-type's finding
        }
        guard let number else {
            report.report(value.span, "activeDeadlineSeconds \"\(text)\" of \(name) is neither a whole number of seconds nor a {{...}} variable, and Argo rejects it; write a positive number such as 300")
            return
        }
        if number < 0 {
            report.report(value.span, "activeDeadlineSeconds \(text) of \(name) is negative, and Argo rejects it (it must be a positive number of seconds); write a positive number such as 300")
        }
    }

    /// Upstream honours templateDefaults only for the Workflow or WorkflowTemplate a
    /// template is validated in. A template reached through a ClusterWorkflowTemplate
    /// (templateRef with clusterScope, or workflowTemplateRef with clusterScope) is
    /// judged without its ClusterWorkflowTemplate's defaults, so an image that only
    /// those defaults give is "empty" to upstream. The ClusterWorkflowTemplate itself
    /// passes (validated on its own, it counts as a workflow), so the finding sits
    /// at the reference.
    private func checkClusterTemplateImages(_ context: ResourceContext, _ report: inout Reporter) {
        var refs: [TemplateRef] = []
        for template in context.allTemplates {
            var calls: [TemplateCall] = template.dag?.tasks.map(\.call) ?? []
            calls += template.steps?.flatMap { $0.map(\.call) } ?? []
            refs += calls.compactMap(\.templateRef)
            refs += calls.flatMap(\.hooks).compactMap(\.templateRef)
        }
        refs += context.spec.hooks.compactMap(\.templateRef)
        for ref in refs where ref.clusterScope {
            guard let refName = ref.name?.value, let templateName = ref.template?.value,
                  let target = context.workspace.workflowTemplate(named: refName, clusterScope: true),
                  let template = target.resource.spec.template(named: templateName),
                  let field = Self.imageFromDefaultsOnly(template, defaults: target.resource.spec.templateDefaults) else { continue }
            let span = ref.template?.span ?? ref.node.span
            report.report(span, "template \"\(templateName)\" of ClusterWorkflowTemplate \"\(refName)\" has no \(field) and relies on that template's templateDefaults, which Argo does not apply to templates reached through a ClusterWorkflowTemplate; it rejects this workflow (\(field) may not be empty); give the template its own image")
        }
        if let ref = context.spec.workflowTemplateRef, ref.clusterScope, let refName = ref.name?.value,
           let target = context.workspace.workflowTemplate(named: refName, clusterScope: true) {
            for template in target.resource.spec.templates {
                guard let field = Self.imageFromDefaultsOnly(template, defaults: target.resource.spec.templateDefaults) else { continue }
                let templateName = template.name?.value ?? "?"
                report.report(ref.name?.span ?? ref.node.span, "template \"\(templateName)\" of ClusterWorkflowTemplate \"\(refName)\" has no \(field) and relies on that template's templateDefaults, which Argo does not apply to templates reached through a ClusterWorkflowTemplate; it rejects this workflow (\(field) may not be empty); give the template its own image")
                break  // upstream stops at the first
            }
        }
    }

    /// "container.image" / "script.image" when the template has none of its own but
    /// the defaults give one; nil otherwise (no image at all is the template's own finding).
    private static func imageFromDefaultsOnly(_ template: Template, defaults: YAMLNode?) -> String? {
        guard let type = template.type, type == .container || type == .script,
              let body = template.node[type.rawValue], body.isMapping else { return nil }
        guard body.field("image")?.value.isEmpty ?? true else { return nil }
        guard let fallback = defaults?[type.rawValue]?.field("image")?.value, !fallback.isEmpty else { return nil }
        return "\(type.rawValue).image"
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
