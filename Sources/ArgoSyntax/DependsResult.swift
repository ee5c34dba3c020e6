/// The eight task results a `depends` operand may name (`task.Result`).
public enum DependsResult: String, Sendable, Hashable, CaseIterable {
    case succeeded = "Succeeded"
    case failed = "Failed"
    case errored = "Errored"
    case skipped = "Skipped"
    case omitted = "Omitted"
    case daemoned = "Daemoned"
    case anySucceeded = "AnySucceeded"
    case allFailed = "AllFailed"

    /// Upstream matches result words case-sensitively; this is the same.
    public init?(exactly word: String) {
        self.init(rawValue: word)
    }

    /// Best guess for a mistyped result word: a case-insensitive match first
    /// (the most common slip, `succeeded`), then the closest word by edit distance.
    public static func suggestion(for word: String) -> DependsResult? {
        let lowered = word.lowercased()
        if let match = allCases.first(where: { $0.rawValue.lowercased() == lowered }) { return match }
        guard !lowered.isEmpty else { return nil }
        var best: (result: DependsResult, distance: Int)?
        for candidate in allCases {
            let distance = EditDistance.between(lowered, candidate.rawValue.lowercased())
            if let current = best, current.distance <= distance { continue }
            best = (candidate, distance)
        }
        guard let best else { return nil }
        // Allow roughly one slip per three letters so `Succeed`/`Fail` match but
        // unrelated words do not get a misleading suggestion.
        let limit = max(2, lowered.count / 3)
        if best.distance <= limit { return best.result }
        // A truncated word (`Succ`, `Any`) is still an obvious intent.
        if lowered.count >= 3, let prefix = allCases.first(where: { $0.rawValue.lowercased().hasPrefix(lowered) }) {
            return prefix
        }
        return nil
    }
}

/// Plain Levenshtein distance over Unicode scalars; inputs are short words.
enum EditDistance {
    static func between(_ a: String, _ b: String) -> Int {
        let left = Array(a.unicodeScalars)
        let right = Array(b.unicodeScalars)
        if left.isEmpty { return right.count }
        if right.isEmpty { return left.count }
        var previous = Array(0...right.count)
        var current = Array(repeating: 0, count: right.count + 1)
        for i in 1...left.count {
            current[0] = i
            for j in 1...right.count {
                let cost = left[i - 1] == right[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[right.count]
    }
}
