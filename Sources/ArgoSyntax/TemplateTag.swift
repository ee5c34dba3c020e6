/// One `{{...}}` or `{{=...}}` occurrence in a template string.
public struct TemplateTag: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// `{{ name }}`: looked up verbatim (after trimming) in Argo's flat scope.
        case simple
        /// `{{=expr}}`: `=` directly after `{{`, evaluated by expr.
        case expression
    }

    public var kind: Kind
    /// The whole tag, braces included (byte offsets).
    public var range: Range<Int>
    /// Everything between `{{` and `}}` (byte offsets), `=` included for expression tags.
    public var innerRange: Range<Int>
    /// For `.simple`: the whitespace-trimmed inner text, the key Argo looks up.
    /// For `.expression`: the untouched source after `=`.
    public var text: String
    /// For `.expression`: byte range of the source after `=`; for `.simple`: the trimmed name's range.
    public var textRange: Range<Int>

    public init(kind: Kind, range: Range<Int>, innerRange: Range<Int>, text: String, textRange: Range<Int>) {
        self.kind = kind
        self.range = range
        self.innerRange = innerRange
        self.text = text
        self.textRange = textRange
    }

    /// The trimmed variable name of a simple tag, nil for expression tags.
    public var name: String? { kind == .simple ? text : nil }
    /// The expression source of an expression tag (after `=`), nil for simple tags.
    public var expression: String? { kind == .expression ? text : nil }
}

/// Result of scanning one string for template tags.
public struct TemplateTagScan: Sendable, Hashable {
    public var tags: [TemplateTag]
    /// Only `.unterminatedTag` today: a `{{` with no `}}` after it.
    public var issues: [SyntaxIssue]

    public init(tags: [TemplateTag], issues: [SyntaxIssue]) {
        self.tags = tags
        self.issues = issues
    }
}
