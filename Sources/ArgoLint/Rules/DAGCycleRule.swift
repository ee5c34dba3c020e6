import YAMLTree
import ArgoModel
import ArgoSemantics

/// dag-cycle: DAG dependencies that form a cycle can never start.
///
/// Three-colour depth-first search in task order; every back edge closes a
/// cycle. Each cycle is reported once, rotated to start at its earliest task
/// so the output does not depend on where the search entered it.
public struct DAGCycleRule: Rule {
    public static let info = RuleInfo(id: "dag-cycle", defaultSeverity: .error, summary: "DAG dependencies form a cycle")
    public var info: RuleInfo { Self.info }
    public init() {}

    public func check(_ context: ResourceContext, _ report: inout Reporter) {
        for (_, dag, graph) in context.dags {
            check(dag, graph: graph, file: context.file, &report)
        }
    }

    private enum Colour { case white, grey, black }

    private func check(_ dag: DAGTemplate, graph: DAGDependencies, file: SourceFile, _ report: inout Reporter) {
        var indexByName: [String: Int] = [:]
        for (i, task) in dag.tasks.enumerated() {
            if let name = task.name?.value, indexByName[name] == nil { indexByName[name] = i }
        }
        // edges[i] = (target index, the reference) for every known dependency.
        let edges: [[(Int, DependencyReference)]] = graph.references.map { refs in
            refs.compactMap { ref in indexByName[ref.task].map { ($0, ref) } }
        }
        var colour = [Colour](repeating: .white, count: dag.tasks.count)
        var reported = Set<[Int]>()
        var cycles: [[Int]] = []

        for root in dag.tasks.indices where colour[root] == .white {
            // Iterative DFS: (node, next edge to explore); `path` mirrors the grey nodes.
            var stack: [(node: Int, edge: Int)] = [(root, 0)]
            var path: [Int] = [root]
            colour[root] = .grey
            while let top = stack.last {
                if top.edge < edges[top.node].count {
                    stack[stack.count - 1].edge += 1
                    let next = edges[top.node][top.edge].0
                    switch colour[next] {
                    case .white:
                        colour[next] = .grey
                        stack.append((next, 0))
                        path.append(next)
                    case .grey:
                        if let start = path.lastIndex(of: next) {
                            let cycle = Array(path[start...])
                            let rotated = rotate(cycle)
                            if reported.insert(rotated).inserted { cycles.append(rotated) }
                        }
                    case .black:
                        break
                    }
                } else {
                    colour[top.node] = .black
                    stack.removeLast()
                    path.removeLast()
                }
            }
        }
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

    /// Rotates a cycle to start at its smallest task index.
    private func rotate(_ cycle: [Int]) -> [Int] {
        guard let minIndex = cycle.indices.min(by: { cycle[$0] < cycle[$1] }) else { return cycle }
        return Array(cycle[minIndex...] + cycle[..<minIndex])
    }
}
