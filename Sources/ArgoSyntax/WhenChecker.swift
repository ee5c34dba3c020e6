/// Static analysis behind `WhenCondition.check`: replays govaluate's parse
/// (so parse errors match upstream's first error), then infers value types
/// to find conditions that parse but always fail or never mean what they say.
struct WhenChecker {
    let source: String
    let options: WhenCheckOptions
    let bytes: [UInt8]
    private var issues: [SyntaxIssue] = []
    private var tokens: [GovaluateToken] = []
    /// Hyphenated runs (`a-b`) already reported: run range → issue index.
    private var hyphenRuns: [Range<Int>: Int] = [:]
    /// Operator ranges inside reported hyphen runs, whose type errors are the same finding.
    private var hyphenOperators: Set<Int> = []

    init(source: String, options: WhenCheckOptions) {
        self.source = source
        self.options = options
        self.bytes = Array(source.utf8)
    }

    /// Static view of a value's type; `unknown` never produces a finding.
    enum StaticType: Equatable {
        case bool, number, string, stringOrTime, array, null, unknown

        var cannotBeBool: Bool {
            switch self {
            case .number, .string, .stringOrTime, .array, .null: return true
            case .bool, .unknown: return false
            }
        }

        var cannotBeNumber: Bool {
            switch self {
            case .bool, .string, .array, .null: return true
            case .number, .stringOrTime, .unknown: return false
            }
        }

        var noun: String {
            switch self {
            case .bool: return "a boolean"
            case .number: return "a number"
            case .string, .stringOrTime: return "a string"
            case .array: return "a list"
            case .null: return "nil"
            case .unknown: return "a value"
            }
        }
    }

    mutating func run() -> [SyntaxIssue] {
        guard !bytes.isEmpty else { return [] }
        let scan = TemplateTagScanner.scan(bytes: bytes)
        if !scan.issues.isEmpty { return scan.issues }

        switch GovaluateLexer(bytes: bytes, tags: scan.tags).tokenize() {
        case .failure(let error): return [issue(for: error)]
        case .success(let lexed): tokens = lexed
        }
        if tokens.isEmpty {
            return [SyntaxIssue(code: .whenEmpty, message: "the condition contains only whitespace",
                                range: 0..<bytes.count, hint: "remove 'when' or write a condition")]
        }
        if let failure = GovaluateSyntax.checkBalance(tokens) { return [issue(for: failure)] }
        if let failure = GovaluateSyntax.checkTransitions(tokens, wordsAsStrings: false)
            ?? GovaluateSyntax.checkTransitions(tokens, wordsAsStrings: true) {
            return [issue(for: failure)]
        }
        if let bad = WhenCondition.invalidRegexLiteral(tokens, includeWords: true) {
            return [SyntaxIssue(code: .whenInvalidRegex, message: "invalid regular expression: \(bad.message)",
                                range: bad.range, hint: "govaluate uses Go RE2 syntax")]
        }

        findHyphenRuns()
        switch GovaluateParser.parse(tokens) {
        case .failure(let failure):
            issues.append(SyntaxIssue(code: .whenSyntax, message: failure.message, range: failure.range))
        case .success(let root):
            if let root {
                let type = infer(root)
                checkResult(root, type)
            }
        }
        checkUnquotedTags()
        return issues.sorted { ($0.range.lowerBound, $0.range.upperBound) < ($1.range.lowerBound, $1.range.upperBound) }
    }

    private func text(_ range: Range<Int>) -> String { UTF8Text.string(bytes, range) }

    // MARK: Parse errors

