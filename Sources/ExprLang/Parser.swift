import Foundation

/// Operator table of expr v1.17.8 (precedence, right-associativity).
enum ExprOperators {
    static let binary: [String: (prec: Int, right: Bool)] = [
        "|": (0, false), "or": (10, false), "||": (10, false), "and": (15, false), "&&": (15, false),
        "==": (20, false), "!=": (20, false), "<": (20, false), ">": (20, false), ">=": (20, false), "<=": (20, false),
        "in": (20, false), "matches": (20, false), "contains": (20, false), "startsWith": (20, false), "endsWith": (20, false),
        "..": (25, false), "+": (30, false), "-": (30, false), "*": (60, false), "/": (60, false), "%": (60, false),
        "**": (100, true), "^": (100, true), "??": (500, false),
    ]
    static let unary: [String: Int] = ["not": 50, "!": 50, "-": 90, "+": 90]

    static func isComparison(_ op: String) -> Bool { op == "<" || op == ">" || op == "<=" || op == ">=" }

    static func allowedNegateSuffix(_ op: String) -> Bool {
        op == "in" || op == "matches" || op == "contains" || op == "startsWith" || op == "endsWith"
    }

    /// Builtins whose arguments include closures: `true` marks a predicate slot,
    /// `optional` slots may be omitted.
    static let predicates: [String: [(predicate: Bool, optional: Bool)]] = [
        "all": [(false, false), (true, false)], "none": [(false, false), (true, false)],
        "any": [(false, false), (true, false)], "one": [(false, false), (true, false)],
        "filter": [(false, false), (true, false)], "map": [(false, false), (true, false)],
        "count": [(false, false), (true, true)], "sum": [(false, false), (true, true)],
        "find": [(false, false), (true, false)], "findIndex": [(false, false), (true, false)],
        "findLast": [(false, false), (true, false)], "findLastIndex": [(false, false), (true, false)],
        "groupBy": [(false, false), (true, false)],
        "sortBy": [(false, false), (true, false), (false, true)],
        "reduce": [(false, false), (true, false), (false, true)],
    ]
}

func isValidIdentifier(_ s: String) -> Bool {
    var first = true
    for u in s.unicodeScalars {
        if first {
            guard isAlphabetic(u) else { return false }
            first = false
        } else if !isAlphaNumeric(u) {
            return false
        }
    }
    return !first
}

/// Recursive-descent / precedence-climbing parser that reproduces upstream's
/// grammar decisions (including its quirks, e.g. `true.x` being an error).
public struct ExprParser {
    public static func parse(_ source: String) -> Result<ExprNode, ExprSyntaxError> {
        switch ExprLexer.tokenize(source) {
        case .failure(let e): return .failure(e)
        case .success(let tokens):
            var p = ExprParser(tokens: tokens)
            do {
                let node = try p.parseSequence()
                if !p.current.is(.eof) { throw p.unexpected(p.current) }
                return .success(node)
            } catch let e as ExprSyntaxError {
                return .failure(e)
            } catch {
                return .failure(ExprSyntaxError(message: "\(error)", range: 0..<0))
            }
        }
    }

    let tokens: [ExprToken]
    var index = 0
    var depth = 0
    var nextID = 0
    /// Nesting guard: deeply nested input must fail cleanly, not overflow the stack.
    var nesting = 0

    init(tokens: [ExprToken]) { self.tokens = tokens }

    var current: ExprToken { tokens[min(index, tokens.count - 1)] }

    mutating func advance() {
        if index < tokens.count - 1 { index += 1 }
    }

    func unexpected(_ t: ExprToken) -> ExprSyntaxError {
        ExprSyntaxError(message: "unexpected token \(t.upstreamDescription)", range: t.range)
    }

    mutating func expect(_ kind: ExprTokenKind, _ value: String? = nil) throws {
        if current.is(kind, value) { advance(); return }
        throw unexpected(current)
    }

    mutating func make(_ kind: ExprNodeKind, _ range: Range<Int>) -> ExprNode {
        nextID += 1
        return ExprNode(kind, range: range, id: nextID)
    }

    func span(_ a: Range<Int>, _ b: Range<Int>) -> Range<Int> {
        min(a.lowerBound, b.lowerBound)..<max(a.upperBound, b.upperBound)
    }

    /// End offset of the last consumed token.
    var lastEnd: Int { index > 0 ? tokens[index - 1].range.upperBound : 0 }

    mutating func parseSequence() throws -> ExprNode {
        var nodes = [try parseExpression(0)]
        while current.is(.op, ";") {
            advance()
            if current.is(.eof) { break }
            nodes.append(try parseExpression(0))
        }
        if nodes.count == 1 { return nodes[0] }
        return make(.sequence(nodes), span(nodes[0].range, nodes[nodes.count - 1].range))
    }

