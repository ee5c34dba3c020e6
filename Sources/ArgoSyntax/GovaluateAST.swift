/// Expression tree for a govaluate `when` condition. Operators keep their
/// source symbol; `range` spans the node's tokens, `operatorRange` the symbol.
struct GovaluateNode: Sendable, Hashable {
    indirect enum Kind: Sendable, Hashable {
        case number(Double)
        case boolean(Bool)
        /// A quoted literal, or a bare word (Argo turns every bare word into a string).
        case string(String, bare: Bool)
        /// A quoted literal that parses as a date: compared as Unix seconds.
        case time(Double)
        /// A quoted literal containing a tag: some string (or time) after substitution.
        case templatedString
        /// An unquoted tag run: any single value after substitution.
        case placeholder
        /// `a.B` — a parameter field access; always fails with no parameters.
        case accessor([String], call: GovaluateNode?)
        /// An operand missing before `)` (`(a == )`): upstream plans it as nil.
        case missing
        /// Parentheses; `nil` inside for `()`.
        case group(GovaluateNode?)
        case prefix(String, GovaluateNode)
        case binary(String, GovaluateNode, GovaluateNode)
    }

    var kind: Kind
    var range: Range<Int>
    var operatorRange: Range<Int>?
    /// Index of the source token for leaves (placeholder lookups).
    var tokenIndex: Int?

    init(_ kind: Kind, range: Range<Int>, operatorRange: Range<Int>? = nil, tokenIndex: Int? = nil) {
        self.kind = kind
        self.range = range
        self.operatorRange = operatorRange
        self.tokenIndex = tokenIndex
    }

    static let comparators: Set<String> = ["==", "!=", ">", ">=", "<", "<=", "=~", "!~", "in"]
    static let orderings: Set<String> = [">", ">=", "<", "<="]

    var isComparison: Bool {
        if case .binary(let op, _, _) = kind { return Self.comparators.contains(op) }
        return false
    }
}
