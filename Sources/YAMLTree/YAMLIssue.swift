/// A problem the YAML parser found in one file. The parser names what kind of
/// problem it is; which rule id reports it is the linter's business.
public struct YAMLIssue: Sendable, Hashable {
    public enum Kind: Sendable, Hashable, CaseIterable {
        /// The bytes are not YAML (or a limit stopped the parser: depth, alias expansion).
        case syntax
        /// A mapping repeats a key; `related` points at the first definition.
        case duplicateKey
    }

    public var kind: Kind
    public var severity: Severity
    public var message: String
    public var span: SourceSpan
    public var related: [RelatedLocation]

    public init(kind: Kind, severity: Severity = .error, message: String, span: SourceSpan, related: [RelatedLocation] = []) {
        self.kind = kind
        self.severity = severity
        self.message = message
        self.span = span
        self.related = related
    }
}
