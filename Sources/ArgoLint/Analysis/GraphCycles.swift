/// The cycles of a small directed graph, for the rules that report dependency
/// cycles (DAG tasks, containerSet containers).
///
/// Three-colour depth-first search from each node in index order; every back
/// edge closes a cycle. Each cycle is listed once, rotated to start at its
/// smallest index, so the output does not depend on where the search entered it.
enum GraphCycles {
    /// - Parameter successors: `successors[i]` are the nodes `i` has an edge to.
    static func find(_ successors: [[Int]]) -> [[Int]] {
        enum Colour { case white, grey, black }
        var colour = [Colour](repeating: .white, count: successors.count)
        var seen = Set<[Int]>()
        var cycles: [[Int]] = []
        for root in successors.indices where colour[root] == .white {
            // Iterative DFS: (node, next edge to explore); `path` mirrors the grey nodes.
            var stack: [(node: Int, edge: Int)] = [(root, 0)]
            var path: [Int] = [root]
            colour[root] = .grey
            while let top = stack.last {
                if top.edge < successors[top.node].count {
                    stack[stack.count - 1].edge += 1
                    let next = successors[top.node][top.edge]
                    switch colour[next] {
                    case .white:
                        colour[next] = .grey
                        stack.append((next, 0))
                        path.append(next)
                    case .grey:
                        if let start = path.lastIndex(of: next) {
                            let rotated = rotate(Array(path[start...]))
                            if seen.insert(rotated).inserted { cycles.append(rotated) }
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
        return cycles
    }

    /// Rotates a cycle to start at its smallest index.
    static func rotate(_ cycle: [Int]) -> [Int] {
        guard let minIndex = cycle.indices.min(by: { cycle[$0] < cycle[$1] }) else { return cycle }
        return Array(cycle[minIndex...] + cycle[..<minIndex])
    }
}
