/// Prints an AST back to expr source. Parentheses are added wherever the
/// parser would otherwise build a different tree, so `parse(print(t))` has the
/// same `dump()` as `t`.
public enum ExprPrinter {
    public static func print(_ node: ExprNode) -> String {
        var out = ""
        write(node, into: &out)
        return out
    }

    /// Nodes that can take a postfix (`.x`, `[i]`, call) without parentheses.
    static func isPostfixable(_ n: ExprNode) -> Bool {
        switch n.kind {
        case .identifier, .string, .bytes, .member, .chain, .slice, .call, .array, .map, .pointer: return true
        default: return false
        }
    }

    /// Nodes safe to appear anywhere an operand is expected.
    static func isAtomic(_ n: ExprNode) -> Bool {
        switch n.kind {
        case .nilLiteral, .bool, .int, .float, .string, .bytes, .identifier, .pointer,
             .member, .chain, .slice, .call, .array, .map:
            return true
        default: return false
        }
    }

    static func writeParenthesized(_ n: ExprNode, _ wrap: Bool, into out: inout String) {
        if wrap { out += "(" }
        write(n, into: &out)
        if wrap { out += ")" }
    }

    /// An expression in a slot parsed with `parseExpression(0)` (argument, element,
    /// branch): everything but a bare `;` sequence fits.
    static func writeFull(_ n: ExprNode, into out: inout String) {
        if case .sequence = n.kind { writeParenthesized(n, true, into: &out) } else { write(n, into: &out) }
    }

    static func write(_ node: ExprNode, into out: inout String) {
        switch node.kind {
        case .nilLiteral: out += "nil"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .float(let d): out += formatFloatLiteral(d)
        case .string(let s): out += quoteString(s)
        case .bytes(let b): out += quoteBytes(b)
        case .identifier(let n): out += n
        case .pointer(let n): out += "#" + n
        case .unary(let op, let x):
            out += op
            if op == "not" { out += " " }
            let prec = ExprOperators.unary[op] ?? 90
            var wrap = !isAtomic(x)
            if case .binary(let bop, _, _) = x.kind, let p = ExprOperators.binary[bop], p.prec >= prec, bop != "??" { wrap = false }
            if case .unary = x.kind { wrap = false; if op == "-" || op == "+" { out += " " } }
            writeParenthesized(x, wrap, into: &out)
        case .binary(let op, let l, let r):
            let p = ExprOperators.binary[op] ?? (prec: 0, right: false)
            writeParenthesized(l, needsParens(l, parent: p.prec, op: op, rightSide: false, rightAssoc: p.right), into: &out)
            out += " \(op) "
            writeParenthesized(r, needsParens(r, parent: p.prec, op: op, rightSide: true, rightAssoc: p.right), into: &out)
        case .member(let b, let p, let optional):
            writeParenthesized(b, !isPostfixable(b), into: &out)
            if case .string(let name) = p.kind, isValidIdentifier(name) {
                out += optional ? "?." : "."
                out += name
            } else {
                out += optional ? "?.[" : "["
                writeFull(p, into: &out)
                out += "]"
            }
        case .chain(let x):
            write(x, into: &out)
        case .slice(let b, let f, let t):
            writeParenthesized(b, !isPostfixable(b), into: &out)
            out += "["
            if let f { writeFull(f, into: &out) }
            out += ":"
            if let t { writeFull(t, into: &out) }
            out += "]"
        case .call(let callee, let args):
            if case .member = callee.kind { write(callee, into: &out) }
            else if case .chain = callee.kind { write(callee, into: &out) }
            else { writeParenthesized(callee, !isPostfixable(callee), into: &out) }
            out += "("
            for (i, a) in args.enumerated() {
                if i > 0 { out += ", " }
                writeFull(a, into: &out)
            }
            out += ")"
        case .predicate(let body):
            out += "{"
            write(body, into: &out)
            out += "}"
        case .conditional(let c, let a, let b, let style):
            if style == .ifElse {
                out += "if "
                writeParenthesized(c, !isAtomic(c), into: &out)
                out += " { "
                write(a, into: &out)
                out += " } else { "
                write(b, into: &out)
                out += " }"
                return
            }
            writeParenthesized(c, !isAtomic(c) && !isPlainBinary(c), into: &out)
            if style == .elvis {
                out += " ?: "
            } else {
                out += " ? "
                writeParenthesized(a, isStatementLike(a), into: &out)
                out += " : "
            }
            writeParenthesized(b, isStatementLike(b), into: &out)
        case .letIn(let name, let v, let body):
            out += "let \(name) = "
            writeParenthesized(v, isStatementLike(v) || isConditional(v), into: &out)
            out += "; "
            write(body, into: &out)
        case .sequence(let xs):
            for (i, x) in xs.enumerated() {
                if i > 0 { out += "; " }
                // A `let` swallows everything after its `;`, so only the last may stay bare.
                let isLet: Bool
                if case .letIn = x.kind { isLet = true } else { isLet = false }
                writeParenthesized(x, isSequence(x) || (isLet && i < xs.count - 1), into: &out)
            }
        case .array(let xs):
            out += "["
            for (i, x) in xs.enumerated() {
                if i > 0 { out += ", " }
                writeFull(x, into: &out)
            }
            out += "]"
        case .map(let entries):
            out += "{"
            for (i, e) in entries.enumerated() {
                if i > 0 { out += ", " }
                if case .string(let k) = e.key.kind {
                    out += quoteString(k)
                } else {
                    out += "("
                    write(e.key, into: &out)
                    out += ")"
                }
                out += ": "
                writeFull(e.value, into: &out)
            }
            out += "}"
        }
    }

