/// Options for the static `when` check.
public struct WhenCheckOptions: Sendable, Hashable {
    /// Also warn when an unquoted tag is compared with a quoted literal
    /// containing characters a bare word cannot hold (`{{x}} == 'a-b'`).
    /// Upstream fails on that whenever the value really is `a-b` (it becomes
    /// `a-b == 'a-b'`, a subtraction of strings), but the idiom is common and
    /// usually compares against values without such characters, so it is off
    /// by default.
    public var strictTagQuoting: Bool

    public init(strictTagQuoting: Bool = false) {
        self.strictTagQuoting = strictTagQuoting
    }
}

/// Why `WhenCondition.evaluate` did not produce a boolean.
public struct WhenEvaluationError: Error, Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// govaluate rejected the text (Argo: "Invalid 'when' expression …").
        case parse
        /// Evaluation failed (Argo: "Failed to evaluate 'when' expresion …").
        case evaluation
        /// It evaluated, but not to a bool (Argo: "Expected boolean evaluation …").
        case notBoolean
    }

    public var kind: Kind
    /// govaluate's own error text.
    public var detail: String
    /// The full message the controller would record.
    public var message: String
    /// Where in the evaluated text the problem sits, when known.
    public var range: Range<Int>?
}

/// Steps/DAG `when` conditions, which Argo evaluates with govaluate after
/// substituting `{{...}}` tags and turning bare words into strings.
public enum WhenCondition {
    /// Static check of a raw `when` string (tags still in place). Tags are
    /// opaque: inside quotes they are part of a string, unquoted they stand
    /// for one value of unknown type.
    public static func check(_ source: String, options: WhenCheckOptions = WhenCheckOptions()) -> [SyntaxIssue] {
        var checker = WhenChecker(source: source, options: options)
        return checker.run()
    }

    /// Evaluates a `when` string whose tags have already been replaced by
    /// their values, the way the controller decides whether to run a node.
    /// An empty string is `true` (no condition).
    public static func evaluate(_ substituted: String) -> Result<Bool, WhenEvaluationError> {
        let bytes = Array(substituted.utf8)
        if bytes.isEmpty { return .success(true) }

        func invalid(_ detail: String, _ range: Range<Int>?) -> Result<Bool, WhenEvaluationError> {
            var message = "Invalid 'when' expression '\(substituted)': \(detail)"
            if detail.contains("Invalid token") {
                message += " (hint: try wrapping the affected expression in quotes (\"))"
            }
            return .failure(WhenEvaluationError(kind: .parse, detail: detail, message: message, range: range))
        }
        func reparseFailed(_ detail: String, _ range: Range<Int>?) -> Result<Bool, WhenEvaluationError> {
            .failure(WhenEvaluationError(
                kind: .parse, detail: detail,
                message: "Failed to parse 'when' expression '\(substituted)': \(detail)", range: range))
        }

        let tokens: [GovaluateToken]
        switch GovaluateLexer(bytes: bytes).tokenize() {
        case .failure(let error): return invalid(error.upstreamMessage, error.range)
        case .success(let lexed): tokens = lexed
        }
        if let failure = GovaluateSyntax.checkBalance(tokens), case .unbalanced(let range, _, _) = failure {
            return invalid(failure.upstreamMessage, range)
        }
        if let failure = GovaluateSyntax.checkTransitions(tokens, wordsAsStrings: false) {
            return invalid(failure.upstreamMessage, failureRange(failure))
        }
        if let bad = invalidRegexLiteral(tokens, includeWords: false) {
            return invalid(bad.message, bad.range)
        }
        // Argo's second pass: bare words are now strings.
        if let failure = GovaluateSyntax.checkTransitions(tokens, wordsAsStrings: true) {
            return reparseFailed(failure.upstreamMessage, failureRange(failure))
        }
        if let bad = invalidRegexLiteral(tokens, includeWords: true) {
            return reparseFailed(bad.message, bad.range)
        }
        let root: GovaluateNode?
        switch GovaluateParser.parse(tokens) {
        case .failure(let failure): return reparseFailed(failure.message, failure.range)
        case .success(let node): root = node
        }
        switch GovaluateEvaluator.evaluate(root) {
        case .failure(let failure):
            return .failure(WhenEvaluationError(
                kind: .evaluation, detail: failure.message,
                message: "Failed to evaluate 'when' expresion '\(substituted)': \(failure.message)",
                range: failure.range))
        case .success(.bool(let result)):
            return .success(result)
        case .success(let other):
            return .failure(WhenEvaluationError(
                kind: .notBoolean, detail: other.goDisplay,
                message: "Expected boolean evaluation for '\(substituted)'. Got \(other.goDisplay)",
                range: root?.range))
        }
    }

    static func failureRange(_ failure: GovaluateSyntax.Failure) -> Range<Int>? {
        switch failure {
        case .unbalanced(let range, _, _): return range
        case .transition(_, let next, _, _): return next.range
        case .unexpectedEnd(let last): return last?.range
        }
    }

    /// A literal right of `=~`/`!~` is compiled while parsing, so a bad
    /// pattern is a parse error. Bare words count only on Argo's second pass.
    static func invalidRegexLiteral(_ tokens: [GovaluateToken], includeWords: Bool) -> (message: String, range: Range<Int>)? {
        for index in tokens.indices.dropLast() {
            let token = tokens[index]
            guard token.kind == .comparator, token.text == "=~" || token.text == "!~" else { continue }
            let next = tokens[index + 1]
            guard !next.containsTag, next.kind == .string || (includeWords && next.kind == .variable) else { continue }
            if case .failure(let error) = GoRegex.compile(next.text) {
                return (error.message, next.range)
            }
        }
        return nil
    }
}
