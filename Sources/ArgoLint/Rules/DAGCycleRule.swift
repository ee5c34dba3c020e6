import YAMLTree
import ArgoModel
import ArgoSemantics

/// dag-cycle: DAG dependencies that form a cycle can never start.
///
/// The cycles come from GraphCycles (three-colour DFS in task order), each once,
/// rotated to start at its earliest task so the output is deterministic.
public struct DAGCycleRule: Rule {
    public static let info = RuleInfo(id: "dag-cycle", defaultSeverity: .error, summary: "DAG dependencies form a cycle")
    public var info: RuleInfo { Self.info }
    public init() {}

    public func check(_ context: ResourceContext, _ report: inout Reporter) {
        for (_, dag, graph) in context.dags {
            check(dag, graph: graph, file: context.file, &report)
        }
    }

    private func check(_ dag: DAGTemplate, graph: DAGDependencies, file: SourceFile, _ report: inout Reporter) {
        var indexByName: [String: Int] = [:]
        for (i, task) in dag.tasks.enumerated() {
            if let name = task.name?.value, indexByName[name] == nil { indexByName[name] = i }
        }
        // edges[i] = (target index, the reference) for every known dependency.
        let edges: [[(Int, DependencyReference)]] = graph.references.map { refs in
            refs.compactMap { ref in indexByName[ref.task].map { ($0, ref) } }
        }
        let cycles = GraphCycles.find(edges.map { $0.map(\.0) })
        for cycle in cycles {
            let names = cycle.map { dag.tasks[$0].name?.value ?? "?" }
            let first = cycle[0]
            let second = cycle.count > 1 ? cycle[1] : cycle[0]
            let span = edges[first].first { $0.0 == second }?.1.span(in: file) ?? dag.tasks[first].call.reportSpan
            let description = (names + [names[0]]).joined(separator: " -> ")
            let message = cycle.count == 1
                ? "task \"\(names[0])\" depends on itself: dependency cycle \(description)"
                : "dependency cycle: \(description); none of these tasks can ever start"
            report.report(span, message)
        }
    }
}
