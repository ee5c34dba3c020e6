import YAMLTree
import ArgoModel
import ArgoSemantics

/// undefined-dependency: `dependencies`, `depends` or the DAG's `target` names a
/// task the DAG does not have.
public struct UndefinedDependencyRule: Rule {
    public static let info = RuleInfo(id: "undefined-dependency", defaultSeverity: .error, summary: "dependencies/depends names a task that does not exist")
    public var info: RuleInfo { Self.info }
    public init() {}

    public func check(_ context: ResourceContext, _ report: inout Reporter) {
        for (_, dag, graph) in context.dags {
            let names = dag.tasks.compactMap { $0.name?.value }
            let known = Set(names)
            for (index, refs) in graph.references.enumerated() {
                let taskName = dag.tasks[index].name?.value ?? "?"
                for ref in refs where !known.contains(ref.task) && !ref.task.hasTemplateTag {
                    let span = ref.span(in: context.file)
                    let suggestion = Suggestions.best(for: ref.task, among: names)
                    var message = "task \"\(taskName)\" depends on \"\(ref.task)\", which is not a task of this DAG"
                    message += suggestion.map { "; did you mean \"\($0)\"?" } ?? "; tasks are \(Suggestions.quotedList(names))"
                    let fix = suggestion.map { Fix(description: "replace with \"\($0)\"", edits: [TextEdit(span: span, newText: $0)], applicability: .unsafe) }
                    // Offer the rename only where the source spells the name verbatim (no escapes in between).
                    report.report(span, message, fix: context.file.text(of: span) == ref.task ? fix : nil)
                }
            }
            checkTargets(dag, names: names, context, &report)
        }
    }

    /// `target` is a list of task names separated by single spaces; upstream splits
    /// on each space, skips `{{...}}` parameters, and requires every other part to
    /// name a task (so two spaces in a row name the empty task).
    private func checkTargets(_ dag: DAGTemplate, names: [String], _ context: ResourceContext, _ report: inout Reporter) {
        guard let target = dag.target, !target.isNull, !target.value.isEmpty else { return }
        let bytes = Array(target.value.utf8)
        var start = 0
        for end in 0...bytes.count where end == bytes.count || bytes[end] == UInt8(ascii: " ") {
            defer { start = end + 1 }
            let part = String(decoding: bytes[start..<end], as: UTF8.self)
            if part.hasTemplateTag || names.contains(part) { continue }
            let span = target.sourceSpan(start..<max(end, start), in: context.file)
            if part.isEmpty {
                report.report(span, "target \"\(target.value)\" has two spaces in a row, which Argo reads as an empty task name that is not defined; separate targets with single spaces")
                continue
            }
            let suggestion = Suggestions.best(for: part, among: names)
            var message = "target \"\(part)\" is not a task of this DAG"
            message += suggestion.map { "; did you mean \"\($0)\"?" } ?? "; tasks are \(Suggestions.quotedList(names))"
            let fix = suggestion.map { Fix(description: "replace with \"\($0)\"", edits: [TextEdit(span: span, newText: $0)], applicability: .unsafe) }
            report.report(span, message, fix: context.file.text(of: span) == part ? fix : nil)
        }
    }
}