    private func issue(for error: GovaluateLexError) -> SyntaxIssue {
        let upstream = " (govaluate: \(error.upstreamMessage))"
        switch error.kind {
        case .invalidToken:
            let symbol = error.text
            if symbol == "=" {
                return SyntaxIssue(code: .whenInvalidToken, message: "'=' is not an operator" + upstream,
                                   range: error.range, hint: "use '==' to compare")
            }
            if symbol.isEmpty {
                return SyntaxIssue(code: .whenInvalidToken, message: "unexpected '\(text(error.range))'" + upstream,
                                   range: error.range, hint: "wrap text containing special characters in quotes")
            }
            if let split = splitGluedOperators(symbol) {
                return SyntaxIssue(code: .whenInvalidToken,
                                   message: "'\(symbol)' is read as one operator" + upstream, range: error.range,
                                   hint: "put a space between '\(split.0)' and '\(split.1)'")
            }
            return SyntaxIssue(code: .whenInvalidToken, message: "'\(symbol)' is not a govaluate operator" + upstream,
                               range: error.range, hint: "wrap text containing special characters in quotes (')")
        case .unclosedString:
            return SyntaxIssue(code: .whenUnclosedString, message: "string is never closed" + upstream,
                               range: error.range, hint: "add the closing quote")
        case .unclosedBracket:
            return SyntaxIssue(code: .whenSyntax, message: "'[' is never closed by ']'" + upstream, range: error.range)
        case .badNumber, .badHex:
            let dotted = error.text.utf8.filter { $0 == UInt8(ascii: ".") }.count > 1
            return SyntaxIssue(code: dotted ? .whenDottedWord : .whenSyntax,
                               message: "'\(error.text)' is not a number" + upstream, range: error.range,
                               hint: "quote it: '\(text(error.range))'")
        case .hangingAccessor, .unexportedField:
            return SyntaxIssue(code: .whenDottedWord,
                               message: "'\(error.text)' contains '.', so govaluate reads it as a field access, not a word" + upstream,
                               range: error.range, hint: "quote it: '\(text(error.range))'")
        case .unterminatedTag:
            return SyntaxIssue(code: .unterminatedTag, message: error.upstreamMessage, range: error.range)
        }
    }

    /// `&&!` → ("&&", "!"): two valid operators written without a space.
    private func splitGluedOperators(_ symbol: String) -> (String, String)? {
        let all = GovaluateLexer.modifierSymbols.union(GovaluateLexer.logicalSymbols)
            .union(GovaluateLexer.comparatorSymbols).union(GovaluateLexer.ternarySymbols)
        let characters = Array(symbol)
        guard characters.count > 1 else { return nil }
        for cut in stride(from: characters.count - 1, through: 1, by: -1) {
            let head = String(characters[..<cut])
            let tail = String(characters[cut...])
            if all.contains(head), all.contains(tail) || GovaluateLexer.prefixSymbols.contains(tail) { return (head, tail) }
        }
        return nil
    }

    private func describe(_ token: GovaluateToken) -> String {
        switch token.kind {
        case .variable: return "the word '\(token.text)'"
        case .placeholder: return "the tag \(text(token.range))"
        case .string, .time: return "the string \(text(token.range))"
        case .numeric: return "the number \(text(token.range))"
        case .boolean: return "'\(token.text)'"
        default: return "'\(text(token.range))'"
        }
    }

    private static func isUnquotedValue(_ kind: GovaluateTokenKind) -> Bool {
        kind == .variable || kind == .placeholder || kind == .numeric || kind == .boolean
    }

    private func issue(for failure: GovaluateSyntax.Failure) -> SyntaxIssue {
        let upstream = " (govaluate: \(failure.upstreamMessage))"
        switch failure {
        case .unbalanced(let range, let unmatchedClose, _):
            return SyntaxIssue(code: .whenUnbalancedParenthesis,
                               message: (unmatchedClose ? "')' has no matching '('" : "'(' is never closed") + upstream,
                               range: range, hint: unmatchedClose ? "remove it or add '('" : "add ')'")
        case .unexpectedEnd(let last):
            guard let last else {
                return SyntaxIssue(code: .whenEmpty, message: "the condition is empty", range: 0..<bytes.count)
            }
            return SyntaxIssue(code: .whenTrailingOperator,
                               message: "the condition ends with '\(text(last.range))', which needs something after it" + upstream,
                               range: last.range, hint: "complete or remove '\(text(last.range))'")
        case .transition(let previous, let next, let previousIndex, let nextIndex):
            return transitionIssue(previous, next, previousIndex, nextIndex, upstream)
        }
    }

