import ArgoLint
import YAMLTree

/// One document to lint: a snapshot taken on the server's queue, run on the
/// lint queue. Value types only, so the snapshot cannot change under it.
struct LintJob: Sendable {
    var uri: String
    var version: Int
    var generation: Int
    var input: LintInput
    /// The session's facts with the document's project options.
    var session: LintSession
    var settings: DocumentSettings
    var encoding: PositionEncoding

    func run() -> LintOutcome {
        var diagnostics: [Diagnostic] = []
        let file: SourceFile
        if settings.ignored {
            file = SourceFile(path: input.path, bytes: input.bytes)
        } else {
            let report = session.check(input)
            file = report.file
            if ArgoFileFilter.shows(report) { diagnostics = report.diagnostics }
        }
        let converter = PositionConverter(file: file, encoding: encoding)
        let published = diagnostics.map { DiagnosticConversion.json($0, uri: uri, converter: converter) }
        return LintOutcome(uri: uri, version: version, generation: generation, file: file, diagnostics: diagnostics,
                           params: DiagnosticConversion.publishParams(uri: uri, version: version, diagnostics: published))
    }
}

/// A lint result, ready to publish.
struct LintOutcome: Sendable {
    var uri: String
    var version: Int
    var generation: Int
    var file: SourceFile
    /// What is shown (empty for non-Argo YAML and ignored files).
    var diagnostics: [Diagnostic]
    /// The `publishDiagnostics` params.
    var params: JSON
}
