/// Builds a `GovaluateNode` tree from tokens that already passed
/// `GovaluateSyntax`. Upstream's planner is right-recursive and then
/// reorders equal-precedence chains, which amounts to ordinary
/// left-associative precedence climbing, as done here.
struct GovaluateParser {
    struct Failure: Error, Sendable, Hashable {
        var message: String
        var range: Range<Int>
    }

    /// Loosest first: `,` < ternary < `||` < `&&` < comparators < bitwise < shifts < `+ -` < `* / %` < `**`.
    private static let levels: [(kinds: Set<GovaluateTokenKind>, symbols: Set<String>)] = [
        ([.separator], [","]),
        ([.ternary], ["?", ":", "??"]),
        ([.logicalOp], ["||"]),
        ([.logicalOp], ["&&"]),
        ([.comparator], GovaluateNode.comparators),
        ([.modifier], ["&", "|", "^"]),
        ([.modifier], ["<<", ">>"]),
        ([.modifier], ["+", "-"]),
        ([.modifier], ["*", "/", "%"]),
        ([.modifier], ["**"]),
    ]

    let tokens: [GovaluateToken]
    private var index = 0

    init(tokens: [GovaluateToken]) {
        self.tokens = tokens
    }

    static func parse(_ tokens: [GovaluateToken]) -> Result<GovaluateNode?, Failure> {
        guard !tokens.isEmpty else { return .success(nil) }
        var parser = GovaluateParser(tokens: tokens)
        do {
            let node = try parser.parseLevel(0)
            if parser.index < tokens.count {
                let token = tokens[parser.index]
                return .failure(Failure(message: "unexpected '\(token.text)'", range: token.range))
            }
            return .success(node)
        } catch {
            return .failure(error)
        }
    }

    private mutating func parseLevel(_ level: Int) throws(Failure) -> GovaluateNode {
        guard level < Self.levels.count else { return try parseUnary() }
        var left = try parseLevel(level + 1)
        let (kinds, symbols) = Self.levels[level]
        while index < tokens.count, kinds.contains(tokens[index].kind), symbols.contains(tokens[index].text) {
            let op = tokens[index]
            index += 1
            let right = try parseLevel(level + 1)
            left = GovaluateNode(.binary(op.text, left, right),
                                 range: left.range.lowerBound..<right.range.upperBound, operatorRange: op.range)
        }
        return left
    }

    private mutating func parseUnary() throws(Failure) -> GovaluateNode {
        guard index < tokens.count else {
            let end = tokens.last?.range.upperBound ?? 0
            throw Failure(message: "unexpected end of expression", range: end..<end)
        }
        let token = tokens[index]
        if token.kind == .prefix {
            index += 1
            let operand = try parsePrimary()
            return GovaluateNode(.prefix(token.text, operand), range: token.range.lowerBound..<operand.range.upperBound,
                                 operatorRange: token.range)
        }
        return try parsePrimary()
    }

    private mutating func parsePrimary() throws(Failure) -> GovaluateNode {
        guard index < tokens.count else {
            let end = tokens.last?.range.upperBound ?? 0
            throw Failure(message: "unexpected end of expression", range: end..<end)
        }
        let token = tokens[index]
        if token.kind == .clauseClose {
            // Upstream's planner yields nil for an operand missing before ')'.
            return GovaluateNode(.missing, range: token.range.lowerBound..<token.range.lowerBound)
        }
        let position = index
        index += 1
        switch token.kind {
        case .numeric: return GovaluateNode(.number(token.number), range: token.range, tokenIndex: position)
        case .boolean: return GovaluateNode(.boolean(token.bool), range: token.range, tokenIndex: position)
        case .time: return GovaluateNode(.time(token.number), range: token.range, tokenIndex: position)
        case .string:
            if token.containsTag { return GovaluateNode(.templatedString, range: token.range, tokenIndex: position) }
            return GovaluateNode(.string(token.text, bare: false), range: token.range, tokenIndex: position)
        case .variable:
            if token.containsTag { return GovaluateNode(.placeholder, range: token.range, tokenIndex: position) }
            return GovaluateNode(.string(token.text, bare: true), range: token.range, tokenIndex: position)
        case .placeholder: return GovaluateNode(.placeholder, range: token.range, tokenIndex: position)
        case .accessor:
            var call: GovaluateNode?
            var end = token.range.upperBound
            if index < tokens.count, tokens[index].kind == .clause {
                let group = try parseGroup(open: tokens[index])
                call = group
                end = group.range.upperBound
            }
            return GovaluateNode(.accessor(token.parts, call: call), range: token.range.lowerBound..<end, tokenIndex: position)
        case .clause:
            index -= 1
            return try parseGroup(open: token)
        default:
            throw Failure(message: "unexpected '\(token.text)'", range: token.range)
        }
    }

    private mutating func parseGroup(open: GovaluateToken) throws(Failure) -> GovaluateNode {
        index += 1  // '('
        if index < tokens.count, tokens[index].kind == .clauseClose {
            let close = tokens[index]
            index += 1
            return GovaluateNode(.group(nil), range: open.range.lowerBound..<close.range.upperBound)
        }
        let inner = try parseLevel(0)
        guard index < tokens.count, tokens[index].kind == .clauseClose else {
            throw Failure(message: "'(' is never closed", range: open.range)
        }
        let close = tokens[index]
        index += 1
        return GovaluateNode(.group(inner), range: open.range.lowerBound..<close.range.upperBound)
    }
}
