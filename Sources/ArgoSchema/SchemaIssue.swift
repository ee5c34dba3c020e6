import YAMLTree

/// A problem the schema validator found in one document. The validator names
/// what kind of problem it is; which rule id reports it is the linter's business.
public struct SchemaIssue: Sendable, Hashable {
    public enum Kind: Sendable, Hashable, CaseIterable {
        /// A key the object's schema does not have (with a did-you-mean when one is close).
        case unknownField
        /// A value of the wrong shape or scalar type (a warning when YAML merely reads
        /// a string field's value as another type).
        case wrongType
        /// A required field that is absent or empty.
        case missingRequired
    }

    public var kind: Kind
    public var severity: Severity
    public var message: String
    public var span: SourceSpan
    public var fix: Fix?
    public var related: [RelatedLocation]

    public init(kind: Kind, severity: Severity, message: String, span: SourceSpan, fix: Fix? = nil, related: [RelatedLocation] = []) {
        self.kind = kind
        self.severity = severity
        self.message = message
        self.span = span
        self.fix = fix
        self.related = related
    }
}
