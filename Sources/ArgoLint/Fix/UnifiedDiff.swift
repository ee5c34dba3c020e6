/// A unified diff of two texts, for `argolint fix --dry-run`.
public enum UnifiedDiff {
    public static func make(old: String, new: String, path: String, context: Int = 3) -> String {
        let a = lines(old), b = lines(new)
        let ops = diff(a, b)
        guard ops.contains(where: { $0.kind != .same }) else { return "" }
        var out = "--- a/\(path)\n+++ b/\(path)\n"
        // Group changes into hunks with `context` lines around them.
        var i = 0
        while i < ops.count {
            guard ops[i].kind != .same else { i += 1; continue }
            var start = i
            var seen = 0
            while start > 0 && ops[start - 1].kind == .same && seen < context { start -= 1; seen += 1 }
            var end = i
            var trailing = 0
            while end < ops.count {
                if ops[end].kind == .same {
                    trailing += 1
                    if trailing > context * 2 { break }
                } else {
                    trailing = 0
                }
                end += 1
            }
            end = min(ops.count, end - max(0, trailing - context))
            let hunk = ops[start..<end]
            let oldStart = (hunk.first?.oldIndex ?? 0) + 1
            let newStart = (hunk.first?.newIndex ?? 0) + 1
            let oldCount = hunk.filter { $0.kind != .insert }.count
            let newCount = hunk.filter { $0.kind != .delete }.count
            out += "@@ -\(oldCount == 0 ? oldStart - 1 : oldStart),\(oldCount) +\(newCount == 0 ? newStart - 1 : newStart),\(newCount) @@\n"
            for op in hunk {
                switch op.kind {
                case .same: out += " " + a[op.oldIndex] + "\n"
                case .delete: out += "-" + a[op.oldIndex] + "\n"
                case .insert: out += "+" + b[op.newIndex] + "\n"
                }
            }
            i = end
        }
        return out
    }

    private static func lines(_ text: String) -> [String] {
        var result = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if result.last == "" { result.removeLast() }
        return result
    }

    struct Op {
        enum Kind { case same, delete, insert }
        var kind: Kind
        var oldIndex: Int
        var newIndex: Int
    }

    /// Longest-common-subsequence diff; manifests are small, so O(n·m) is fine,
    /// and the common prefix and suffix are trimmed first.
    static func diff(_ a: [String], _ b: [String]) -> [Op] {
        var prefix = 0
        while prefix < a.count && prefix < b.count && a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix && suffix < b.count - prefix && a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        let midA = Array(a[prefix..<(a.count - suffix)]), midB = Array(b[prefix..<(b.count - suffix)])
        var table = [[Int]](repeating: [Int](repeating: 0, count: midB.count + 1), count: midA.count + 1)
        for i in stride(from: midA.count - 1, through: 0, by: -1) {
            for j in stride(from: midB.count - 1, through: 0, by: -1) {
                table[i][j] = midA[i] == midB[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var ops: [Op] = (0..<prefix).map { Op(kind: .same, oldIndex: $0, newIndex: $0) }
        var i = 0, j = 0
        while i < midA.count || j < midB.count {
            if i < midA.count && j < midB.count && midA[i] == midB[j] {
                ops.append(Op(kind: .same, oldIndex: prefix + i, newIndex: prefix + j)); i += 1; j += 1
            } else if i < midA.count && (j == midB.count || table[i + 1][j] >= table[i][j + 1]) {
                ops.append(Op(kind: .delete, oldIndex: prefix + i, newIndex: prefix + j)); i += 1
            } else {
                ops.append(Op(kind: .insert, oldIndex: prefix + i, newIndex: prefix + j)); j += 1
            }
        }
        for k in 0..<suffix {
            ops.append(Op(kind: .same, oldIndex: a.count - suffix + k, newIndex: b.count - suffix + k))
        }
        return ops
    }
}