    private func transitionIssue(
        _ previous: GovaluateToken?, _ next: GovaluateToken, _ previousIndex: Int?, _ nextIndex: Int, _ upstream: String
    ) -> SyntaxIssue {
        let wordOperators = ["and": "&&", "or": "||"]
        if let previous, previous.kind.isOperand || previous.kind == .clauseClose,
           next.kind == .variable, let symbol = wordOperators[next.text.lowercased()] {
            return SyntaxIssue(code: .whenWordOperator,
                               message: "'\(next.text)' is not an operator in govaluate; it is read as the string '\(next.text)'" + upstream,
                               range: next.range, hint: "use \(symbol)")
        }
        if let previous, let previousIndex, previous.kind == .variable, previous.text.lowercased() == "not" {
            let before = previousIndex > 0 ? tokens[previousIndex - 1].kind : GovaluateTokenKind.unknown
            if !(before.isOperand || before == .clauseClose) {
                return SyntaxIssue(code: .whenWordOperator,
                                   message: "'\(previous.text)' is not an operator in govaluate; it is read as the string '\(previous.text)'" + upstream,
                                   range: previous.range, hint: "use !")
            }
        }
        guard let previous, let previousIndex else {
            return SyntaxIssue(code: .whenSyntax,
                               message: "the condition cannot start with \(describe(next))" + upstream, range: next.range)
        }
        if previous.kind == .variable, next.kind == .clause {
            return SyntaxIssue(code: .whenUndefinedFunction,
                               message: "govaluate in Argo has no functions, so '\(previous.text)(' cannot be called" + upstream,
                               range: previous.range.lowerBound..<next.range.upperBound,
                               hint: "use an expression tag such as {{=...}} for function calls")
        }
        if Self.isUnquotedValue(previous.kind), Self.isUnquotedValue(next.kind) {
            // `hello world`: extend over every value of the run so the hint quotes all of it.
            var end = nextIndex
            while end + 1 < tokens.count, Self.isUnquotedValue(tokens[end + 1].kind) { end += 1 }
            var start = previousIndex
            while start > 0, Self.isUnquotedValue(tokens[start - 1].kind) { start -= 1 }
            let range = tokens[start].range.lowerBound..<tokens[end].range.upperBound
            return SyntaxIssue(code: .whenUnquotedSpaces,
                               message: "'\(text(range))' is unquoted text with spaces, which govaluate reads as separate values" + upstream,
                               range: range, hint: "quote it: '\(text(range))'")
        }
        if previous.kind.isOperand || previous.kind == .clauseClose, next.kind.isOperand || next.kind == .clause {
            return SyntaxIssue(code: .whenSyntax,
                               message: "missing operator between \(describe(previous)) and \(describe(next))" + upstream,
                               range: next.range, hint: "join the values with an operator such as == or &&")
        }
        if previous.kind == .comparator, next.kind == .modifier {
            // `=~ ^hea`: the pattern's first character was read as an operator.
            var end = nextIndex
            while end + 1 < tokens.count, tokens[end + 1].range.lowerBound == tokens[end].range.upperBound { end += 1 }
            let range = next.range.lowerBound..<tokens[end].range.upperBound
            let regex = previous.text == "=~" || previous.text == "!~"
            return SyntaxIssue(code: .whenSyntax,
                               message: "'\(next.text)' after '\(previous.text)' is read as an operator" + upstream,
                               range: range,
                               hint: regex ? "quote the regular expression: '\(text(range))'" : "quote the value: '\(text(range))'")
        }
        if previous.kind == .prefix, next.kind == .variable || next.kind == .string || next.kind == .time {
            return SyntaxIssue(code: .whenSyntax,
                               message: "'\(previous.text)' cannot be applied to \(describe(next)), which is a string" + upstream,
                               range: previous.range.lowerBound..<next.range.upperBound,
                               hint: previous.text == "!" ? "compare instead, e.g. x != value" : nil)
        }
        if next.kind == .clauseClose {
            return SyntaxIssue(code: .whenTrailingOperator,
                               message: "'\(text(previous.range))' has nothing after it before ')'" + upstream,
                               range: previous.range)
        }
        return SyntaxIssue(code: .whenSyntax,
                           message: "\(describe(next)) cannot follow \(describe(previous))" + upstream, range: next.range)
    }

    // MARK: Hyphenated words

    private static func isRunOperand(_ kind: GovaluateTokenKind) -> Bool {
        kind == .variable || kind == .numeric || kind == .placeholder || kind == .boolean
    }

