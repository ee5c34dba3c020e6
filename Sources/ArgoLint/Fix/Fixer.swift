import YAMLTree

/// Fixes one file: lint, apply the fixes that do not overlap, lint the result
/// again, and repeat until nothing applicable is left (fixes can enable one
/// another, and overlapping ones wait for the next round).
public struct Fixer: Sendable {
    public var linter: Linter
    public var maxRounds = 10

    public init(linter: Linter) {
        self.linter = linter
    }

    public struct Outcome: Sendable {
        public var bytes: [UInt8]
        public var applied: [Fix]
        /// What is left after fixing, for the fixed text.
        public var remaining: FileReport
        /// The findings of the text as it was read.
        public var initial: FileReport
    }

    public func fix(path: String, bytes: [UInt8], context: [LintInput]) -> Outcome {
        var current = bytes
        var applied: [Fix] = []
        var report = linter.lint([LintInput(path: path, bytes: current)], context: context)[0]
        let initial = report
        for _ in 0..<maxRounds {
            let fixes = report.diagnostics.compactMap(\.fix)
            guard !fixes.isEmpty else { break }
            let (next, taken) = FixApplier.apply(fixes, to: current)
            guard !taken.isEmpty, next != current else { break }
            current = next
            applied += taken
            report = linter.lint([LintInput(path: path, bytes: current)], context: context)[0]
        }
        return Outcome(bytes: current, applied: applied, remaining: report, initial: initial)
    }
}

extension FileReport {
    /// The file's text with every hard-coded credential replaced by `*`, for
    /// output that shows source text (diffs): secret values never leave argolint.
    public func maskedText() -> String {
        var bytes = file.bytes
        for diagnostic in diagnostics where diagnostic.rule == "secret-hardcoded" {
            let span = diagnostic.span
            guard span.start >= 0, span.end <= bytes.count, span.start < span.end else { continue }
            let stars = Array(repeating: UInt8(ascii: "*"), count: file.scalarCount(from: span.start, to: span.end))
            bytes.replaceSubrange(span.start..<span.end, with: stars)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
