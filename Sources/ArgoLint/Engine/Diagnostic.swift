import YAMLTree

/// One finding in one file, under the rule id that reports it. Lower modules
/// report their own issue kinds (`YAMLIssue`, `SchemaIssue`, `SyntaxIssue`,
/// `ExprDiagnostic`); ArgoLint alone names them with rule ids, so those ids
/// (a stable interface) are spelled in one module.
///
/// Spans are byte offsets into the file; lines and columns are computed by the reporters.
public struct Diagnostic: Sendable, Hashable {
    public var rule: String
    public var severity: Severity
    public var message: String
    public var span: SourceSpan
    public var fix: Fix?
    public var related: [RelatedLocation]

    public init(rule: String, severity: Severity, message: String, span: SourceSpan, fix: Fix? = nil, related: [RelatedLocation] = []) {
        self.rule = rule
        self.severity = severity
        self.message = message
        self.span = span
        self.fix = fix
        self.related = related
    }
}
