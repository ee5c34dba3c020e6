/// Recursive-descent parser for DAG `depends` strings.
///
/// Upstream rewrites `-` to `_` and hands the text to expr, so only the
/// symbolic operators exist and every other name-shaped word is a task. We
/// parse the documented grammar directly and explain the usual slips
/// (`and`/`or`/`not`, single `&`/`|`, lower-case result words) precisely.
enum DependsParser {
    enum TokenKind: Equatable {
        case operand(DependsOperand)
        case and, or, not, leftParen, rightParen
    }

    struct Token {
        var kind: TokenKind
        var range: Range<Int>

        var startsOperand: Bool {
            switch kind {
            case .operand, .not, .leftParen: return true
            default: return false
            }
        }

        var endsOperand: Bool {
            switch kind {
            case .operand, .rightParen: return true
            default: return false
            }
        }

        var display: String {
            switch kind {
            case .operand(let operand): return operand.task + (operand.result.map { "." + $0.rawValue } ?? "")
            case .and: return "&&"
            case .or: return "||"
            case .not: return "!"
            case .leftParen: return "("
            case .rightParen: return ")"
            }
        }
    }

    static func parse(_ source: String) -> Result<DependsExpression, DependsParseFailure> {
        let bytes = Array(source.utf8)
        var issues: [SyntaxIssue] = []
        var tokens = tokenize(bytes, issues: &issues)
        rewriteWordOperators(&tokens, issues: &issues)

        if tokens.isEmpty {
            if issues.isEmpty {
                issues.append(SyntaxIssue(
                    code: .dependsEmpty, message: "depends expression is empty",
                    range: 0..<bytes.count, hint: "name at least one task, or remove 'depends'"))
            }
            return .failure(DependsParseFailure(issues: sorted(issues)))
        }

        let parenIssues = checkParentheses(tokens)
        issues.append(contentsOf: parenIssues)
        if parenIssues.isEmpty {
            var parser = Parser(tokens: tokens)
            if let root = parser.parseExpression(), parser.error == nil {
                if parser.index < tokens.count {
                    let token = tokens[parser.index]
                    issues.append(SyntaxIssue(
                        code: .dependsUnexpectedToken,
                        message: "unexpected '\(token.display)' after a complete operand",
                        range: token.range, hint: "join operands with && or ||"))
                } else if issues.isEmpty {
                    return .success(DependsExpression(source: source, root: root))
                }
            } else if let error = parser.error {
                issues.append(error)
            }
        }
        return .failure(DependsParseFailure(issues: sorted(issues)))
    }

    private static func sorted(_ issues: [SyntaxIssue]) -> [SyntaxIssue] {
        issues.sorted { ($0.range.lowerBound, $0.range.upperBound) < ($1.range.lowerBound, $1.range.upperBound) }
    }

    // MARK: Lexing

    @inline(__always)
    private static func isNameByte(_ byte: UInt8) -> Bool {
        UTF8Text.isASCIIAlphanumeric(byte) || byte == UInt8(ascii: "-")
    }

