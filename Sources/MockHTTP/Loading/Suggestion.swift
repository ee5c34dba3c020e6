import YAMLTree

/// "Did you mean" for misspelt keys, matcher names and fault names: YAMLTree's
/// edit distance, plus the stub format's own leniency for truncated names.
enum Suggestion {
    /// The candidate closest to `word`, when it is close enough to be a likely typo.
    static func closest(to word: String, among candidates: [String]) -> String? {
        let lowered = word.lowercased()
        if let sameLetters = candidates.first(where: { $0.lowercased() == lowered }) { return sameLetters }
        // A truncated name ("CONNECTION_RESET") is a likely slip however many letters are missing.
        if lowered.count >= 4, let longer = candidates.first(where: { $0.lowercased().hasPrefix(lowered) }) { return longer }
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let d = Suggestions.distance(lowered, candidate.lowercased())
            if d < (best?.distance ?? Int.max) { best = (candidate, d) }
        }
        guard let best else { return nil }
        // One edit per three characters, at least one and at most three.
        let allowed = min(3, max(1, word.count / 3))
        return best.distance <= allowed ? best.candidate : nil
    }

    /// "; did you mean \"x\"?" or nothing.
    static func hint(for word: String, among candidates: [String]) -> String {
        closest(to: word, among: candidates).map { "; did you mean \"\($0)\"?" } ?? ""
    }
}