    static func isSequence(_ n: ExprNode) -> Bool { if case .sequence = n.kind { return true }; return false }
    static func isConditional(_ n: ExprNode) -> Bool { if case .conditional = n.kind { return true }; return false }
    static func isStatementLike(_ n: ExprNode) -> Bool {
        switch n.kind {
        case .sequence, .letIn: return true
        default: return false
        }
    }
    static func isPlainBinary(_ n: ExprNode) -> Bool {
        if case .binary = n.kind { return true }
        if case .unary = n.kind { return true }
        return false
    }

    static func needsParens(_ child: ExprNode, parent: Int, op: String, rightSide: Bool, rightAssoc: Bool) -> Bool {
        switch child.kind {
        case .binary(let cop, _, _):
            guard let c = ExprOperators.binary[cop] else { return true }
            // `??` may not be mixed with any other operator without parentheses.
            if (cop == "??") != (op == "??") { return true }
            if c.prec < parent { return true }
            if c.prec > parent { return false }
            // Comparisons chain (`a < b < c`), so same-level operands keep parentheses.
            if parent == 20 { return true }
            return rightSide ? !rightAssoc : rightAssoc
        case .unary:
            // A unary operand absorbs tighter binary operators to its right.
            return true
        default:
            return !isAtomic(child)
        }
    }

    static func formatFloatLiteral(_ d: Double) -> String {
        if d.isNaN || d.isInfinite { return d.isNaN ? "(0.0/0.0)" : (d > 0 ? "(1.0/0.0)" : "(-1.0/0.0)") }
        var s = "\(d)"
        if !s.contains(".") && !s.contains("e") { s += ".0" }
        return s
    }

    static func quoteString(_ s: String) -> String { goQuote(s) }

    static func quoteBytes(_ b: [UInt8]) -> String {
        var out = "b\""
        for c in b {
            if c >= 0x20 && c < 0x7f && c != 0x22 && c != 0x5C {
                out.unicodeScalars.append(Unicode.Scalar(c))
            } else {
                let h = String(c, radix: 16)
                out += "\\x" + (h.count < 2 ? "0" + h : h)
            }
        }
        return out + "\""
    }
}
