import Foundation

/// A run-time failure, worded like expr's own messages where practical.
public struct ExprRuntimeError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public init(message: String) { self.message = message }
    public var description: String { message }
}

/// A parsed expression ready to run.
public struct ExprProgram: Sendable {
    public let source: String
    public let root: ExprNode

    public init(root: ExprNode, source: String) {
        self.root = root
        self.source = source
    }

    /// Parses `source`; throws `ExprSyntaxError`.
    public init(source: String) throws {
        switch ExprParser.parse(source) {
        case .success(let n): self.init(root: n, source: source)
        case .failure(let e): throw e
        }
    }
}

/// Signals that an optional link met nil; caught at the enclosing chain node.
private struct ChainNil: Error {}

/// Tree-walking interpreter with expr v1.17.8 run-time semantics.
public enum ExprEvaluator {
    /// Evaluates `program` against root values. `extraFunctions` enables Argo's
    /// `{{= }}` helpers (asInt, asFloat, toJson, jsonpath, sprig) when true.
    public static func evaluate(_ program: ExprProgram, environment values: [String: ExprValue], argoFunctions: Bool = false) throws -> ExprValue {
        let interp = Interpreter(env: values, argoFunctions: argoFunctions)
        do {
            return try interp.eval(program.root)
        } catch is ChainNil {
            return .null
        }
    }
}

func assertionError(_ v: ExprValue, _ want: String) -> ExprRuntimeError {
    ExprRuntimeError("interface conversion: interface {} is \(v.goTypeName), not \(want)")
}

final class Interpreter {
    let env: [String: ExprValue]
    let argoFunctions: Bool
    var vars: [(String, ExprValue)] = []
    struct Scope { var element: ExprValue; var index: Int; var acc: ExprValue? }
    var scopes: [Scope] = []
    var regexCache: [String: NSRegularExpression] = [:]
    var steps = 0

    init(env: [String: ExprValue], argoFunctions: Bool) {
        self.env = env
        self.argoFunctions = argoFunctions
    }

    func eval(_ node: ExprNode) throws -> ExprValue {
        steps += 1
        if steps > 5_000_000 { throw ExprRuntimeError("evaluation budget exceeded") }
        switch node.kind {
        case .nilLiteral: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .float(let d): return .float(d)
        case .string(let s): return .string(s)
        case .bytes(let b): return .bytes(b, isNil: false)
        case .identifier(let name): return try identifier(name)
        case .pointer(let name):
            guard let scope = scopes.last else { throw ExprRuntimeError("cannot use pointer accessor outside predicate") }
            switch name {
            case "": return scope.element
            case "index": return .int(scope.index)
            case "acc": return scope.acc ?? .null
            default: throw ExprRuntimeError("unknown pointer #\(name)")
            }
        case .unary(let op, let x):
            if let folded = ExprFolder.fold(node) { return folded.value }
            let v = try eval(x)
            switch op {
            case "!", "not":
                guard case .bool(let b) = v else { throw assertionError(v, "bool") }
                return .bool(!b)
            case "-":
                switch v {
                case .int(let i): return .int(0 &- i)
                case .float(let d): return .float(-d)
                case .byte(let b): return .byte(0 &- b)
                case .duration(let d): return .duration(0 &- d)
                default: throw ExprRuntimeError("invalid operation: - \(v.goTypeName)")
                }
            default:
                return v
            }
        case .binary(let op, let l, let r):
            return try binary(node, op, l, r)
        case .member(let base, let prop, let optional):
            let b = try eval(base)
            if optional && b.isNil { throw ChainNil() }
            let key = try eval(prop)
            return try fetch(b, key)
        case .chain(let inner):
            do { return try eval(inner) } catch is ChainNil { return .null }
        case .slice(let base, let from, let to):
            let b = try eval(base)
            let f = try from.map { try eval($0) }
            let t = try to.map { try eval($0) }
            return try slice(b, f, t)
        case .call(let callee, let args):
            return try call(callee, args)
        case .predicate(let body):
            return try eval(body)
        case .conditional(let c, let a, let b, _):
            let cv = try eval(c)
            guard case .bool(let cb) = cv else { throw assertionError(cv, "bool") }
            return try eval(cb ? a : b)
        case .letIn(let name, let value, let body):
            let v = try eval(value)
            vars.append((name, v))
            defer { vars.removeLast() }
            return try eval(body)
        case .sequence(let xs):
            var last = ExprValue.null
            for x in xs { last = try eval(x) }
            return last
        case .array(let xs):
            return .array(try xs.map { try eval($0) })
        case .map(let entries):
            var m: [ExprKey: ExprValue] = [:]
            for e in entries {
                let k = try eval(e.key)
                guard case .string(let ks) = k else { throw assertionError(k, "string") }
                m[.string(ks)] = try eval(e.value)
            }
            return .map(m, kind: .stringAny)
        }
    }

    func identifier(_ name: String) throws -> ExprValue {
        for (n, v) in vars.reversed() where n == name { return v }
        if name == "$env" {
            var m: [ExprKey: ExprValue] = [:]
            for (k, v) in env { m[.string(k)] = v }
            return .map(m, kind: .stringAny)
        }
        if let v = env[name] { return v }
        // A builtin named without a call is a function value; expr yields nil for it.
        if ExprBuiltins.names.contains(name) { return .null }
        throw ExprRuntimeError("unknown name \(name)")
    }

    // MARK: operators

    func isStringSetLiteral(_ n: ExprNode) -> Bool {
        guard case .array(let xs) = n.kind, !xs.isEmpty else { return false }
        for x in xs { guard case .string = x.kind else { return false } }
        return true
    }

