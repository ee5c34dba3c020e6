import YAMLTree
import ArgoModel
import ArgoSemantics
import ArgoSyntax

/// undefined-template: `template:`, `entrypoint`, `onExit`, hooks, `templateRef`
/// and `workflowTemplateRef` must name something that exists. A referenced
/// WorkflowTemplate that is not among the inputs may live in the cluster, so
/// that is a warning; a missing template inside one we have is an error.
public struct UndefinedTemplateRule: Rule {
    public static let info = RuleInfo(id: "undefined-template", defaultSeverity: .error, summary: "template, entrypoint, onExit or templateRef names nothing defined")
    public var info: RuleInfo { Self.info }
    public init() {}

    public func check(_ context: ResourceContext, _ report: inout Reporter) {
        let spec = context.spec
        var canResolveLocally = true
        if let ref = spec.workflowTemplateRef, let name = ref.name {
            let kind = ref.clusterScope ? "ClusterWorkflowTemplate" : "WorkflowTemplate"
            if !context.workspace.hasWorkflowTemplate(named: name.value, clusterScope: ref.clusterScope) {
                canResolveLocally = false
                if !name.value.hasTemplateTag {
                    let candidates = context.workspace.templateNames(clusterScope: ref.clusterScope)
                    report.report(name.span, "\(kind) \"\(name.value)\" is not among the linted files, so its templates cannot be checked; it may exist only in the cluster\(Suggestions.didYouMean(name.value, among: candidates))", severity: .warning)
                }
            }
        }
        let local = context.localTemplates.compactMap { $0.name?.value }
        let localSet = Set(local)

        func checkName(_ field: ScalarField?, what: String) {
            guard let field, canResolveLocally, !field.value.hasTemplateTag, !field.isNull, !localSet.contains(field.value) else { return }
            report.report(field.span, "\(what) \"\(field.value)\" is not defined in this \(context.resource.kind.rawValue)" + alternatives(field.value, local))
        }

        checkName(spec.entrypoint, what: "entrypoint template")
        checkName(spec.onExit, what: "onExit template")
        for hook in spec.hooks {
            checkName(hook.template, what: "hook template")
            checkRef(hook.templateRef, context, &report)
        }
        for template in context.allTemplates {
            var calls: [TemplateCall] = template.dag?.tasks.map(\.call) ?? []
            calls += template.steps?.flatMap { $0.map(\.call) } ?? []
            for call in calls {
                checkName(call.template, what: "template")
                checkName(call.onExit, what: "onExit template")
                checkRef(call.templateRef, context, &report)
                for hook in call.hooks {
                    checkName(hook.template, what: "hook template")
                    checkRef(hook.templateRef, context, &report)
                }
            }
        }
    }

    /// Upstream validates a templateRef after substituting the parameters it knows:
    /// inputs and workflow globals become stand-in values, so a WorkflowTemplate name
    /// built from them is looked up under a name that cannot exist, and the manifest
    /// is rejected ("template reference ... not found"). Only the template part may
    /// vary; a name built from other references (items, outputs) is left unresolved,
    /// and upstream skips it, as we do.
    private func checkParameterisedName(_ name: ScalarField, _ context: ResourceContext, _ report: inout Reporter) {
        let literalParameters = Set(context.spec.arguments.parameters.compactMap { parameter -> String? in
            guard let value = parameter.value, !value.value.hasTemplateTag else { return nil }
            return parameter.name?.value
        })
        for tag in TemplateTagScanner.scan(name.value).tags {
            guard let variable = tag.name else { continue }
            let standIn: Bool
            if variable.hasPrefix("workflow.parameters.") {
                standIn = !literalParameters.contains(String(variable.dropFirst("workflow.parameters.".count)))
            } else {
                standIn = variable.hasPrefix("inputs.") || variable.hasPrefix("workflow.")
            }
            guard standIn else { continue }
            report.report(name.sourceSpan(tag.range, in: context.file),
                          "templateRef name \"\(name.value)\" is built from {{\(variable)}}, which Argo's validation replaces with a stand-in value, so it rejects the reference (template reference ... not found); name the WorkflowTemplate literally and vary templateRef.template instead")
            return
        }
    }

    private func alternatives(_ name: String, _ candidates: [String]) -> String {
        if let best = Suggestions.best(for: name, among: candidates) { return "; did you mean \"\(best)\"?" }
        return candidates.isEmpty ? "; it defines no templates" : "; templates are \(Suggestions.quotedList(candidates))"
    }

    private func checkRef(_ ref: TemplateRef?, _ context: ResourceContext, _ report: inout Reporter) {
        guard let ref, let name = ref.name else { return }
        if name.value.hasTemplateTag {
            checkParameterisedName(name, context, &report)
            return
        }
        let kind = ref.clusterScope ? "ClusterWorkflowTemplate" : "WorkflowTemplate"
        guard let target = context.workspace.workflowTemplate(named: name.value, clusterScope: ref.clusterScope) else {
            let candidates = context.workspace.templateNames(clusterScope: ref.clusterScope)
            // The other scope holding that name is a likely mix-up worth naming.
            if context.workspace.hasWorkflowTemplate(named: name.value, clusterScope: !ref.clusterScope) {
                let hint = ref.clusterScope ? "a WorkflowTemplate of that name exists: drop clusterScope: true" : "a ClusterWorkflowTemplate of that name exists: add clusterScope: true"
                report.report(name.span, "templateRef names \(kind) \"\(name.value)\", which is not among the linted files; it may exist only in the cluster; \(hint)", severity: .warning)
                return
            }
            // A project template one or two edits away is far likelier a typo than a
            // second template with almost the same name that lives only in the cluster.
            let distances = candidates.map { ($0, Suggestions.distance(name.value, $0)) }.filter { $0.1 <= 2 }
            if let (nearMiss, edits) = distances.min(by: { ($0.1, $0.0) < ($1.1, $1.0) }) {
                let fix = context.file.text(of: name.span) == name.value
                    ? Fix(description: "use \"\(nearMiss)\"", edits: [TextEdit(span: name.span, newText: nearMiss)], applicability: .unsafe) : nil
                report.report(name.span, "templateRef names \(kind) \"\(name.value)\", which is not defined, but the project defines \"\(nearMiss)\", \(edits) edit\(edits == 1 ? "" : "s") away; did you mean \"\(nearMiss)\"?", fix: fix)
                return
            }
            report.report(name.span, "templateRef names \(kind) \"\(name.value)\", which is not among the linted files; it may exist only in the cluster" + Suggestions.didYouMean(name.value, among: candidates), severity: .warning)
            return
        }
        guard let template = ref.template, !template.value.hasTemplateTag else { return }
        let names = target.resource.spec.templates.compactMap { $0.name?.value }
        if !names.contains(template.value) {
            report.report(template.span, "\(kind) \"\(name.value)\" has no template \"\(template.value)\"" + alternatives(template.value, names))
        }
    }
}