    mutating func parseExpression(_ precedence: Int) throws -> ExprNode {
        nesting += 1
        defer { nesting -= 1 }
        if nesting > 400 { throw ExprSyntaxError(message: "expression is nested too deeply", range: current.range) }

        if precedence == 0 && current.is(.op, "let") { return try parseLet() }
        if precedence == 0 && current.is(.op, "if") { return try parseIf() }

        var left = try parsePrimary()
        var prevOp = ""
        var opTok = current
        while opTok.kind == .op {
            let negate = opTok.value == "not"
            if negate {
                let backup = index
                advance()
                guard ExprOperators.allowedNegateSuffix(current.value) else { throw unexpected(current) }
                if let op = ExprOperators.binary[current.value], op.prec >= precedence {
                    opTok = current
                } else {
                    index = backup
                    break
                }
            }
            guard let op = ExprOperators.binary[opTok.value], op.prec >= precedence else { break }
            advance()
            if opTok.value == "|" {
                let ident = current
                try expect(.identifier)
                left = try parseCall(ident, [left])
            } else {
                if prevOp == "??" && opTok.value != "??" {
                    throw ExprSyntaxError(
                        message: "Operator (\(opTok.value)) and coalesce expressions (??) cannot be mixed. Wrap either by parentheses.",
                        range: opTok.range)
                }
                if ExprOperators.isComparison(opTok.value) {
                    left = try parseComparison(left, opTok, op.prec)
                } else {
                    let right = try parseExpression(op.right ? op.prec : op.prec + 1)
                    left = make(.binary(op: opTok.value, left: left, right: right), span(left.range, right.range))
                    if negate {
                        left = make(.unary(op: "not", operand: left), left.range)
                    }
                }
            }
            prevOp = opTok.value
            opTok = current
        }
        if precedence == 0 { left = try parseConditional(left) }
        return left
    }

    mutating func parseComparison(_ start: ExprNode, _ tok: ExprToken, _ prec: Int) throws -> ExprNode {
        var left = start
        var token = tok
        var root: ExprNode?
        while true {
            let comparator = try parseExpression(prec + 1)
            let cmp = make(.binary(op: token.value, left: left, right: comparator), span(left.range, comparator.range))
            if let r = root {
                root = make(.binary(op: "&&", left: r, right: cmp), span(r.range, cmp.range))
            } else {
                root = cmp
            }
            left = comparator
            token = current
            if !(token.kind == .op && ExprOperators.isComparison(token.value)) { break }
            advance()
        }
        return root ?? start
    }

    mutating func parseLet() throws -> ExprNode {
        let start = current.range.lowerBound
        try expect(.op, "let")
        let name = current
        try expect(.identifier)
        try expect(.op, "=")
        let value = try parseExpression(0)
        try expect(.op, ";")
        let body = try parseSequence()
        return make(.letIn(name: name.value, value: value, body: body), start..<max(body.range.upperBound, start))
    }

    mutating func parseIf() throws -> ExprNode {
        let start = current.range.lowerBound
        advance()
        let cond = try parseExpression(0)
        try expect(.bracket, "{")
        let a = try parseSequence()
        try expect(.bracket, "}")
        try expect(.op, "else")
        let b: ExprNode
        if current.is(.op, "if") {
            b = try parseIf()
        } else {
            try expect(.bracket, "{")
            b = try parseSequence()
            try expect(.bracket, "}")
        }
        return make(.conditional(condition: cond, then: a, otherwise: b, style: .ifElse), start..<lastEnd)
    }

    mutating func parseConditional(_ start: ExprNode) throws -> ExprNode {
        var node = start
        while current.is(.op, "?") {
            advance()
            if !current.is(.op, ":") {
                let a = try parseExpression(0)
                try expect(.op, ":")
                let b = try parseExpression(0)
                node = make(.conditional(condition: node, then: a, otherwise: b, style: .ternary), span(node.range, b.range))
            } else {
                advance()
                let b = try parseExpression(0)
                node = make(.conditional(condition: node, then: node, otherwise: b, style: .elvis), span(node.range, b.range))
            }
        }
        return node
    }