    private mutating func findHyphenRuns() {
        var index = 0
        while index < tokens.count {
            guard Self.isRunOperand(tokens[index].kind) else { index += 1; continue }
            var end = index
            var minusRanges: [Range<Int>] = []
            while end + 2 < tokens.count,
                  tokens[end + 1].kind == .modifier, tokens[end + 1].text == "-",
                  tokens[end + 1].range.lowerBound == tokens[end].range.upperBound,
                  tokens[end + 2].range.lowerBound == tokens[end + 1].range.upperBound,
                  Self.isRunOperand(tokens[end + 2].kind) {
                minusRanges.append(tokens[end + 1].range)
                end += 2
            }
            defer { index = end + 1 }
            guard !minusRanges.isEmpty else { continue }
            let run = tokens[index...end]
            let range = tokens[index].range.lowerBound..<tokens[end].range.upperBound
            let hasWord = run.contains { token in
                token.kind == .variable || token.kind == .boolean || (token.kind == .placeholder && token.hasLiteralText)
            }
            if hasWord {
                hyphenRuns[range] = issues.count
                for minus in minusRanges { hyphenOperators.insert(minus.lowerBound) }
                issues.append(SyntaxIssue(
                    code: .whenHyphenatedWord,
                    message: "'\(text(range))' is not one word: govaluate reads '-' as subtraction, which fails on strings",
                    range: range, hint: "quote it: '\(text(range))'"))
            } else if run.count == 5, run.allSatisfy({ $0.kind == .numeric || $0.kind == .modifier }),
                      run.map({ $0.range.count }) == [4, 1, 2, 1, 2] {
                hyphenRuns[range] = issues.count
                for minus in minusRanges { hyphenOperators.insert(minus.lowerBound) }
                issues.append(SyntaxIssue(
                    code: .whenHyphenatedWord, severity: .warning,
                    message: "unquoted date '\(text(range))' is arithmetic (a subtraction), not a date",
                    range: range, hint: "quote it to compare dates: '\(text(range))'"))
            }
        }
    }

    // MARK: Types

    private mutating func mismatch(_ message: String, _ range: Range<Int>, hint: String? = nil) {
        issues.append(SyntaxIssue(code: .whenTypeMismatch, message: message, range: range, hint: hint))
    }

    private func display(_ node: GovaluateNode) -> String { "'\(text(node.range))'" }

    private mutating func infer(_ node: GovaluateNode) -> StaticType {
        switch node.kind {
        case .number, .time: return .number
        case .boolean: return .bool
        case .string: return .string
        case .templatedString: return .stringOrTime
        case .placeholder: return .unknown
        case .missing:
            issues.append(SyntaxIssue(code: .whenTrailingOperator, message: "a value is missing before ')'",
                                      range: node.range.lowerBound..<node.range.lowerBound + 1,
                                      hint: "complete the expression or remove the dangling operator"))
            return .null
        case .accessor(let parts, _):
            let word = text(node.range)
            issues.append(SyntaxIssue(
                code: .whenDottedWord,
                message: "'\(word)' contains '.', so govaluate reads it as a field of a parameter '\(parts.first ?? "")' that does not exist (govaluate: No parameter '\(parts.first ?? "")' found.)",
                range: node.range, hint: "quote it: '\(word)'"))
            return .unknown
        case .group(let inner):
            guard let inner else { return .null }
            return infer(inner)
        case .prefix(let op, let operand):
            let type = infer(operand)
            if op == "!" {
                if type.cannotBeBool {
                    mismatch("'!' needs true or false, but \(display(operand)) is \(type.noun)", node.range)
                    return .unknown
                }
                return .bool
            }
            if type.cannotBeNumber {
                mismatch("'\(op)' needs a number, but \(display(operand)) is \(type.noun)", node.range)
                return .unknown
            }
            return .number
        case .binary(let op, let left, let right):
            return inferBinary(node, op, left, right)
        }
    }