    static func tokenize(_ bytes: [UInt8], issues: inout [SyntaxIssue]) -> [Token] {
        var tokens: [Token] = []
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if UTF8Text.isASCIIWhitespace(byte) {
                index += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "("):
                tokens.append(Token(kind: .leftParen, range: index..<index + 1)); index += 1
            case UInt8(ascii: ")"):
                tokens.append(Token(kind: .rightParen, range: index..<index + 1)); index += 1
            case UInt8(ascii: "!"):
                tokens.append(Token(kind: .not, range: index..<index + 1)); index += 1
            case UInt8(ascii: "&"), UInt8(ascii: "|"):
                let isAnd = byte == UInt8(ascii: "&")
                let symbol = isAnd ? "&&" : "||"
                if index + 1 < count, bytes[index + 1] == byte {
                    tokens.append(Token(kind: isAnd ? .and : .or, range: index..<index + 2)); index += 2
                } else {
                    issues.append(SyntaxIssue(
                        code: .dependsUnexpectedCharacter,
                        message: "'\(isAnd ? "&" : "|")' is not an operator in depends",
                        range: index..<index + 1, hint: "use \(symbol)"))
                    // Read it as the doubled operator so later errors stay meaningful.
                    tokens.append(Token(kind: isAnd ? .and : .or, range: index..<index + 1)); index += 1
                }
            default:
                if UTF8Text.isASCIIAlphanumeric(byte) {
                    tokens.append(lexOperand(bytes, at: &index, issues: &issues))
                } else {
                    let length = UTF8Text.decode(bytes, at: index).length
                    let text = UTF8Text.string(bytes, index..<index + length)
                    let hint: String? = byte == UInt8(ascii: "-")
                        ? "task names must start with a letter or digit"
                        : (byte == UInt8(ascii: "_") ? "task names may only contain letters, digits and '-'" : nil)
                    issues.append(SyntaxIssue(
                        code: .dependsUnexpectedCharacter,
                        message: "unexpected character '\(text)' in depends",
                        range: index..<index + length, hint: hint))
                    index += length
                }
            }
        }
        return tokens
    }

    private static func lexOperand(_ bytes: [UInt8], at index: inout Int, issues: inout [SyntaxIssue]) -> Token {
        let start = index
        while index < bytes.count, isNameByte(bytes[index]) { index += 1 }
        let taskRange = start..<index
        let task = UTF8Text.string(bytes, taskRange)
        guard index < bytes.count, bytes[index] == UInt8(ascii: ".") else {
            return Token(kind: .operand(DependsOperand(task: task, result: nil, taskRange: taskRange, range: taskRange)),
                         range: taskRange)
        }
        let dot = index
        index += 1
        let wordStart = index
        // Digits and '_' are swallowed too so `a.Succeeded2` is one bad word, not two tokens.
        while index < bytes.count,
              UTF8Text.isASCIIAlphanumeric(bytes[index]) || bytes[index] == UInt8(ascii: "_") {
            index += 1
        }
        let wordRange = wordStart..<index
        let word = UTF8Text.string(bytes, wordRange)
        let range = start..<index
        if word.isEmpty {
            issues.append(SyntaxIssue(
                code: .dependsMissingResult,
                message: "'\(task).' is missing a task result",
                range: dot..<dot + 1,
                hint: "write '\(task)' or '\(task).Succeeded' (results: \(resultList))"))
            return Token(kind: .operand(DependsOperand(task: task, result: nil, taskRange: taskRange, range: range)),
                         range: range)
        }
        if let result = DependsResult(exactly: word) {
            return Token(kind: .operand(DependsOperand(task: task, result: result, taskRange: taskRange, range: range)),
                         range: range)
        }
        let suggestion = DependsResult.suggestion(for: word)
        issues.append(SyntaxIssue(
            code: .dependsInvalidResult,
            message: "task result '\(word)' for task '\(task)' is invalid",
            range: wordRange,
            hint: suggestion.map { "did you mean '\($0.rawValue)'?" } ?? "valid results: \(resultList)"))
        return Token(kind: .operand(DependsOperand(task: task, result: suggestion, taskRange: taskRange, range: range)),
                     range: range)
    }

    private static let resultList = DependsResult.allCases.map(\.rawValue).joined(separator: ", ")

    /// `a and b` / `not a`: upstream would read these words as task names and
    /// fail confusingly, so report them as the operators the author meant.
    private static func rewriteWordOperators(_ tokens: inout [Token], issues: inout [SyntaxIssue]) {
        for position in tokens.indices {
            guard case .operand(let operand) = tokens[position].kind, operand.result == nil else { continue }
            let word = operand.task.lowercased()
            guard word == "and" || word == "or" || word == "not" else { continue }
            let previousEndsOperand = position > 0 && tokens[position - 1].endsOperand
            let nextStartsOperand = position + 1 < tokens.count && tokens[position + 1].startsOperand
            guard nextStartsOperand else { continue }
            let replacement: TokenKind
            let symbol: String
            if word == "not" {
                guard !previousEndsOperand else { continue }
                replacement = .not; symbol = "!"
            } else {
                guard previousEndsOperand else { continue }
                replacement = word == "and" ? .and : .or
                symbol = word == "and" ? "&&" : "||"
            }
            issues.append(SyntaxIssue(
                code: .dependsWordOperator,
                message: "'\(operand.task)' is not an operator in depends; it would be read as a task name",
                range: tokens[position].range, hint: "use && / || / ! (here: \(symbol))"))
            tokens[position].kind = replacement
        }
    }

    private static func checkParentheses(_ tokens: [Token]) -> [SyntaxIssue] {
        var open: [Range<Int>] = []
        var issues: [SyntaxIssue] = []
        for token in tokens {
            switch token.kind {
            case .leftParen: open.append(token.range)
            case .rightParen:
                if open.popLast() == nil {
                    issues.append(SyntaxIssue(
                        code: .dependsUnbalancedParenthesis, message: "')' has no matching '('",
                        range: token.range))
                }
            default: break
            }
        }
        for range in open {
            issues.append(SyntaxIssue(
                code: .dependsUnbalancedParenthesis, message: "'(' is never closed",
                range: range, hint: "add ')'"))
        }
        return issues
    }

    // MARK: Parsing

    struct Parser {
        let tokens: [Token]
        var index = 0
        var error: SyntaxIssue?

        init(tokens: [Token]) {
            self.tokens = tokens
        }

        mutating func parseExpression() -> DependsNode? {
            guard var left = parseAnd() else { return nil }
            while index < tokens.count, tokens[index].kind == .or {
                let op = tokens[index]
                index += 1
                guard let right = parseAnd(after: op) else { return nil }
                left = .or(left, right)
            }
            return left
        }

        private mutating func parseAnd(after op: Token? = nil) -> DependsNode? {
            guard var left = parseUnary(after: op) else { return nil }
            while index < tokens.count, tokens[index].kind == .and {
                let op = tokens[index]
                index += 1
                guard let right = parseUnary(after: op) else { return nil }
                left = .and(left, right)
            }
            return left
        }

        private mutating func parseUnary(after op: Token?) -> DependsNode? {
            if index < tokens.count, tokens[index].kind == .not {
                let bang = tokens[index]
                index += 1
                guard let inner = parseUnary(after: bang) else { return nil }
                return .not(inner, range: bang.range.lowerBound..<max(inner.range.upperBound, lastConsumedEnd))
            }
            return parsePrimary(after: op)
        }

        private var lastConsumedEnd: Int {
            index > 0 ? tokens[index - 1].range.upperBound : 0
        }

        private mutating func parsePrimary(after op: Token?) -> DependsNode? {
            guard index < tokens.count else {
                if let op {
                    fail(SyntaxIssue(
                        code: .dependsTrailingOperator,
                        message: "'\(op.display)' at the end of the expression has nothing after it",
                        range: op.range, hint: "add a task after '\(op.display)' or remove it"))
                } else {
                    fail(SyntaxIssue(code: .dependsEmpty, message: "depends expression is empty", range: 0..<0))
                }
                return nil
            }
            let token = tokens[index]
            switch token.kind {
            case .operand(let operand):
                index += 1
                return .operand(operand)
            case .leftParen:
                index += 1
                if index < tokens.count, tokens[index].kind == .rightParen {
                    fail(SyntaxIssue(
                        code: .dependsMissingOperand, message: "empty parentheses",
                        range: token.range.lowerBound..<tokens[index].range.upperBound))
                    return nil
                }
                guard let inner = parseExpression() else { return nil }
                guard index < tokens.count, tokens[index].kind == .rightParen else {
                    // Balance was checked up front, so this is e.g. `(a b)`.
                    if index < tokens.count {
                        let next = tokens[index]
                        fail(SyntaxIssue(
                            code: .dependsUnexpectedToken,
                            message: "unexpected '\(next.display)' after a complete operand",
                            range: next.range, hint: "join operands with && or ||"))
                    } else {
                        fail(SyntaxIssue(
                            code: .dependsUnbalancedParenthesis, message: "'(' is never closed",
                            range: token.range, hint: "add ')'"))
                    }
                    return nil
                }
                index += 1
                return inner
            case .rightParen, .and, .or, .not:
                let before = op.map { "after '\($0.display)'" } ?? "at the start of the expression"
                fail(SyntaxIssue(
                    code: .dependsMissingOperand,
                    message: "expected a task name \(before) but found '\(token.display)'",
                    range: token.range))
                return nil
            }
        }

        private mutating func fail(_ issue: SyntaxIssue) {
            if error == nil { error = issue }
        }
    }
}
