import ArgoModel

/// `parallelism` on the virtual clock: at most `limit` children run at once.
/// Jobs start in order of readiness (then source order); one that finds every
/// slot taken starts when the earliest slot frees. Jobs are run in chunks of
/// `limit`, so a start time never depends on which request came back first.
struct VirtualSlots {
    private var freeAt: [Double]

    /// `nil` or a non-positive limit: unlimited.
    init(limit: Int?) {
        freeAt = limit.map { $0 > 0 ? [Double](repeating: 0, count: $0) : [] } ?? []
    }

    mutating func run(_ jobs: [(key: Int, readyAt: Double)],
                      _ body: @escaping @Sendable (_ key: Int, _ start: Double) async -> Runner.Outcome) async -> [(Int, Runner.Outcome)] {
        let ordered = jobs.sorted { ($0.readyAt, $0.key) < ($1.readyAt, $1.key) }
        let size = freeAt.isEmpty ? max(ordered.count, 1) : freeAt.count
        var results: [(Int, Runner.Outcome)] = []
        var index = 0
        while index < ordered.count {
            let chunk = Array(ordered[index..<min(index + size, ordered.count)])
            index += chunk.count
            freeAt.sort()
            let starts = chunk.enumerated().map { j, job in freeAt.isEmpty ? job.readyAt : max(job.readyAt, freeAt[j]) }
            let finished = await withTaskGroup(of: (Int, Int, Runner.Outcome).self) { group in
                for (j, job) in chunk.enumerated() {
                    let start = starts[j]
                    group.addTask { (j, job.key, await body(job.key, start)) }
                }
                var collected: [(Int, Int, Runner.Outcome)] = []
                for await result in group { collected.append(result) }
                return collected
            }
            for (j, key, outcome) in finished {
                if !freeAt.isEmpty { freeAt[j] = outcome.finishedAt }
                results.append((key, outcome))
            }
        }
        return results
    }
}

extension Runner {
    /// The limit on a DAG or steps template's children: its own `parallelism`,
    /// and the workflow's, whichever is smaller.
    func parallelism(of template: Template) -> Int? {
        let own = template.node.field("parallelism").flatMap { Int($0.value) }
        let workflow = semantics.spec.node?.field("parallelism").flatMap { Int($0.value) }
        switch (own, workflow) {
        case let (a?, b?): return min(a, b)
        case let (a?, nil): return a
        case let (nil, b?): return b
        default: return nil
        }
    }
}