    private mutating func inferBinary(
        _ node: GovaluateNode, _ op: String, _ left: GovaluateNode, _ right: GovaluateNode
    ) -> StaticType {
        let leftType = infer(left)
        let rightType = infer(right)
        switch op {
        case "&&", "||":
            for (side, type) in [(left, leftType), (right, rightType)] where type.cannotBeBool {
                var hint: String?
                if case .string(_, bare: true) = side.kind { hint = "compare it, e.g. value == \(text(side.range))" }
                mismatch("\(display(side)) is \(type.noun), not true or false; '\(op)' needs a condition on both sides",
                         side.range, hint: hint)
            }
            return .bool
        case ",":
            return .array
        case "?":
            if leftType.cannotBeBool {
                mismatch("'?' needs a true/false condition, but \(display(left)) is \(leftType.noun)", left.range)
            }
            return .unknown
        case ":", "??":
            return leftType == .null ? rightType : .unknown
        case "+":
            if leftType == .number && rightType == .number { return .number }
            if leftType == .string || rightType == .string || leftType == .stringOrTime || rightType == .stringOrTime {
                return .string
            }
            if leftType == .unknown || rightType == .unknown { return .unknown }
            mismatch("'+' needs numbers or a string, but got \(leftType.noun) and \(rightType.noun)", node.range)
            return .unknown
        default:
            break
        }
        if GovaluateNode.comparators.contains(op) {
            checkComparison(node, op, left, right, leftType, rightType)
            return .bool
        }
        // Arithmetic, bitwise and shift operators need numbers on both sides.
        if let opRange = node.operatorRange, hyphenOperators.contains(opRange.lowerBound) { return .unknown }
        for (side, type) in [(left, leftType), (right, rightType)] where type.cannotBeNumber {
            let hint: String? = type == .string ? "quote text that contains '\(op)'" : nil
            mismatch("'\(op)' needs numbers, but \(display(side)) is \(type.noun)", node.range, hint: hint)
            return .unknown
        }
        return .number
    }

    private mutating func checkComparison(
        _ node: GovaluateNode, _ op: String, _ left: GovaluateNode, _ right: GovaluateNode,
        _ leftType: StaticType, _ rightType: StaticType
    ) {
        if op == "==" || op == "!=" {
            noteHyphenPartner(left, right)
            noteHyphenPartner(right, left)
            if left.isComparison, rightType != .bool, rightType != .unknown {
                issues.append(SyntaxIssue(
                    code: .whenComparisonChain, severity: .warning,
                    message: "\(display(node)) compares the true/false result of \(display(left)) with \(display(right)), so it is always \(op == "==" ? "false" : "true")",
                    range: node.range, hint: "combine comparisons with && or ||"))
            }
            if options.strictTagQuoting {
                strictQuoting(left, right)
                strictQuoting(right, left)
            }
            return
        }
        if GovaluateNode.orderings.contains(op) {
            if left.isComparison, leftType == .bool {
                var hint = "combine comparisons with && or ||"
                if case .binary(_, _, let middle) = left.kind {
                    hint = "write \(text(left.range)) && \(text(middle.range)) \(op) \(text(right.range))"
                }
                issues.append(SyntaxIssue(
                    code: .whenComparisonChain,
                    message: "\(display(node)) compares the true/false result of \(display(left)) with \(display(right)); govaluate fails on this",
                    range: node.range, hint: hint))
                return
            }
            let compatible: Bool
            switch (leftType, rightType) {
            case (.unknown, _), (_, .unknown): compatible = true
            case (.number, .number), (.string, .string): compatible = true
            case (.stringOrTime, .number), (.number, .stringOrTime), (.stringOrTime, .string),
                 (.string, .stringOrTime), (.stringOrTime, .stringOrTime): compatible = true
            default: compatible = false
            }
            if !compatible {
                mismatch("'\(op)' compares two numbers or two strings, but got \(leftType.noun) and \(rightType.noun)",
                         node.range, hint: leftType == .string || rightType == .string
                            ? "quoted numbers are strings: compare numbers without quotes" : nil)
            }
            return
        }
        if op == "=~" || op == "!~" {
            let leftOK = leftType == .string || leftType == .stringOrTime || leftType == .unknown
            let rightOK = rightType == .string || rightType == .stringOrTime || rightType == .unknown
            if !leftOK {
                mismatch("'\(op)' needs a string on the left, but \(display(left)) is \(leftType.noun)", left.range)
            } else if !rightOK {
                mismatch("'\(op)' needs a pattern string on the right, but \(display(right)) is \(rightType.noun)",
                         right.range, hint: "quote the pattern")
            }
            return
        }
        if op == "in", rightType != .array, rightType != .unknown {
            mismatch("'in' needs a parenthesised list on the right, but \(display(right)) is \(rightType.noun)",
                     right.range, hint: "write x in (a, b)")
        }
    }

