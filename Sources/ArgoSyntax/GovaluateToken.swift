/// Token kinds of govaluate's lexer, plus `placeholder` for an unquoted
/// `{{...}}` tag whose substituted value is not known yet.
enum GovaluateTokenKind: String, Sendable, Hashable {
    case unknown = "UNKNOWN"
    case prefix = "PREFIX"
    case numeric = "NUMERIC"
    case boolean = "BOOLEAN"
    case string = "STRING"
    case pattern = "PATTERN"
    case time = "TIME"
    case variable = "VARIABLE"
    case function = "FUNCTION"
    case separator = "SEPARATOR"
    case accessor = "ACCESSOR"
    case comparator = "COMPARATOR"
    case logicalOp = "LOGICALOP"
    case modifier = "MODIFIER"
    case clause = "CLAUSE"
    case clauseClose = "CLAUSE_CLOSE"
    case ternary = "TERNARY"
    /// Unquoted tag (possibly glued to word characters): some single value.
    case placeholder = "PLACEHOLDER"

    var isOperand: Bool {
        switch self {
        case .numeric, .boolean, .string, .pattern, .time, .variable, .accessor, .placeholder: return true
        default: return false
        }
    }
}

struct GovaluateToken: Sendable, Hashable {
    var kind: GovaluateTokenKind
    var range: Range<Int>
    /// Symbol text, variable name (escapes applied), or string contents.
    var text: String
    var number: Double = 0
    var bool: Bool = false
    /// Split accessor name (`v1.X` → ["v1", "X"]).
    var parts: [String] = []
    /// The string's contents include a tag, so its value is unknown until substitution.
    var containsTag = false
    /// Tags inside this token (placeholders and quoted strings).
    var tags: [TemplateTag] = []
    /// The placeholder run contains literal text besides tags (`prefix-{{x}}`).
    var hasLiteralText = false

    /// Rendering of a token value in upstream's `%v` style, for messages.
    var goDisplay: String {
        switch kind {
        case .numeric: return GoFormat.float(number)
        case .boolean: return bool ? "true" : "false"
        case .clause: return "40"
        case .clauseClose: return "41"
        case .accessor: return "[" + parts.joined(separator: " ") + "]"
        default: return text
        }
    }
}

/// Why lexing stopped; mirrors the few errors govaluate's tokenizer raises.
struct GovaluateLexError: Error, Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case invalidToken
        case unclosedString
        case unclosedBracket
        case badNumber
        case badHex
        case hangingAccessor
        case unexportedField(field: String)
        case unterminatedTag
    }

    var kind: Kind
    var range: Range<Int>
    var text: String

    /// The text govaluate would put in its error.
    var upstreamMessage: String {
        switch kind {
        case .invalidToken: return "Invalid token: '\(text)'"
        case .unclosedString: return "Unclosed string literal"
        case .unclosedBracket: return "Unclosed parameter bracket"
        case .badNumber: return "Unable to parse numeric value '\(text)' to float64"
        case .badHex: return "Unable to parse hex value '\(text)' to uint64"
        case .hangingAccessor: return "Hanging accessor on token '\(text)'"
        case .unexportedField(let field): return "Unable to access unexported field '\(field)' in token '\(text)'"
        case .unterminatedTag: return "Unterminated template tag '\(text)'"
        }
    }
}
