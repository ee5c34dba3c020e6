import YAMLTree
import ArgoModel
import ArgoSemantics

/// undefined-dependency: `dependencies` or `depends` names a task the DAG does not have.
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
        }
    }
}
