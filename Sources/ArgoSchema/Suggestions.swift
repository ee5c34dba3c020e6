/// Did-you-mean candidates for a misspelt key.
public enum FieldSuggestions {
    /// Optimal-string-alignment Damerau-Levenshtein distance (an adjacent
    /// transposition costs 1), over Unicode scalars.
    public static func distance(_ a: String, _ b: String) -> Int {
        distance(Array(a.unicodeScalars), Array(b.unicodeScalars))
    }

    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        let width = b.count + 1
        var twoBack = [Int](repeating: 0, count: width)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: width)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    value = min(value, twoBack[j - 2] + 1)
                }
                current[j] = value
            }
            swap(&twoBack, &previous)
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// The largest distance at which a candidate still counts as close.
    static func threshold(forLength length: Int) -> Int {
        switch length {
        case ...3: return 1
        case ...6: return 2
        default: return 3
        }
    }

    /// The closest candidates to `key`: empty when nothing is close, one name when
    /// a single candidate is best, several when the best ones tie. Case-only
    /// differences count as distance 0 (ties broken by the case-sensitive distance).
    public static func closest(to key: String, among candidates: [String]) -> [String] {
        let lowered = Array(key.lowercased().unicodeScalars)
        let original = Array(key.unicodeScalars)
        let limit = threshold(forLength: original.count)
        var best: [(name: String, folded: Int, exact: Int)] = []
        for candidate in candidates {
            let candidateScalars = Array(candidate.unicodeScalars)
            if abs(candidateScalars.count - original.count) > limit { continue }
            let folded = distance(lowered, Array(candidate.lowercased().unicodeScalars))
            guard folded <= limit else { continue }
            // A short key that shares almost nothing with the candidate is noise.
            if folded >= candidateScalars.count || folded >= original.count { continue }
            let exact = distance(original, candidateScalars)
            best.append((candidate, folded, exact))
        }
        guard let top = best.min(by: { ($0.folded, $0.exact) < ($1.folded, $1.exact) }) else {
            return prefixMatches(of: key, among: candidates)
        }
        let tied = best.filter { $0.folded == top.folded && $0.exact == top.exact }
        return tied.map(\.name).sorted()
    }

    /// When nothing is within edit distance: the longest candidate (≥ 5 characters)
    /// the key extends or abbreviates, case-insensitively (`continueOnFail` → `continueOn`).
    static func prefixMatches(of key: String, among candidates: [String]) -> [String] {
        let folded = key.lowercased()
        guard folded.count >= 5 else { return [] }
        var best: [String] = []
        var bestLength = 0
        for candidate in candidates where candidate.count >= 5 {
            let other = candidate.lowercased()
            guard folded.hasPrefix(other) || other.hasPrefix(folded) else { continue }
            let length = min(other.count, folded.count)
            if length > bestLength { best = [candidate]; bestLength = length } else if length == bestLength { best.append(candidate) }
        }
        return best.sorted()
    }
}
