import YAMLTree

/// One lint run, as every output format receives it: the diagnostics with
/// positions (sorted by file, line, column), the summary, and the source text
/// of every file with a finding, credentials already masked.
public struct LintResult: Sendable {
    public var diagnostics: [ResolvedDiagnostic]
    public var summary: LintSummary
    private var sources: [ObjectIdentifier: MaskedSource]

    public init(reports: [FileReport]) {
        self.init(diagnostics: reports.resolved(), summary: LintSummary(reports: reports))
    }

    /// For callers that already resolved their diagnostics (fix, run).
    public init(diagnostics: [ResolvedDiagnostic], summary: LintSummary) {
        self.diagnostics = diagnostics
        self.summary = summary
        // Masking happens here, once per file, before any format sees the text.
        var byFile: [ObjectIdentifier: (file: SourceFile, diagnostics: [Diagnostic])] = [:]
        for item in diagnostics {
            byFile[ObjectIdentifier(item.file), default: (item.file, [])].diagnostics.append(item.diagnostic)
        }
        sources = byFile.mapValues { MaskedSource(file: $0.file, diagnostics: $0.diagnostics) }
    }

    /// The masked text of the file a diagnostic is in.
    public func source(for item: ResolvedDiagnostic) -> MaskedSource {
        // Every diagnostic's file was masked in init; the fallback only serves
        // a diagnostic appended afterwards, and masks it the same way.
        sources[ObjectIdentifier(item.file)] ?? MaskedSource(file: item.file, diagnostics: [item.diagnostic])
    }
}

/// An output format of `lint`: renders one run result as the text to print.
/// Formats read source text only through `LintResult.source(for:)`.
public protocol OutputFormat: Sendable {
    func render(_ result: LintResult) -> String
}
