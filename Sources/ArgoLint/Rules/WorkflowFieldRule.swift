import YAMLTree
import ArgoModel
import ArgoSemantics

/// workflow-field: spec-level settings upstream's validate.go rejects when the
/// workflow is submitted: a lifecycle hook that never fires, templates next to
/// a workflowTemplateRef, an executor plugin the controller cannot run, and a
/// podGC it does not understand.
public struct WorkflowFieldRule: Rule {
    public static let info = RuleInfo(id: "workflow-field", defaultSeverity: .error,
                                      summary: "a workflow spec field Argo rejects (hooks, podGC, executorPlugins, templates with workflowTemplateRef)")
    public var info: RuleInfo { Self.info }
    public init() {}

    static let podGCStrategies = ["OnPodCompletion", "OnPodSuccess", "OnWorkflowCompletion", "OnWorkflowSuccess"]
    static let selectorOperators = ["In", "NotIn", "Exists", "DoesNotExist"]

    public func check(_ context: ResourceContext, _ report: inout Reporter) {
        let spec = context.spec
        checkHooks(spec.hooks, where: "spec.hooks", example: "workflow.status", &report)
        // Upstream checks step hooks, not DAG task hooks (validate.go validates
        // hooks only for the workflow and for each step).
        for template in context.allTemplates {
            for step in template.steps?.flatMap({ $0 }) ?? [] {
                let name = step.call.name.map { "step \"\($0.value)\"" } ?? "this step"
                let example = step.call.name.map { "steps.\($0.value).status" } ?? "workflow.status"
                checkHooks(step.call.hooks, where: name, example: example, &report)
            }
        }
        guard let node = spec.node else { return }
        if spec.workflowTemplateRef != nil, let templates = node.pair("templates"), !templates.value.sequenceItems.isEmpty {
            report.report(templates.key.span, "spec.templates can't be used with spec.workflowTemplateRef: the templates come from the referenced WorkflowTemplate, and Argo rejects the Workflow; move these templates into that WorkflowTemplate, or drop workflowTemplateRef")
        }
        checkExecutorPlugins(node["executorPlugins"], &report)
        if let podGC = node["podGC"], podGC.isMapping { checkPodGC(podGC, &report) }
    }

    // MARK: hooks

    private func checkHooks(_ hooks: [LifecycleHook], where owner: String, example: String, _ report: inout Reporter) {
        for hook in hooks {
            guard let event = hook.event, event.value != "exit" else { continue }
            guard hook.expression.map({ $0.isNull || $0.value.isEmpty }) ?? true else { continue }
            let span = hook.expression?.keySpan ?? event.span
            report.report(span, "hook \"\(event.value)\" of \(owner) has no expression: only the exit hook runs without one, and Argo rejects the workflow (Expression required); add an expression saying when it runs, like expression: \(example) == \"Running\"\(event.value.lowercased() == "exit" ? ", or name it exit" : "")")
        }
    }

    // MARK: executor plugins

    /// What the controller needs of each executor plugin before it can start its sidecar.
    private func checkExecutorPlugins(_ node: YAMLNode?, _ report: inout Reporter) {
        for plugin in node?.sequenceItems ?? .empty {
            guard plugin.isMapping else {
                if !plugin.isNull { report.report(plugin.span, "executor plugin is \(plugin.kindDescription), and Argo wants an object with metadata.name and spec.sidecar.container") }
                continue
            }
            let metadata = plugin["metadata"]
            let name = metadata?.field("name")
            let label = name.map { "executor plugin \"\($0.value)\"" } ?? "executor plugin"
            if name == nil || name?.value.isEmpty == true || name?.isNull == true {
                let span = name?.reportSpan ?? plugin.pair("metadata")?.key.span ?? plugin.mappingPairs.first?.key.span ?? plugin.span
                report.report(span, "executor plugin has no metadata.name, which Argo requires (executor plugin metadata name is mandatory)")
            }
            let sidecar = plugin["spec"]?["sidecar"]
            guard let container = sidecar?["container"], container.isMapping else {
                let span = sidecar.flatMap { $0.isMapping ? plugin["spec"]?.pair("sidecar")?.key.span : nil }
                    ?? plugin.pair("spec")?.key.span ?? plugin.mappingPairs.first?.key.span ?? plugin.span
                report.report(span, "\(label) has no spec.sidecar.container, and Argo needs one with ports, resources requests and limits, and a securityContext (at least one port is mandatory)")
                continue
            }
            let containerKey = plugin["spec"]?["sidecar"]?.pair("container")?.key.span ?? container.span
            // Each missing part at the most exact place; parts missing at one place make one finding.
            var missing: [(span: SourceSpan, what: String)] = []
            if container["ports"]?.sequenceItems.isEmpty ?? true {
                missing.append((container.pair("ports")?.key.span ?? containerKey, "a port"))
            }
            let resources = container["resources"]
            for part in ["requests", "limits"] where !(resources?[part]?.isMapping ?? false) {
                missing.append((resources?.pair(part)?.key.span ?? container.pair("resources")?.key.span ?? containerKey, "resources.\(part)"))
            }
            if !(container["securityContext"]?.isMapping ?? false) {
                missing.append((container.pair("securityContext")?.key.span ?? containerKey, "a securityContext"))
            }
            var spans: [SourceSpan] = []
            for item in missing where !spans.contains(item.span) { spans.append(item.span) }
            for span in spans {
                let parts = missing.filter { $0.span == span }.map(\.what)
                let list = parts.count == 1 ? parts[0] : parts.dropLast().joined(separator: ", ") + " and " + parts[parts.count - 1]
                report.report(span, "the sidecar container of \(label) needs \(list), which Argo requires of every executor plugin (\(Self.upstreamWords[parts[0]] ?? "")); add \(parts.count == 1 ? "it" : "them")")
            }
        }
    }

