/// How serious a finding is. Ordered so that `max` picks the most serious.
public enum Severity: String, Sendable, Comparable, CaseIterable, Codable {
    case info, warning, error

    private var rank: Int {
        switch self {
        case .info: return 0
        case .warning: return 1
        case .error: return 2
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// A replacement of the bytes in `span` by `newText`.
public struct TextEdit: Sendable, Hashable {
    public var span: SourceSpan
    public var newText: String

    public init(span: SourceSpan, newText: String) {
        self.span = span
        self.newText = newText
    }
}

/// A machine-applicable fix: edits that must be applied together.
public struct Fix: Sendable, Hashable {
    public var description: String
    public var edits: [TextEdit]

    public init(description: String, edits: [TextEdit]) {
        self.description = description
        self.edits = edits
    }
}

/// A second place a diagnostic refers to (the first of two duplicate keys, say).
public struct RelatedLocation: Sendable, Hashable {
    public var span: SourceSpan
    public var message: String

    public init(span: SourceSpan, message: String) {
        self.span = span
        self.message = message
    }
}

/// One finding in one file. Spans are byte offsets into that file; lines and
/// columns are computed by the reporters.
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
