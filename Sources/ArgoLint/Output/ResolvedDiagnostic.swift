import YAMLTree

/// A diagnostic with its positions computed, ready for any output format.
public struct ResolvedDiagnostic: Sendable {
    public var path: String
    public var start: SourcePosition
    public var end: SourcePosition
    public var diagnostic: Diagnostic
    /// The original file. Formats show source text only through
    /// `LintResult.source(for:)`, which masks credentials.
    public var file: SourceFile
    /// The diagnostic's related locations (same file), with positions.
    public var related: [ResolvedRelatedLocation]

    public init(_ diagnostic: Diagnostic, in file: SourceFile) {
        self.diagnostic = diagnostic
        self.file = file
        path = file.path
        start = file.position(ofByte: diagnostic.span.start)
        end = file.position(ofByte: diagnostic.span.end)
        related = diagnostic.related.map { ResolvedRelatedLocation($0, in: file) }
    }

    public var rule: String { diagnostic.rule }
    public var severity: Severity { diagnostic.severity }
    public var message: String { diagnostic.message }
}

/// A second place a finding refers to, with positions (the first of two duplicate keys, say).
public struct ResolvedRelatedLocation: Sendable {
    public var path: String
    public var start: SourcePosition
    public var end: SourcePosition
    public var message: String

    public init(_ related: RelatedLocation, in file: SourceFile) {
        path = file.path
        start = file.position(ofByte: related.span.start)
        end = file.position(ofByte: related.span.end)
        message = related.message
    }
}

public struct LintSummary: Sendable {
    public var files: Int
    public var errors: Int
    public var warnings: Int
    public var infos: Int

    public init(reports: [FileReport]) {
        files = reports.count
        let all = reports.flatMap(\.diagnostics)
        errors = all.filter { $0.severity == .error }.count
        warnings = all.filter { $0.severity == .warning }.count
        infos = all.filter { $0.severity == .info }.count
    }
}

extension Array where Element == FileReport {
    /// All diagnostics with positions, sorted by file, line, column.
    public func resolved() -> [ResolvedDiagnostic] {
        let sortedReports = self.sorted { $0.file.path < $1.file.path }
        return sortedReports.flatMap { report in
            report.diagnostics.map { ResolvedDiagnostic($0, in: report.file) }
        }
    }
}