    mutating func parsePrimary() throws -> ExprNode {
        let tok = current
        if tok.kind == .op, let prec = ExprOperators.unary[tok.value] {
            advance()
            let operand = try parseExpression(prec)
            let node = make(.unary(op: tok.value, operand: operand), span(tok.range, operand.range))
            return try parsePostfix(node)
        }
        if tok.is(.bracket, "(") {
            advance()
            var inner = try parseSequence()
            try expect(.bracket, ")")
            // The parentheses belong to the operand's text (diagnostics quote it whole).
            inner.range = tok.range.lowerBound..<lastEnd
            return try parsePostfix(inner)
        }
        if depth > 0 && (tok.is(.op, "#") || tok.is(.op, ".")) {
            var name = ""
            var end = tok.range.lowerBound
            if tok.is(.op, "#") {
                advance()
                end = tok.range.upperBound
                if current.kind == .identifier {
                    name = current.value
                    end = current.range.upperBound
                    advance()
                }
            }
            return try parsePostfix(make(.pointer(name), tok.range.lowerBound..<end))
        }
        if tok.is(.op, "::") {
            advance()
            let name = current
            try expect(.identifier)
            return try parsePostfix(try parseCall(name, []))
        }
        return try parseSecondary()
    }

    mutating func parseSecondary() throws -> ExprNode {
        let tok = current
        let node: ExprNode
        switch tok.kind {
        case .identifier:
            advance()
            switch tok.value {
            case "true": return make(.bool(true), tok.range)
            case "false": return make(.bool(false), tok.range)
            case "nil": return make(.nilLiteral, tok.range)
            default:
                if current.is(.bracket, "(") {
                    node = try parseCall(tok, [])
                } else {
                    node = make(.identifier(tok.value), tok.range)
                }
            }
        case .number:
            advance()
            return try parseNumber(tok)
        case .string:
            advance()
            node = make(.string(tok.value), tok.range)
        case .bytes:
            advance()
            node = make(.bytes(tok.bytes ?? []), tok.range)
        default:
            if tok.is(.bracket, "[") {
                node = try parseArray()
            } else if tok.is(.bracket, "{") {
                node = try parseMap()
            } else {
                throw unexpected(tok)
            }
        }
        return try parsePostfix(node)
    }

