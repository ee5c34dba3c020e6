import YAMLTree
import ArgoModel

/// undefined-dependency: `dependencies` or `depends` names a task the DAG does not have.
public struct UndefinedDependencyRule: Rule {
    public static let info = RuleInfo(id: "undefined-dependency", defaultSeverity: .error, summary: "dependencies/depends names a task that does not exist")
    public var info: RuleInfo { Self.info }
    public init() {}

    public func check(_ context: ResourceContext, _ report: inout Reporter) {
        for template in context.spec.templates + InlineTemplates.all(in: context.spec) {
            guard let dag = template.dag else { continue }
            let names = dag.tasks.compactMap { $0.name?.value }
            let known = Set(names)
            let graph = DAGDependencies(dag: dag, file: context.file)
            for (index, refs) in graph.references.enumerated() {
                let taskName = dag.tasks[index].name?.value ?? "?"
                for ref in refs where !known.contains(ref.task) && !ref.task.contains("{{") {
                    let suggestion = Suggestions.best(for: ref.task, among: names)
                    var message = "task \"\(taskName)\" depends on \"\(ref.task)\", which is not a task of this DAG"
                    message += suggestion.map { "; did you mean \"\($0)\"?" } ?? "; tasks are \(Suggestions.quotedList(names))"
                    let fix = suggestion.map { Fix(description: "replace with \"\($0)\"", edits: [TextEdit(span: ref.span, newText: $0)]) }
                    report.report(ref.span, message, fix: ref.span.length == ref.task.utf8.count ? fix : nil)
                }
            }
        }
    }
}
