// The vocabulary every module's findings are made of: how serious, where,
// what to change. Each module reports its own issue kinds with these parts
// (`YAMLIssue`, `SchemaIssue`, ...); only ArgoLint turns kinds into rule ids.

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
    /// Whether a fix can be applied without a person looking at it.
    public enum Applicability: String, Sendable, Hashable {
        /// Keeps what the author meant: a spelling Argo accepts for the same thing
        /// (quoting, the upstream form of a seed convenience, an unused comment removed).
        case safe
        /// A guess that may change behaviour: a did-you-mean rename, a new scheme,
        /// a value encoded differently on the wire. `argolint fix` applies these only
        /// with --unsafe-fixes; editors offer them as quick fixes like the others.
        case unsafe
    }

    public var description: String
    public var edits: [TextEdit]
    public var applicability: Applicability

    public init(description: String, edits: [TextEdit], applicability: Applicability = .safe) {
        self.description = description
        self.edits = edits
        self.applicability = applicability
    }
}

/// A second place a finding refers to (the first of two duplicate keys, say).
public struct RelatedLocation: Sendable, Hashable {
    public var span: SourceSpan
    public var message: String

    public init(span: SourceSpan, message: String) {
        self.span = span
        self.message = message
    }
}