    func binary(_ node: ExprNode, _ op: String, _ l: ExprNode, _ r: ExprNode) throws -> ExprValue {
        switch op {
        case "&&", "and", "||", "or":
            let isAnd = op == "&&" || op == "and"
            // Upstream's optimizer folds boolean constants first; `x && true` becomes
            // plain `x` and so may return a non-bool without any check.
            let a = ExprFolder.fold(l)?.boolValue
            let b = ExprFolder.fold(r)?.boolValue
            if isAnd {
                if a == true { return try eval(r) }
                if b == true { return try eval(l) }
                if a == false || b == false { return .bool(false) }
            } else {
                if a == false { return try eval(r) }
                if b == false { return try eval(l) }
                if a == true || b == true { return .bool(true) }
            }
            let lv = try eval(l)
            guard case .bool(let lb) = lv else { throw assertionError(lv, "bool") }
            if isAnd ? !lb : lb { return .bool(lb) }
            return try eval(r)
        case "??":
            let lv = try eval(l)
            return lv.isNil ? try eval(r) : lv
        default:
            break
        }
        if let folded = ExprFolder.fold(node) { return folded.value }
        let lv = try eval(l)
        if op == "in" && isStringSetLiteral(r) {
            // Upstream turns a literal string list into a Go map lookup, which
            // panics for a non-string needle and treats nil as "".
            guard case .array(let xs) = r.kind else { return .bool(false) }
            let needle: String
            switch lv {
            case .null: needle = ""
            case .string(let s): needle = s
            default: throw ExprRuntimeError("reflect.Value.MapIndex: value of type \(lv.goTypeName) is not assignable to type string")
            }
            for x in xs { if case .string(let s) = x.kind, s == needle { return .bool(true) } }
            return .bool(false)
        }
        let rv = try eval(r)
        return try ExprOps.binary(op, lv, rv, regex: compileRegex)
    }

    func compileRegex(_ pattern: String) throws -> NSRegularExpression {
        if let r = regexCache[pattern] { return r }
        let r = try ExprRegex.compile(pattern)
        regexCache[pattern] = r
        return r
    }

    // MARK: members and slices

    func fetch(_ from: ExprValue, _ key: ExprValue) throws -> ExprValue {
        try ExprOps.fetch(from, key)
    }

    func slice(_ b: ExprValue, _ f: ExprValue?, _ t: ExprValue?) throws -> ExprValue {
        func bounds(_ len: Int) throws -> (Int, Int) {
            var a = try f.map { try ExprOps.toInt($0) } ?? 0
            var z = try t.map { try ExprOps.toInt($0) } ?? len
            if a < 0 { a += len }
            if a < 0 { a = 0 }
            if z < 0 { z += len }
            if z < 0 { z = 0 }
            if z > len { z = len }
            if a > z { a = z }
            return (a, z)
        }
        switch b {
        case .array(let xs, let kind, let isNil):
            let (a, z) = try bounds(xs.count)
            return .array(Array(xs[a..<z]), kind: kind, isNil: isNil && a == z)
        case .bytes(let bs, let isNil):
            let (a, z) = try bounds(bs.count)
            return .bytes(Array(bs[a..<z]), isNil: isNil && a == z)
        case .string(let s):
            let u = Array(s.utf8)
            let (a, z) = try bounds(u.count)
            return .string(String(decoding: u[a..<z], as: UTF8.self))
        default:
            throw ExprRuntimeError("cannot slice \(GoFormat.formatV(f ?? .int(0)))")
        }
    }

    // MARK: calls

    func call(_ callee: ExprNode, _ args: [ExprNode]) throws -> ExprValue {
        switch callee.kind {
        case .identifier(let name):
            if vars.contains(where: { $0.0 == name }) || env[name] != nil {
                let v = try identifier(name)
                throw ExprRuntimeError("invalid operation: cannot call non-function of type \(v.goTypeName)")
            }
            if ExprBuiltins.names.contains(name) {
                return try ExprBuiltins.call(name, args, self)
            }
            if argoFunctions, let v = try ArgoFunctions.call(name, try args.map { try eval($0) }) { return v }
            throw ExprRuntimeError("unknown name \(name)")
        case .member(let baseNode, let prop, let optional):
            let base = try eval(baseNode)
            if optional && base.isNil { throw ChainNil() }
            guard case .string(let method) = prop.kind else {
                throw ExprRuntimeError("invalid operation: cannot call non-function")
            }
            if case .time(let t) = base { return try ExprMethods.time(t, method, try args.map { try eval($0) }) }
            if case .duration(let d) = base { return try ExprMethods.duration(d, method, try args.map { try eval($0) }) }
            if argoFunctions, case .identifier("sprig") = baseNode.kind {
                return try ArgoFunctions.sprig(method, try args.map { try eval($0) })
            }
            let v = try fetch(base, .string(method))
            throw ExprRuntimeError("invalid operation: cannot call non-function of type \(v.goTypeName)")
        default:
            let v = try eval(callee)
            throw ExprRuntimeError("invalid operation: cannot call non-function of type \(v.goTypeName)")
        }
    }

    /// Runs a predicate body for every element of a collection.
    func iterate(_ collection: ExprValue, _ name: String) throws -> [ExprValue] {
        switch collection {
        case .array(let xs, _, _): return xs
        case .bytes(let b, _): return b.map { .byte($0) }
        case .null: throw ExprRuntimeError("reflect: call of reflect.Value.Len on zero Value")
        default: throw ExprRuntimeError("invalid argument for \(name) (type \(collection.goTypeName))")
        }
    }

    func withElement<T>(_ e: ExprValue, _ i: Int, acc: ExprValue? = nil, _ body: () throws -> T) rethrows -> T {
        scopes.append(Scope(element: e, index: i, acc: acc))
        defer { scopes.removeLast() }
        return try body()
    }
}
