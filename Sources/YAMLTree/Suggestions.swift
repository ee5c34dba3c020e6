/// Did-you-mean suggestions by edit distance.
public enum Suggestions {
    /// Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions).
    public static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous2 = [Int](repeating: 0, count: y.count + 1)
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[y.count]
    }

    /// The closest candidate within a distance that scales with the word's length, if any.
    public static func best(for word: String, among candidates: [String]) -> String? {
        let limit = max(1, min(3, word.count / 3))
        var best: (String, Int)?
        for candidate in candidates where candidate != word {
            let d = candidate.lowercased() == word.lowercased() ? 0 : distance(word, candidate)
            if d <= limit, best.map({ d < $0.1 }) ?? true { best = (candidate, d) }
        }
        return best?.0
    }

    /// ` did you mean "x"?` or an empty string.
    public static func didYouMean(_ word: String, among candidates: [String]) -> String {
        best(for: word, among: candidates).map { "; did you mean \"\($0)\"?" } ?? ""
    }

    /// `"a", "b", "c"` (at most `limit` names, then "...").
    public static func quotedList(_ names: [String], limit: Int = 10) -> String {
        var seen = Set<String>()
        let names = names.filter { seen.insert($0).inserted }
        let shown = names.prefix(limit).map { "\"\($0)\"" }.joined(separator: ", ")
        return names.count > limit ? shown + ", ..." : shown
    }
}