    /// Upstream's words for the first missing part of a plugin's sidecar.
    static let upstreamWords = [
        "a port": "at least one port is mandatory",
        "resources.requests": "resources requests are mandatory",
        "resources.limits": "resources limits are mandatory",
        "a securityContext": "security context is mandatory",
    ]

    // MARK: podGC

    private func checkPodGC(_ podGC: YAMLNode, _ report: inout Reporter) {
        if let strategy = podGC.field("strategy"), !strategy.isNull, !strategy.value.isEmpty, !Self.podGCStrategies.contains(strategy.value) {
            let caseMatch = Self.podGCStrategies.first { $0.lowercased() == strategy.value.lowercased() }
            let hint = (caseMatch ?? Suggestions.best(for: strategy.value, among: Self.podGCStrategies)).map { "; did you mean \"\($0)\"?" }
                ?? "; use one of \(Suggestions.quotedList(Self.podGCStrategies))"
            report.report(strategy.span, "podGC.strategy \"\(strategy.value)\" is not a strategy Argo knows (unknown strategy)\(hint)",
                          fix: CronSpecRule.caseFix(strategy, caseMatch))
        }
        guard let selector = podGC["labelSelector"], selector.isMapping else { return }
        for pair in selector["matchLabels"]?.mappingPairs ?? .empty {
            guard let key = pair.key.stringValue else { continue }
            if let problem = Self.qualifiedNameProblem(key) {
                report.report(pair.key.span, "podGC.labelSelector.matchLabels key \"\(key)\" is not a valid label key: \(problem)")
            }
            if let value = ScalarField(pair.value), !value.isNull, let problem = Self.labelValueProblem(value.value) {
                report.report(value.span, "podGC.labelSelector.matchLabels value \"\(value.value)\" is not a valid label value: \(problem)")
            }
        }
        for expression in selector["matchExpressions"]?.sequenceItems ?? .empty where expression.isMapping {
            checkExpression(expression, &report)
        }
    }

    /// One `matchExpressions` entry, as Kubernetes' label selector conversion checks it.
    private func checkExpression(_ expression: YAMLNode, _ report: inout Reporter) {
        let key = expression.field("key")
        if let key, let problem = Self.qualifiedNameProblem(key.isNull ? "" : key.value) {
            report.report(key.reportSpan, "podGC.labelSelector key \"\(key.value)\" is not a valid label key: \(problem)")
        }
        guard let op = expression.field("operator"), !op.isNull else { return }  // schema-required's finding
        let valuesPair = expression.pair("values")
        let values = valuesPair?.value.sequenceItems.compactMap { ScalarField($0) } ?? []
        switch op.value {
        case "In", "NotIn":
            if values.isEmpty {
                report.report(valuesPair?.key.span ?? op.span, "podGC.labelSelector operator \(op.value) needs at least one value (values set can't be empty); list the label values to match under values")
            }
        case "Exists", "DoesNotExist":
            if !values.isEmpty, let valuesPair {
                report.report(valuesPair.key.span, "podGC.labelSelector operator \(op.value) takes no values (values set must be empty for exists and does not exist); drop values")
            }
        default:
            let caseMatch = Self.selectorOperators.first { $0.lowercased() == op.value.lowercased() }
            let hint = (caseMatch ?? Suggestions.best(for: op.value, among: Self.selectorOperators)).map { "; did you mean \"\($0)\"?" }
                ?? "; use one of \(Suggestions.quotedList(Self.selectorOperators))"
            report.report(op.span, "\"\(op.value)\" is not a label selector operator, so podGC.labelSelector is invalid\(hint)",
                          fix: CronSpecRule.caseFix(op, caseMatch))
            return
        }
        for value in values where !value.isNull {
            if let problem = Self.labelValueProblem(value.value) {
                report.report(value.span, "podGC.labelSelector value \"\(value.value)\" is not a valid label value: \(problem)")
            }
        }
    }

    /// Kubernetes' qualified name (a label key): an optional DNS-subdomain prefix
    /// and '/', then a name of at most 63 characters.
    static func qualifiedNameProblem(_ key: String) -> String? {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let name: String
        switch parts.count {
        case 1:
            name = parts[0]
        case 2:
            if parts[0].isEmpty { return "the prefix before '/' is empty" }
            if !InvalidNameRule.isDNSSubdomain(parts[0]) { return "the prefix \"\(parts[0])\" must be a lower-case DNS subdomain (letters, digits, '-' and '.')" }
            name = parts[1]
        default:
            return "a key has at most one '/'"
        }
        if name.isEmpty { return "the name part is empty" }
        if name.utf8.count > 63 { return "the name part is \(name.utf8.count) characters long, and at most 63 are allowed" }
        if !isLabelName(name) { return "use letters, digits, '-', '_' and '.', starting and ending with a letter or digit" }
        return nil
    }

    /// A label value: empty, or at most 63 characters of the label-name alphabet.
    static func labelValueProblem(_ value: String) -> String? {
        if value.isEmpty { return nil }
        if value.utf8.count > 63 { return "it is \(value.utf8.count) characters long, and at most 63 are allowed" }
        return isLabelName(value) ? nil : "use letters, digits, '-', '_' and '.', starting and ending with a letter or digit"
    }

    private static func isLabelName(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, let last = bytes.last,
              InvalidNameRule.isAlphanumeric(first), InvalidNameRule.isAlphanumeric(last) else { return false }
        return bytes.allSatisfy { InvalidNameRule.isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }
    }
}