    /// `{{tag}} == a-b`: the tag's value will be just as hyphenated, so say to quote both.
    private mutating func noteHyphenPartner(_ hyphenSide: GovaluateNode, _ other: GovaluateNode) {
        guard let index = hyphenRuns[hyphenSide.range], case .placeholder = other.kind else { return }
        let tag = text(other.range)
        let word = text(hyphenSide.range)
        let leftFirst = other.range.lowerBound < hyphenSide.range.lowerBound
        let quoted = leftFirst ? "'\(tag)' \(text(betweenRange(other, hyphenSide))) '\(word)'"
                               : "'\(word)' \(text(betweenRange(hyphenSide, other))) '\(tag)'"
        issues[index].message += "; \(tag) is substituted unquoted too, so a hyphenated value there fails the same way"
        issues[index].hint = "quote both sides: " + quoted
    }

    private func betweenRange(_ first: GovaluateNode, _ second: GovaluateNode) -> Range<Int> {
        UTF8Text.trimmed(bytes, first.range.upperBound..<second.range.lowerBound)
    }

    private mutating func strictQuoting(_ tagSide: GovaluateNode, _ literalSide: GovaluateNode) {
        guard case .placeholder = tagSide.kind, case .string(let literal, bare: false) = literalSide.kind else { return }
        let bareSafe = literal.unicodeScalars.first.map(UTF8Text.isLetter) ?? false
            && literal.unicodeScalars.allSatisfy { UTF8Text.isLetter($0) || UTF8Text.isDigit($0) || $0 == "_" }
        let isNumber = Double(literal) != nil
        guard !bareSafe, !isNumber else { return }
        let tag = text(tagSide.range)
        issues.append(SyntaxIssue(
            code: .whenUnquotedTag, severity: .warning,
            message: "\(tag) is substituted unquoted; if its value is '\(literal)', govaluate cannot read it as one word",
            range: tagSide.range, hint: "quote the tag: '\(tag)'"))
    }

    // MARK: Result and tag checks

    private mutating func checkResult(_ root: GovaluateNode, _ type: StaticType) {
        guard type.cannotBeBool else { return }
        if case .string(let word, bare: true) = root.kind {
            issues.append(SyntaxIssue(
                code: .whenNotBoolean,
                message: "'\(word)' alone is the string '\(word)', not true or false",
                range: root.range, hint: "compare it, e.g. {{...}} == \(word)"))
            return
        }
        issues.append(SyntaxIssue(
            code: .whenNotBoolean, message: "the condition evaluates to \(type.noun), not true or false",
            range: root.range, hint: "use a comparison such as x == y"))
    }

    /// Tags whose values are known to contain '-', ':' or spaces break when unquoted.
    private mutating func checkUnquotedTags() {
        for token in tokens where token.kind == .placeholder {
            if hyphenRuns.keys.contains(where: { $0.overlaps(token.range) }) { continue }
            for tag in token.tags where tag.kind == .simple && Self.valueHasSeparators(tag.text) {
                let shown = text(tag.range)
                issues.append(SyntaxIssue(
                    code: .whenUnquotedTag, severity: .warning,
                    message: "\(shown) is substituted unquoted, and its value normally contains '-' or ':', which govaluate cannot read as a word",
                    range: tag.range, hint: "quote it: '\(text(token.range))'"))
            }
        }
    }

    static func valueHasSeparators(_ name: String) -> Bool {
        let exact: Set<String> = [
            "workflow.name", "workflow.uid", "workflow.namespace", "workflow.serviceAccountName",
            "workflow.mainEntrypoint", "workflow.scheduledTime", "workflow.failures", "workflow.creationTimestamp",
            "pod.name", "node.name",
        ]
        if exact.contains(name) || name.hasPrefix("workflow.creationTimestamp.") { return true }
        let parts = name.split(separator: ".")
        if parts.count == 3, parts[0] == "steps" || parts[0] == "tasks" {
            return ["id", "startedAt", "finishedAt", "hostNodeName"].contains(String(parts[2]))
        }
        return false
    }
}
