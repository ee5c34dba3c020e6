/// One problem found in a small Argo grammar (a `depends` string, a `when`
/// condition, or template-tag scanning).
///
/// `range` is a UTF-8 byte range into the exact string handed to the parser;
/// callers translate it into file positions because only they know where the
/// string sits in the YAML source.
public struct SyntaxIssue: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        /// Argo will reject or fail on this text.
        case error
        /// Argo may fail, depending on values only known at run time.
        case warning
    }

    /// Stable identifiers so rules can filter or map issues without parsing messages.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        // Template tags
        case unterminatedTag = "tag.unterminated"

        // depends
        case dependsEmpty = "depends.empty"
        case dependsUnexpectedCharacter = "depends.unexpected-character"
        case dependsUnexpectedToken = "depends.unexpected-token"
        case dependsUnbalancedParenthesis = "depends.unbalanced-parenthesis"
        case dependsTrailingOperator = "depends.trailing-operator"
        case dependsMissingOperand = "depends.missing-operand"
        case dependsWordOperator = "depends.word-operator"
        case dependsInvalidResult = "depends.invalid-result"
        case dependsMissingResult = "depends.missing-result"

        // when (govaluate)
        case whenSyntax = "when.syntax"
        case whenInvalidToken = "when.invalid-token"
        case whenUnclosedString = "when.unclosed-string"
        case whenUnbalancedParenthesis = "when.unbalanced-parenthesis"
        case whenTrailingOperator = "when.trailing-operator"
        case whenEmpty = "when.empty"
        case whenWordOperator = "when.word-operator"
        case whenDottedWord = "when.dotted-word"
        case whenHyphenatedWord = "when.hyphenated-word"
        case whenUnquotedSpaces = "when.unquoted-spaces"
        case whenUnquotedTag = "when.unquoted-tag"
        case whenNotBoolean = "when.not-boolean"
        case whenComparisonChain = "when.comparison-chain"
        case whenTypeMismatch = "when.type-mismatch"
        case whenInvalidRegex = "when.invalid-regex"
        case whenUndefinedFunction = "when.undefined-function"
    }

    public var code: Code
    public var severity: Severity
    public var message: String
    /// UTF-8 byte offsets into the string that was parsed.
    public var range: Range<Int>
    /// A suggested rewrite or next step, when one is obvious.
    public var hint: String?

    public init(code: Code, severity: Severity = .error, message: String, range: Range<Int>, hint: String? = nil) {
        self.code = code
        self.severity = severity
        self.message = message
        self.range = range
        self.hint = hint
    }

    public var description: String {
        var text = "\(severity.rawValue) [\(code.rawValue)] \(range.lowerBound)..<\(range.upperBound): \(message)"
        if let hint { text += " (hint: \(hint))" }
        return text
    }
}
