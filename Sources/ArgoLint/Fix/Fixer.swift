import YAMLTree

/// Fixes one file: lint, apply the fixes that do not overlap, lint the result
/// again, and repeat until nothing applicable is left (fixes can enable one
/// another, and overlapping ones wait for the next round).
public struct Fixer: Sendable {
    public var session: LintSession
    /// Apply unsafe fixes too (`--unsafe-fixes`); safe ones are always applied.
    public var includeUnsafe: Bool
    public var maxRounds = 10

    public init(session: LintSession, includeUnsafe: Bool = false) {
        self.session = session
        self.includeUnsafe = includeUnsafe
    }

    public struct Outcome: Sendable {
        public var bytes: [UInt8]
        public var applied: [Fix]
        /// What is left after fixing, for the fixed text.
        public var remaining: FileReport
        /// The findings of the text as it was read.
        public var initial: FileReport
    }

    /// Fixes one file, checked against the session's facts; when the file itself
    /// defines a WorkflowTemplate or Secret, each round sees its current text.
    public func fix(path: String, bytes: [UInt8]) -> Outcome {
        var current = bytes
        var applied: [Fix] = []
        var report = check(path, current)
        let initial = report
        for _ in 0..<maxRounds {
            let fixes = report.diagnostics.compactMap(\.fix).filter { includeUnsafe || $0.applicability == .safe }
            guard !fixes.isEmpty else { break }
            let (next, taken) = FixApplier.apply(fixes, to: current)
            guard !taken.isEmpty, next != current else { break }
            current = next
            applied += taken
            report = check(path, current)
        }
        return Outcome(bytes: current, applied: applied, remaining: report, initial: initial)
    }

    private func check(_ path: String, _ bytes: [UInt8]) -> FileReport {
        let input = LintInput(path: path, bytes: bytes)
        return session.updating(input).check(input)
    }
}
