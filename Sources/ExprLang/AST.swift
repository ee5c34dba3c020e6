/// How a conditional was written. Upstream builds the same tree for all three,
/// so `dump()` (tree identity) ignores the style; the printer uses it.
public enum ExprConditionalStyle: Sendable, Equatable {
    case ternary   // c ? a : b
    case elvis     // c ?: b  (then-branch is a copy of the condition)
    case ifElse    // if c { a } else { b }
}

public struct ExprMapEntry: Sendable {
    public var key: ExprNode
    public var value: ExprNode
    public init(key: ExprNode, value: ExprNode) {
        self.key = key
        self.value = value
    }
}

/// One AST node. `range` is the UTF-8 byte range of the node's text in the
/// expression source; `id` is unique within one parse (pre-order-ish) and is
/// the key the checker uses to report per-node types.
public struct ExprNode: Sendable {
    public var kind: ExprNodeKind
    public var range: Range<Int>
    public var id: Int

    public init(_ kind: ExprNodeKind, range: Range<Int>, id: Int = -1) {
        self.kind = kind
        self.range = range
        self.id = id
    }
}

public indirect enum ExprNodeKind: Sendable {
    case nilLiteral
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    case bytes([UInt8])
    case identifier(String)
    /// `#` (name ""), `#index`, `#acc`; `.f` inside a predicate is `member(pointer(""), "f")`.
    case pointer(String)
    case unary(op: String, operand: ExprNode)
    case binary(op: String, left: ExprNode, right: ExprNode)
    /// `a.b` / `a?.b` (property is a string node) and `a[i]` / `a?.[i]`.
    case member(base: ExprNode, property: ExprNode, optional: Bool)
    /// Boundary of an optional chain: if an optional link meets nil, the whole
    /// chain evaluates to nil.
    case chain(ExprNode)
    case slice(base: ExprNode, from: ExprNode?, to: ExprNode?)
    /// Callee is an identifier (function / builtin) or a member (method call).
    case call(callee: ExprNode, arguments: [ExprNode])
    /// A closure argument of a predicate builtin (`filter(xs, # > 1)`).
    case predicate(ExprNode)
    case conditional(condition: ExprNode, then: ExprNode, otherwise: ExprNode, style: ExprConditionalStyle)
    case letIn(name: String, value: ExprNode, body: ExprNode)
    case sequence([ExprNode])
    case array([ExprNode])
    case map([ExprMapEntry])
}

extension ExprNode {
    /// A range-free S-expression of the tree; two parses are "the same tree"
    /// exactly when their dumps are equal.
    public func dump() -> String {
        var out = ""
        dump(into: &out)
        return out
    }

    func dump(into out: inout String) {
        switch kind {
        case .nilLiteral: out += "nil"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += "\(i)"
        case .float(let d): out += "float(\(d))"
        case .string(let s): out += goQuote(s)
        case .bytes(let b): out += "b\(b)"
        case .identifier(let n): out += "id(\(n))"
        case .pointer(let n): out += "#\(n)"
        case .unary(let op, let x):
            out += "(\(op) "; x.dump(into: &out); out += ")"
        case .binary(let op, let l, let r):
            out += "(\(op) "; l.dump(into: &out); out += " "; r.dump(into: &out); out += ")"
        case .member(let b, let p, let opt):
            out += opt ? "(?. " : "(. "; b.dump(into: &out); out += " "; p.dump(into: &out); out += ")"
        case .chain(let x):
            out += "(chain "; x.dump(into: &out); out += ")"
        case .slice(let b, let f, let t):
            out += "(slice "; b.dump(into: &out); out += " "
            if let f { f.dump(into: &out) } else { out += "_" }
            out += " "
            if let t { t.dump(into: &out) } else { out += "_" }
            out += ")"
        case .call(let c, let args):
            out += "(call "; c.dump(into: &out)
            for a in args { out += " "; a.dump(into: &out) }
            out += ")"
        case .predicate(let x):
            out += "(fn "; x.dump(into: &out); out += ")"
        case .conditional(let c, let a, let b, _):
            out += "(? "; c.dump(into: &out); out += " "; a.dump(into: &out); out += " "; b.dump(into: &out); out += ")"
        case .letIn(let n, let v, let b):
            out += "(let \(n) "; v.dump(into: &out); out += " "; b.dump(into: &out); out += ")"
        case .sequence(let xs):
            out += "(seq"
            for x in xs { out += " "; x.dump(into: &out) }
            out += ")"
        case .array(let xs):
            out += "["
            for (i, x) in xs.enumerated() { if i > 0 { out += " " }; x.dump(into: &out) }
            out += "]"
        case .map(let entries):
            out += "{"
            for (i, e) in entries.enumerated() {
                if i > 0 { out += " " }
                e.key.dump(into: &out); out += ":"; e.value.dump(into: &out)
            }
            out += "}"
        }
    }

    /// Direct children, in source order.
    public var children: [ExprNode] {
        switch kind {
        case .nilLiteral, .bool, .int, .float, .string, .bytes, .identifier, .pointer: return []
        case .unary(_, let x), .chain(let x), .predicate(let x): return [x]
        case .binary(_, let l, let r): return [l, r]
        case .member(let b, let p, _): return [b, p]
        case .slice(let b, let f, let t): return [b] + (f.map { [$0] } ?? []) + (t.map { [$0] } ?? [])
        case .call(let c, let a): return [c] + a
        case .conditional(let c, let a, let b, let style):
            return style == .elvis ? [c, b] : [c, a, b]
        case .letIn(_, let v, let b): return [v, b]
        case .sequence(let xs), .array(let xs): return xs
        case .map(let es): return es.flatMap { [$0.key, $0.value] }
        }
    }
}
