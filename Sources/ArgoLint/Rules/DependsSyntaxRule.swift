import YAMLTree
import ArgoModel
import ArgoSemantics
import ArgoSyntax

/// depends-syntax: a `depends` expression Argo cannot parse, a result word it
/// does not know, or an items-only result on a task without items.
public struct DependsSyntaxRule: Rule {
    public static let info = RuleInfo(id: "depends-syntax", defaultSeverity: .error, summary: "a depends expression does not parse")
    public var info: RuleInfo { Self.info }
    public init() {}

    public func check(_ context: ResourceContext, _ report: inout Reporter) {
        for (_, dag, graph) in context.dags {
            for (index, task) in dag.tasks.enumerated() {
                guard let depends = task.depends else { continue }
                if let failure = graph.dependsFailures[index] {
                    for issue in failure.issues {
                        let span = depends.sourceSpan(issue.range, in: context.file)
                        let message = issue.hint.map { "\(issue.message); \($0)" } ?? issue.message
                        report.report(span.length > 0 ? span : depends.reportSpan, "depends of task \"\(task.name?.value ?? "?")\": \(message)")
                    }
                    continue
                }
                for ref in graph.references[index] {
                    guard let result = ref.result, result == .anySucceeded || result == .allFailed,
                          let target = dag.task(named: ref.task), !target.call.isLooped else { continue }
                    report.report(ref.span(in: context.file), "\"\(ref.task).\(result.rawValue)\" needs a task with items (withItems, withParam or withSequence), but task \"\(ref.task)\" has none; use \"\(ref.task).\(result == .anySucceeded ? "Succeeded" : "Failed")\"")
                }
            }
        }
    }
}