    mutating func parseNumber(_ tok: ExprToken) throws -> ExprNode {
        // Byte tests, not Foundation's string search: every number literal comes through here.
        let raw = tok.value
        let value = raw.utf8.contains(UInt8(ascii: "_")) ? String(decoding: raw.utf8.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self) : raw
        let lower = value.lowercased()
        let hasFloatMark = lower.utf8.contains { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") }
        func intLiteral(_ digits: Substring, radix: Int, kind: String) throws -> ExprNode {
            guard let v = Int(digits, radix: radix) else {
                throw ExprSyntaxError(message: "invalid \(kind) literal: strconv.ParseInt: parsing \(goQuote(value)): \(digits.isEmpty ? "invalid syntax" : (digits.allSatisfy { $0.isHexDigit } ? "value out of range" : "invalid syntax"))", range: tok.range)
            }
            return make(.int(v), tok.range)
        }
        if lower.hasPrefix("0x") { return try intLiteral(value.dropFirst(2), radix: 16, kind: "hex") }
        if hasFloatMark {
            guard let d = Double(value), d.isFinite else {
                let reason = Double(value) == nil ? "invalid syntax" : "value out of range"
                throw ExprSyntaxError(message: "invalid float literal: strconv.ParseFloat: parsing \(goQuote(value)): \(reason)", range: tok.range)
            }
            return make(.float(d), tok.range)
        }
        if lower.hasPrefix("0b") { return try intLiteral(value.dropFirst(2), radix: 2, kind: "binary") }
        if lower.hasPrefix("0o") { return try intLiteral(value.dropFirst(2), radix: 8, kind: "octal") }
        return try intLiteral(Substring(value), radix: 10, kind: "integer")
    }

    mutating func parseCall(_ name: ExprToken, _ initial: [ExprNode]) throws -> ExprNode {
        var args = initial
        let callee = make(.identifier(name.value), name.range)
        let start = initial.first.map { min($0.range.lowerBound, name.range.lowerBound) } ?? name.range.lowerBound
        if let spec = ExprOperators.predicates[name.value] {
            try expect(.bracket, "(")
            let rest = Array(spec.dropFirst(initial.count))
            for (i, slot) in rest.enumerated() {
                if current.is(.bracket, ")") {
                    if slot.optional { break }
                    throw ExprSyntaxError(message: "expected at least \(rest.count) arguments", range: current.range)
                }
                if i > 0 { try expect(.op, ",") }
                args.append(slot.predicate ? try parsePredicate() : try parseExpression(0))
            }
            if current.is(.op, ",") { advance() }
            try expect(.bracket, ")")
        } else {
            args = try parseArguments(args)
        }
        return make(.call(callee: callee, arguments: args), start..<lastEnd)
    }

    mutating func parseArguments(_ initial: [ExprNode]) throws -> [ExprNode] {
        var args = initial
        let offset = initial.count
        try expect(.bracket, "(")
        while !current.is(.bracket, ")") {
            if args.count > offset { try expect(.op, ",") }
            if current.is(.bracket, ")") { break }
            args.append(try parseExpression(0))
        }
        try expect(.bracket, ")")
        return args
    }

    mutating func parsePredicate() throws -> ExprNode {
        let start = current
        let braces = current.is(.bracket, "{")
        if braces { advance() }
        depth += 1
        let body: ExprNode
        if braces {
            body = try parseSequence()
        } else {
            body = try parseExpression(0)
            if current.is(.op, ";") {
                throw ExprSyntaxError(message: "wrap predicate with brackets { and }", range: current.range)
            }
        }
        depth -= 1
        if braces { try expect(.bracket, "}") }
        return make(.predicate(body), braces ? start.range.lowerBound..<lastEnd : body.range)
    }

    mutating func parseArray() throws -> ExprNode {
        let start = current.range.lowerBound
        try expect(.bracket, "[")
        var nodes: [ExprNode] = []
        while !current.is(.bracket, "]") {
            if !nodes.isEmpty {
                try expect(.op, ",")
                if current.is(.bracket, "]") { break }
            }
            nodes.append(try parseExpression(0))
        }
        try expect(.bracket, "]")
        return make(.array(nodes), start..<lastEnd)
    }

    mutating func parseMap() throws -> ExprNode {
        let start = current.range.lowerBound
        try expect(.bracket, "{")
        var entries: [ExprMapEntry] = []
        while !current.is(.bracket, "}") {
            if !entries.isEmpty {
                try expect(.op, ",")
                if current.is(.bracket, "}") { break }
                if current.is(.op, ",") { throw unexpected(current) }
            }
            let key: ExprNode
            if current.kind == .number || current.kind == .string || current.kind == .identifier {
                key = make(.string(current.value), current.range)
                advance()
            } else if current.is(.bracket, "(") {
                key = try parseExpression(0)
            } else {
                throw ExprSyntaxError(
                    message: "a map key must be a quoted string, a number, a identifier, or an expression enclosed in parentheses (unexpected token \(current.upstreamDescription))",
                    range: current.range)
            }
            try expect(.op, ":")
            let value = try parseExpression(0)
            entries.append(ExprMapEntry(key: key, value: value))
        }
        try expect(.bracket, "}")
        return make(.map(entries), start..<lastEnd)
    }

    mutating func parsePostfix(_ start: ExprNode) throws -> ExprNode {
        var node = start
        while current.kind == .op || current.kind == .bracket {
            var post = current
            let optional = post.value == "?."
            if post.value == "." || post.value == "?." {
                advance()
                let prop = current
                if optional && prop.is(.bracket, "[") {
                    post = prop
                } else {
                    if prop.kind == .eof {
                        throw ExprSyntaxError(message: "unexpected end of expression", range: prop.range)
                    }
                    advance()
                    if prop.kind != .identifier && (prop.kind != .op || !isValidIdentifier(prop.value)) {
                        throw ExprSyntaxError(message: "expected name", range: prop.range)
                    }
                    let property = make(.string(prop.value), prop.range)
                    var base = node
                    var isChain = false
                    if case .chain(let inner) = node.kind {
                        base = inner
                        isChain = true
                    }
                    let member = make(.member(base: base, property: property, optional: optional),
                                      base.range.lowerBound..<prop.range.upperBound)
                    if current.is(.bracket, "(") {
                        let args = try parseArguments([])
                        node = make(.call(callee: member, arguments: args), member.range.lowerBound..<lastEnd)
                    } else {
                        node = member
                    }
                    if isChain || optional {
                        node = make(.chain(node), node.range)
                    }
                    continue
                }
            }
            if post.value == "[" && post.kind == .bracket {
                advance()
                if current.is(.op, ":") {
                    advance()
                    var to: ExprNode?
                    if !current.is(.bracket, "]") { to = try parseExpression(0) }
                    try expect(.bracket, "]")
                    node = make(.slice(base: node, from: nil, to: to), node.range.lowerBound..<lastEnd)
                } else {
                    let from = try parseExpression(0)
                    if current.is(.op, ":") {
                        advance()
                        var to: ExprNode?
                        if !current.is(.bracket, "]") { to = try parseExpression(0) }
                        try expect(.bracket, "]")
                        node = make(.slice(base: node, from: from, to: to), node.range.lowerBound..<lastEnd)
                    } else {
                        try expect(.bracket, "]")
                        node = make(.member(base: node, property: from, optional: optional), node.range.lowerBound..<lastEnd)
                        if optional { node = make(.chain(node), node.range) }
                    }
                }
                continue
            }
            break
        }
        return node
    }
}
