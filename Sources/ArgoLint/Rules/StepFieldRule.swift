import YAMLTree
import ArgoModel
import ArgoSemantics

/// step-field: a step or DAG task whose fields contradict each other: a
/// template name beside a templateRef, two loop sources, a withSequence with
/// both count and end, or a withItems entry that is null. Upstream rejects each
/// when the workflow is submitted.
public struct StepFieldRule: Rule {
    public static let info = RuleInfo(id: "step-field", defaultSeverity: .error,
                                      summary: "a step or DAG task with fields Argo does not allow together")
    public var info: RuleInfo { Self.info }
    public init() {}

    static let loopKeys: Set<String> = ["withItems", "withParam", "withSequence"]

    public func check(_ context: ResourceContext, _ report: inout Reporter) {
        for template in context.allTemplates {
            for group in template.steps ?? [] {
                for step in group { checkCall(step.call, what: "step", &report) }
            }
            for task in template.dag?.tasks ?? [] { checkCall(task.call, what: "task", &report) }
        }
    }

    private func checkCall(_ call: TemplateCall, what: String, _ report: inout Reporter) {
        let caller = call.name.map { "\(what) \"\($0.value)\"" } ?? "this \(what)"
        if let template = call.template, !template.isNull, let ref = call.node.pair("templateRef"), !ref.value.isNull {
            report.report(ref.key.span, "\(caller) names template \"\(template.value)\" and also a templateRef; Argo rejects the pair (template name cannot be specified with templateRef): keep only one")
        }
        let loops = call.node.mappingPairs.filter { pair in
            guard let key = pair.key.stringValue, Self.loopKeys.contains(key) else { return false }
            return !pair.value.isNull && !(pair.value.isSequence && pair.value.sequenceItems.isEmpty) && pair.value.scalar?.value != ""
        }
        if loops.count > 1, let first = loops.first?.key.stringValue {
            for extra in loops.dropFirst() {
                report.report(extra.key.span, "\(caller) loops with both \(first) and \(extra.key.stringValue ?? ""); Argo allows only one of withItems, withParam and withSequence: remove one")
            }
        }
        if let sequence = call.withSequence, let end = sequence.pair("end"), sequence.pair("count") != nil {
            report.report(end.key.span, "withSequence of \(caller) gives both count and end; Argo allows only one: use count for a number of items, or start and end for a range")
        }
        if let items = call.withItems, items.isSequence {
            for item in items.sequenceItems where item.isNull {
                report.report(item.span, "withItems of \(caller) has a null entry, which Argo rejects (unsupported withItems type); write a string, number, boolean, list or map, or quote \"null\" to mean the word")
            }
        }
    }
}
