import Foundation

/// The run's nodes and requests, written by concurrently running branches.
/// A parent registers its children in source order before starting them, so
/// the tree — and the report — is the same whatever order they finish in.
final class Recorder: @unchecked Sendable {
    private let lock = NSLock()
    private var nodes: [String: RunNode] = [:]
    private var requests: [RequestRecord] = []

    func add(_ node: RunNode, parent: String?) {
        lock.lock()
        defer { lock.unlock() }
        if let placeholder = nodes[node.path] {
            // Registered earlier to fix its place among its siblings: fill it in.
            var filled = node
            filled.children = placeholder.children + node.children
            nodes[node.path] = filled
            return
        }
        nodes[node.path] = node
        if let parent { nodes[parent]?.children.append(node.path) }
    }

    func update(_ path: String, _ change: (inout RunNode) -> Void) {
        lock.lock()
        defer { lock.unlock() }
        if var node = nodes[path] {
            change(&node)
            nodes[path] = node
        }
    }

    func node(_ path: String) -> RunNode? {
        lock.lock()
        defer { lock.unlock() }
        return nodes[path]
    }

    func record(_ request: RequestRecord) {
        lock.lock()
        defer { lock.unlock() }
        requests.append(request)
    }

    /// Nodes depth-first from `roots`, children in registration order.
    func tree(from roots: [String]) -> [RunNode] {
        lock.lock()
        defer { lock.unlock() }
        var result: [RunNode] = []
        var stack = roots.reversed().map { $0 }
        while let path = stack.popLast() {
            guard let node = nodes[path] else { continue }
            result.append(node)
            stack.append(contentsOf: node.children.reversed())
        }
        return result
    }

    /// Requests by virtual start time, then by node order in the tree.
    func sortedRequests(order: [String: Int]) -> [RequestRecord] {
        lock.lock()
        defer { lock.unlock() }
        return requests.sorted {
            if $0.startedAt != $1.startedAt { return $0.startedAt < $1.startedAt }
            return (order[$0.nodePath] ?? 0) < (order[$1.nodePath] ?? 0)
        }
    }
}
