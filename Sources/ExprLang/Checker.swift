import Foundation

/// Result of checking: diagnostics plus the static type of every node (by id).
public struct ExprCheckResult: Sendable {
    public var diagnostics: [ExprDiagnostic]
    public var types: [Int: ExprType]
    public var resultType: ExprType
}

/// Static checker. Follows upstream's checker rules (so `.any` switches checks
/// off exactly where upstream's `interface{}` does) and adds argolint's own
/// checks only where upstream would fail at run time, be always false, or not
/// return a bool.
public struct ExprChecker {
    public static func check(_ root: ExprNode, source: String, environment: ExprEnvironment, requireBool: Bool) -> [ExprDiagnostic] {
        analyze(root, source: source, environment: environment, requireBool: requireBool).diagnostics
    }

    public static func analyze(_ root: ExprNode, source: String, environment: ExprEnvironment, requireBool: Bool) -> ExprCheckResult {
        var c = ExprChecker(source: Array(source.utf8), env: environment)
        let t = c.visit(root)
        if requireBool, t != .bool, t != .any, c.diagnostics.isEmpty {
            c.report(.type, "the condition evaluates to \(t) \(c.quote(root)), not bool; it must evaluate to true or false", root.range)
        }
        return ExprCheckResult(diagnostics: c.diagnostics, types: c.types, resultType: t)
    }

    let source: [UInt8]
    let env: ExprEnvironment
    var diagnostics: [ExprDiagnostic] = []
    var types: [Int: ExprType] = [:]
    var vars: [(String, ExprType)] = []
    struct Scope { var element: ExprType; var pointers: [String: ExprType] }
    var scopes: [Scope] = []
    /// Nodes whose value comes from a `response.body.x` chain we already proposed to wrap in fromJSON.
    var jsonFixed: Set<Int> = []

    init(source: [UInt8], env: ExprEnvironment) {
        self.source = source
        self.env = env
    }

    func text(_ r: Range<Int>) -> String {
        guard r.lowerBound >= 0, r.upperBound <= source.count, r.lowerBound <= r.upperBound else { return "" }
        return String(decoding: source[r], as: UTF8.self)
    }
    func quote(_ n: ExprNode) -> String { "\"\(text(n.range))\"" }

    mutating func report(_ kind: ExprDiagnosticKind, _ message: String, _ range: Range<Int>, fix: ExprFix? = nil) {
        // One diagnostic per location keeps cascades out.
        if diagnostics.contains(where: { $0.range == range && $0.kind == kind }) { return }
        diagnostics.append(ExprDiagnostic(kind: kind, message: message, range: range, fix: fix))
    }

    mutating func visit(_ node: ExprNode) -> ExprType {
        let t = visitKind(node)
        types[node.id] = t
        return t
    }

    // MARK: nodes

    mutating func visitKind(_ node: ExprNode) -> ExprType {
        switch node.kind {
        case .nilLiteral: return .null
        case .bool: return .bool
        case .int: return .int
        case .float: return .float
        case .string: return .string
        case .bytes: return .bytes
        case .identifier(let name): return identifier(name, node)
        case .pointer(let name):
            guard let s = scopes.last else {
                report(.type, "\"#\(name)\" can only be used inside a predicate", node.range)
                return .any
            }
            if name.isEmpty { return s.element }
            if let t = s.pointers[name] { return t }
            report(.type, "unknown pointer \"#\(name)\"; #index is available in map and reduce, #acc in reduce", node.range)
            return .any
        case .unary(let op, let x):
            let t = visit(x)
            switch op {
            case "!", "not":
                if t == .bool || t == .any { return .bool }
                report(.type, "\"\(op)\" needs a bool but \(quote(x)) is \(t)", node.range)
                return .bool
            default:
                if t.isNumber || t == .any || t == .duration { return t }
                report(.type, "unary \"\(op)\" needs a number but \(quote(x)) is \(t)", node.range)
                return .any
            }
        case .binary(let op, let l, let r):
            return binary(node, op, l, r)
        case .member(let base, let prop, let optional):
            return member(node, base, prop, optional)
        case .chain(let inner):
            let t = visit(inner)
            if jsonFixed.contains(inner.id) { jsonFixed.insert(node.id) }
            return t
        case .slice(let base, let from, let to):
            let t = visit(base)
            for i in [from, to].compactMap({ $0 }) {
                let it = visit(i)
                if it != .int && it != .any {
                    report(.type, "slice index \(quote(i)) is \(it), not int", i.range)
                }
            }
            switch t {
            case .any, .string, .array, .bytes: return t
            default:
                report(.type, "cannot slice \(quote(base)) of type \(t)", node.range)
                return .any
            }
        case .call(let callee, let args):
            return call(node, callee, args)
        case .predicate(let body):
            return visit(body)
        case .conditional(let c, let a, let b, let style):
            let ct = visit(c)
            if ct != .bool && ct != .any {
                report(.type, "condition \(quote(c)) is \(ct), not bool", c.range)
            }
            let at = style == .elvis ? ct : visit(a)
            let bt = visit(b)
            if at == .null { return bt }
            if bt == .null { return at }
            return at == bt ? at : .any
        case .letIn(let name, let value, let body):
            if env.roots[name] != nil {
                report(.type, "cannot redeclare \"\(name)\": it is already a variable of the environment", node.range)
            } else if ExprBuiltins.names.contains(name) {
                report(.type, "cannot redeclare builtin \"\(name)\"", node.range)
            } else if env.functions[name] != nil {
                report(.type, "cannot redeclare function \"\(name)\"", node.range)
            } else if vars.contains(where: { $0.0 == name }) {
                report(.type, "cannot redeclare variable \"\(name)\"", node.range)
            }
            let vt = visit(value)
            vars.append((name, vt))
            defer { vars.removeLast() }
            return visit(body)
        case .sequence(let xs):
            var last = ExprType.any
            for x in xs { last = visit(x) }
            return last
        case .array(let xs):
            let ts = xs.map { visit($0) }
            guard let f = ts.first else { return .array(.any) }
            return ts.allSatisfy({ sameKind($0, f) }) ? .array(f) : .array(.any)
        case .map(let entries):
            for e in entries {
                let kt = visit(e.key)
                if kt != .string && kt != .any {
                    report(.type, "map key \(quote(e.key)) is \(kt); map keys must be strings", e.key.range)
                }
                _ = visit(e.value)
            }
            return .map(key: .string, value: .any)
        }
    }

    func sameKind(_ a: ExprType, _ b: ExprType) -> Bool {
        switch (a, b) {
        case (.array, .array), (.map, .map), (.record, .record), (.map, .record), (.record, .map): return true
        default: return a == b
        }
    }

    // MARK: names

    mutating func identifier(_ name: String, _ node: ExprNode) -> ExprType {
        for (n, t) in vars.reversed() where n == name { return t }
        if name == "$env" { return .map(key: .string, value: .any) }
        if let t = env.roots[name] { return t }
        if ExprBuiltins.names.contains(name) { return .function(nil) }
        if let f = env.functions[name] { return .function(f) }
        unknownName(name, node)
        return .any
    }

    mutating func unknownName(_ name: String, _ node: ExprNode) {
        if env.dialect == .argo && name == "status_code" && env.roots["response"] != nil {
            report(.unknownName, "unknown name \"status_code\". the status code is \"response.statusCode\" in Argo", node.range,
                   fix: ExprFix(description: "replace \"status_code\" with \"response.statusCode\"",
                                edits: [ExprEdit(range: node.range, replacement: "response.statusCode")]))
            return
        }
        let rootNames = (Array(env.roots.keys) + vars.map(\.0)).filter { !$0.hasPrefix("$") }.sorted()
        var suggestion: String?
        let lower = name.lowercased()
        if let path = env.leafPaths().filter({ $0.last == name || $0.last.lowercased() == lower }).map(\.path).sorted().first {
            suggestion = path
        } else {
            suggestion = Self.closest(name, rootNames)
        }
        var message = "unknown name \"\(name)\"."
        if let s = suggestion { message += " did you mean \"\(s)\"?" }
        if !rootNames.isEmpty && rootNames.count <= 12 {
            message += " available names are " + rootNames.map { "\"\($0)\"" }.joined(separator: ", ")
        }
        report(.unknownName, message, node.range)
    }

    static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.lowercased().unicodeScalars), y = Array(b.lowercased().unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var prev = Array(0...y.count)
        for i in 1...x.count {
            var cur = [i] + Array(repeating: 0, count: y.count)
            for j in 1...y.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            prev = cur
        }
        return prev[y.count]
    }

    static func closest(_ name: String, _ candidates: [String]) -> String? {
        let scored = candidates.map { ($0, distance(name, $0)) }.filter { $0.1 <= max(2, name.count / 3) }
        return scored.min { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }?.0
    }

    // MARK: operators

    func comparable(_ l: ExprType, _ r: ExprType) -> Bool {
        if l == .any || r == .any || l == .null || r == .null { return true }
        if l.isNumber && r.isNumber { return true }
        if l.isArray && r.isArray { return true }
        if l.isMapLike && r.isMapLike { return true }
        if case .function = l, case .function = r { return true }
        return l == r
    }

    mutating func binary(_ node: ExprNode, _ op: String, _ l: ExprNode, _ r: ExprNode) -> ExprType {
        let lt = visit(l)
        let rt = visit(r)
        func mismatch() -> ExprType {
            report(.type, "invalid operation: \(quote(l)) (\(lt)) \(op) \(quote(r)) (\(rt)) has mismatched types", node.range)
            return .any
        }
        func maybe(_ ok: (ExprType) -> Bool) -> Bool {
            (lt == .any && (rt == .any || ok(rt))) || (rt == .any && ok(lt))
        }
        switch op {
        case "==", "!=":
            if comparable(lt, rt) { return .bool }
            var msg = "\(quote(l)) is \(lt) but is compared with \(rt) \(text(r.range)); this comparison is always \(op == "==" ? "false" : "true")"
            if lt == .int, case .string(let s) = r.kind, Int(s) != nil { msg += ". compare with \(s)" }
            if lt.isArray, rt == .string { msg += ". a header list is a list of strings; index it, e.g. \(text(l.range))[0]" }
            report(.type, msg, node.range)
            return .bool
        case "and", "&&", "or", "||":
            for (n, t) in [(l, lt), (r, rt)] where t != .bool && t != .any {
                report(.type, "\"\(op)\" needs bool operands but \(quote(n)) is \(t)", n.range)
            }
            return .bool
        case "<", ">", "<=", ">=":
            if lt.isNumber && rt.isNumber { return .bool }
            if (lt == .string && rt == .string) || (lt == .time && rt == .time) || (lt == .duration && rt == .duration) { return .bool }
            if maybe({ $0.isNumber || $0 == .string || $0 == .time || $0 == .duration }) { return .bool }
            report(.type, "invalid operation: \(quote(l)) (\(lt)) \(op) \(quote(r)) (\(rt)) cannot be ordered; this fails at run time", node.range)
            return .bool
        case "+", "-", "*":
            if lt.isNumber && rt.isNumber { return lt == .int && rt == .int ? .int : .float }
            if op == "+" && lt == .string && rt == .string { return .string }
            if lt == .time || rt == .time || lt == .duration || rt == .duration {
                if op == "-" && lt == .time && rt == .time { return .duration }
                if lt == .time || rt == .time { return .time }
                return .duration
            }
            if maybe({ $0.isNumber || (op == "+" && $0 == .string) || $0 == .time || $0 == .duration }) { return .any }
            return mismatch()
        case "/", "**", "^":
            if (lt.isNumber || lt == .any) && (rt.isNumber || rt == .any) { return .float }
            return mismatch()
        case "%":
            if (lt == .int || lt == .any) && (rt == .int || rt == .any) {
                if case .some(.int(0)) = ExprFolder.fold(r), ExprFolder.fold(l) != nil {
                    report(.type, "integer divide by zero in \(quote(node))", node.range)
                }
                return .int
            }
            return mismatch()
        case "..":
            if (lt == .int || lt == .any) && (rt == .int || rt == .any) { return .array(.int) }
            return mismatch()
        case "??":
            if lt == .null { return rt }
            if rt == .null { return lt }
            return lt == rt ? lt : .any
        case "in":
            switch rt {
            case .any: return .bool
            case .map(let k, _):
                if lt != .any && lt != .null && lt != k && k != .any {
                    report(.type, "\(quote(l)) is \(lt) but the keys of \(quote(r)) are \(k)", node.range)
                }
                return .bool
            case .record:
                if lt != .any && lt != .string && lt != .null {
                    report(.type, "\(quote(l)) is \(lt) but the keys of \(quote(r)) are strings", node.range)
                }
                return .bool
            case .array(let e):
                if !comparable(lt, e) {
                    report(.type, "\(quote(l)) is \(lt) but \(quote(r)) holds \(e) values; \"in\" is always false here", node.range)
                } else if lt != .string && lt != .any && lt != .null, case .array(let xs) = r.kind, !xs.isEmpty,
                          xs.allSatisfy({ if case .string = $0.kind { return true }; return false }) {
                    report(.type, "\(quote(l)) is \(lt) but is looked up in a list of strings; this fails at run time", node.range)
                }
                return .bool
            case .string where lt == .any:
                return .bool
            default:
                return mismatch()
            }
        case "matches":
            if let pattern = ExprFolder.fold(r), case .string(let p) = pattern {
                if let msg = ExprRegex.re2Error(p) {
                    report(.type, "invalid regular expression \(quote(r)): \(msg)", r.range)
                } else if (try? ExprRegex.compile(p)) == nil {
                    report(.type, "invalid regular expression \(quote(r))", r.range)
                }
            }
            if (lt == .string || lt == .bytes || lt == .any) && (rt == .string || rt == .any) { return .bool }
            report(.type, "\"matches\" needs a string on both sides but \(quote(l)) is \(lt)\(rt != .string && rt != .any ? " and \(quote(r)) is \(rt)" : "")", node.range)
            return .bool
        case "contains", "startsWith", "endsWith":
            if (lt == .string || lt == .any) && (rt == .string || rt == .any) && !(lt == .any && rt == .any && false) { return .bool }
            if lt.isArray {
                report(.type, "\"\(op)\" needs a string but \(quote(l)) is a list (\(lt)); use \(text(l.range))[0] \(op) \(text(r.range)) or any(\(text(l.range)), # \(op) \(text(r.range)))", node.range)
                return .bool
            }
            return mismatch()
        default:
            return mismatch()
        }
    }

    // MARK: members

    mutating func member(_ node: ExprNode, _ base: ExprNode, _ prop: ExprNode, _ optional: Bool) -> ExprType {
        if case .identifier("$env") = base.kind, case .string(let name) = prop.kind {
            types[prop.id] = .string
            if let t = env.roots[name] { return t }
            if !optional { unknownName(name, prop) }
            return .any
        }
        let bt = visit(base)
        let pt = visit(prop)
        if jsonFixed.contains(base.id) { jsonFixed.insert(node.id) }
        let propName: String? = { if case .string(let s) = prop.kind { return s }; return nil }()
        let dotted = propName != nil && text(prop.range) == propName && !text(node.range).hasSuffix("]")

        // `.length` is not expr: len(x) is.
        if dotted, propName == "length" {
            let lengthy: Bool
            switch bt {
            case .array, .string, .bytes, .map: lengthy = true
            case .record(let r): lengthy = r.fields["length"] == nil && r.closed
            default: lengthy = false
            }
            if env.dialect == .seed && (lengthy || bt == .any) { return .int }
            if env.dialect == .argo && (lengthy || jsonFixed.contains(base.id)) {
                let fix = ExprFix(description: "use len(\(text(base.range)))", edits: [
                    ExprEdit(range: base.range.lowerBound..<base.range.lowerBound, replacement: "len("),
                    ExprEdit(range: base.range.upperBound..<node.range.upperBound, replacement: ")"),
                ])
                report(.type, "\(quote(node)) is not expr syntax: there is no \".length\" property; use len(\(text(base.range)))", node.range, fix: fix)
                return .int
            }
        }
        switch bt {
        case .any:
            return .any
        case .null:
            report(.type, "\(quote(base)) is nil; it has no field \(propName.map { "\"\($0)\"" } ?? "to index")", node.range)
            return .any
        case .record(let r):
            if let name = propName {
                if let t = r.fields[name] { return t }
                if !r.closed { return .any }
                var msg = "\(quote(base)) has no field \"\(name)\""
                msg += "."
                if let s = Self.closest(name, Array(r.fields.keys)) { msg += " did you mean \"\(text(base.range)).\(s)\"?" }
                msg += " available fields are " + r.fields.keys.sorted().map { "\"\($0)\"" }.joined(separator: ", ")
                report(.unknownName, msg, prop.range)
                return .any
            }
            if pt != .string && pt != .any {
                report(.type, "cannot use \(pt) \(quote(prop)) to get an element of \(quote(base))", prop.range)
            }
            return .any
        case .map(let k, let v):
            if pt != k && pt != .any && k != .any {
                report(.type, "cannot use \(pt) \(quote(prop)) to get an element of \(quote(base)) (keys are \(k))", prop.range)
            }
            return v
        case .array(let e):
            if pt != .int && pt != .any {
                report(.type, "array elements can only be selected using an integer, but \(quote(prop)) is \(pt)", prop.range)
            }
            return e
        case .bytes:
            if pt != .int && pt != .any {
                report(.type, "bytes can only be indexed with an integer, but \(quote(prop)) is \(pt)", prop.range)
            }
            return .int
        case .string:
            if let name = propName, dotted {
                var fix: ExprFix?
                var msg = "\(quote(base)) is a string and has no field \"\(name)\"; this fails at run time"
                if env.dialect == .argo && !optional {
                    msg += ". parse it first: fromJSON(\(text(base.range))).\(name)"
                    fix = ExprFix(description: "parse \(text(base.range)) with fromJSON", edits: [
                        ExprEdit(range: base.range, replacement: "fromJSON(\(text(base.range)))"),
                    ])
                    jsonFixed.insert(node.id)
                }
                report(.type, msg, node.range, fix: fix)
                return .any
            }
            report(.type, "\(quote(base)) is a string; indexing a string is not allowed (type string[\(pt)] is undefined)", node.range)
            return .any
        case .time, .duration:
            return .function(nil)
        default:
            report(.type, "\(quote(base)) is \(bt) and has no \(propName.map { "field \"\($0)\"" } ?? "elements")", node.range)
            return .any
        }
    }

    // MARK: calls

    mutating func call(_ node: ExprNode, _ callee: ExprNode, _ args: [ExprNode]) -> ExprType {
        switch callee.kind {
        case .identifier(let name):
            types[callee.id] = .function(nil)
            if let v = vars.last(where: { $0.0 == name }) ?? env.roots[name].map({ (name, $0) }) {
                _ = args.map { visit($0) }
                if v.1 == .any { return .any }
                if case .function(let sig) = v.1 { return sig?.result ?? .any }
                report(.type, "\"\(name)\" is \(v.1) and cannot be called", node.range)
                return .any
            }
            if ExprBuiltins.names.contains(name) { return builtin(node, name, args) }
            if let f = env.functions[name] { return function(node, f, args) }
            _ = args.map { visit($0) }
            var msg = "unknown function \"\(name)\"."
            if let s = Self.closest(name, Array(ExprBuiltins.names) + Array(env.functions.keys)) { msg += " did you mean \"\(s)\"?" }
            report(.unknownName, msg, callee.range)
            return .any
        case .member(let base, let prop, _):
            let bt = visit(base)
            types[prop.id] = .string
            let argTypes = args.map { visit($0) }
            _ = argTypes
            guard case .string(let name) = prop.kind else { return .any }
            switch bt {
            case .any: return .any
            case .record(let r):
                if case .some(.function(let sig)) = r.fields[name] {
                    if let sig, let max = sig.maxArgs, args.count > max || args.count < sig.minArgs {
                        report(.type, "wrong number of arguments to \(sig.name)", node.range)
                    }
                    return sig?.result ?? .any
                }
                if r.fields[name] == nil && r.closed {
                    report(.unknownName, "\(quote(base)) has no function \"\(name)\"", prop.range)
                    return .any
                }
                return r.fields[name] == nil ? .any : reportNotCallable(node, name)
            case .time:
                switch name {
                case "Year", "Month", "Day", "Hour", "Minute", "Second", "Nanosecond", "Unix", "UnixMilli", "YearDay", "Weekday": return .int
                case "Before", "After", "Equal": return .bool
                case "Sub": return .duration
                case "Add", "UTC": return .time
                case "String", "Format": return .string
                default:
                    report(.type, "type time has no method \"\(name)\"", prop.range)
                    return .any
                }
            case .duration:
                switch name {
                case "Hours", "Minutes", "Seconds": return .float
                case "Milliseconds", "Microseconds", "Nanoseconds": return .int
                case "String": return .string
                case "Abs", "Round", "Truncate": return .duration
                default:
                    report(.type, "type duration has no method \"\(name)\"", prop.range)
                    return .any
                }
            default:
                report(.type, "\(quote(base)) is \(bt) and has no method \"\(name)\"; this fails at run time", node.range)
                return .any
            }
        default:
            let t = visit(callee)
            _ = args.map { visit($0) }
            if t != .any { report(.type, "\(quote(callee)) is \(t) and cannot be called", node.range) }
            return .any
        }
    }

    mutating func reportNotCallable(_ node: ExprNode, _ name: String) -> ExprType {
        report(.type, "\"\(name)\" is not a function", node.range)
        return .any
    }

    mutating func function(_ node: ExprNode, _ f: ExprFunctionSignature, _ args: [ExprNode]) -> ExprType {
        let ts = args.map { visit($0) }
        if ts.count < f.minArgs {
            report(.type, "not enough arguments to call \(f.name): want \(f.minArgs), got \(ts.count)", node.range)
        } else if let max = f.maxArgs, ts.count > max {
            report(.type, "too many arguments to call \(f.name): want at most \(max), got \(ts.count)", node.range)
        } else {
            for (i, t) in ts.enumerated() where i < f.parameters.count {
                let p = f.parameters[i]
                if p != .any && t != .any && t != p && !(p == .float && t == .int) {
                    report(.type, "cannot use \(t) \(quote(args[i])) as argument (type \(p)) to call \(f.name)", args[i].range)
                }
            }
        }
        return f.result
    }

    /// Argument type expectations for the plain builtins.
    static let signatures: [String: (min: Int, max: Int?, params: [ExprType], result: ExprType)] = [
        "trim": (1, 2, [.string, .string], .string), "trimPrefix": (1, 2, [.string, .string], .string),
        "trimSuffix": (1, 2, [.string, .string], .string), "upper": (1, 1, [.string], .string), "lower": (1, 1, [.string], .string),
        "split": (2, 3, [.string, .string, .int], .array(.string)), "splitAfter": (2, 3, [.string, .string, .int], .array(.string)),
        "replace": (3, 4, [.string, .string, .string, .int], .string), "repeat": (2, 2, [.string, .int], .string),
        "join": (1, 2, [.any, .string], .string), "indexOf": (2, 2, [.string, .string], .int), "lastIndexOf": (2, 2, [.string, .string], .int),
        "hasPrefix": (2, 2, [.string, .string], .bool), "hasSuffix": (2, 2, [.string, .string], .bool),
        "toJSON": (1, 1, [.any], .string), "fromJSON": (1, 1, [.string], .any), "toBase64": (1, 1, [.string], .string),
        "fromBase64": (1, 1, [.string], .string), "now": (0, 1, [.any], .time), "duration": (1, 1, [.string], .duration),
        "date": (1, 3, [.string, .string, .string], .time), "timezone": (1, 1, [.string], .any), "type": (1, 1, [.any], .string),
        "string": (1, 1, [.any], .string), "bitand": (2, 2, [.int, .int], .int), "bitor": (2, 2, [.int, .int], .int),
        "bitxor": (2, 2, [.int, .int], .int), "bitnand": (2, 2, [.int, .int], .int), "bitshl": (2, 2, [.int, .int], .int),
        "bitshr": (2, 2, [.int, .int], .int), "bitushr": (2, 2, [.int, .int], .int), "bitnot": (1, 1, [.int], .int),
        "len": (1, 1, [.any], .int), "abs": (1, 1, [.any], .any), "ceil": (1, 1, [.any], .float), "floor": (1, 1, [.any], .float),
        "round": (1, 1, [.any], .float), "int": (1, 1, [.any], .int), "float": (1, 1, [.any], .float),
        "max": (1, nil, [], .any), "min": (1, nil, [], .any), "mean": (0, nil, [], .float), "median": (0, nil, [], .float),
        "first": (1, 1, [.any], .any), "last": (1, 1, [.any], .any), "get": (2, 2, [.any, .any], .any),
        "take": (2, 2, [.any, .int], .any), "keys": (1, 1, [.any], .array(.any)), "values": (1, 1, [.any], .array(.any)),
        "toPairs": (1, 1, [.any], .array(.any)), "fromPairs": (1, 1, [.any], .map(key: .any, value: .any)),
        "reverse": (1, 1, [.any], .any), "uniq": (1, 1, [.any], .any), "flatten": (1, 1, [.any], .array(.any)),
        "concat": (1, nil, [], .array(.any)), "sort": (1, 2, [.any, .string], .any),
    ]

    mutating func builtin(_ node: ExprNode, _ name: String, _ args: [ExprNode]) -> ExprType {
        if ExprOperators.predicates[name] != nil { return predicateBuiltin(node, name, args) }
        guard let sig = Self.signatures[name] else { _ = args.map { visit($0) }; return .any }
        let ts = args.map { visit($0) }
        if ts.count < sig.min {
            report(.type, "not enough arguments to call \(name)", node.range)
            return sig.result
        }
        if let max = sig.max, ts.count > max {
            report(.type, name == "len" ? "invalid number of arguments to len (expected 1, got \(ts.count))" : "too many arguments to call \(name)", node.range)
            return sig.result
        }
        for (i, t) in ts.enumerated() where i < sig.params.count {
            let p = sig.params[i]
            if p == .any || t == .any { continue }
            if t == .null {
                report(.type, "cannot use nil as argument (type \(p)) to call \(name)", args[i].range)
            } else if t != p && !(p == .float && t == .int) {
                report(.type, "cannot use \(t) \(quote(args[i])) as argument (type \(p)) to call \(name)", args[i].range)
            }
        }
        let a0 = ts.first ?? .any
        func bad(_ what: String) -> ExprType {
            report(.type, what, node.range)
            return .any
        }
        switch name {
        case "len":
            switch a0 {
            case .any, .array, .map, .record, .string, .bytes: return .int
            default: return bad("invalid argument for len: \(quote(args[0])) is \(a0); len takes a string, array or map")
            }
        case "abs":
            if a0.isNumber || a0 == .any { return a0 }
            return bad("invalid argument for abs: \(quote(args[0])) is \(a0)")
        case "ceil", "floor", "round":
            if a0.isNumber || a0 == .any { return .float }
            return bad("invalid argument for \(name): \(quote(args[0])) is \(a0)")
        case "int", "float":
            if a0.isNumber || a0 == .any || a0 == .string { return name == "int" ? .int : .float }
            return bad("invalid argument for \(name): \(quote(args[0])) is \(a0)")
        case "max", "min", "mean", "median":
            var all: ExprType?
            for (i, t) in ts.enumerated() {
                if t.isNumber || t == .any { all = all == nil || all == t ? t : .any; continue }
                if case .array(let e) = t, e.isNumber || e == .any { all = .any; continue }
                _ = bad("invalid argument for \(name): \(quote(args[i])) is \(t)")
            }
            return sig.result == .any ? (all ?? .any) : sig.result
        case "first", "last":
            // Upstream types the result as unknown even for typed arrays.
            switch a0 {
            case .any, .array: return .any
            default: return bad("cannot get \(name) element from \(quote(args[0])) of type \(a0)")
            }
        case "get":
            switch a0 {
            case .any, .record: return .any
            case .array(let e): return e
            case .map(_, let v): return v
            default: return bad("type \(a0) does not support indexing")
            }
        case "take", "reverse", "uniq", "sort":
            switch a0 {
            case .any: return .array(.any)
            case .array(let e): return name == "take" ? .array(e) : .array(.any)
            default: return bad("cannot \(name) \(quote(args[0])) of type \(a0)")
            }
        case "keys", "values", "toPairs":
            switch a0 {
            case .any, .map, .record: return .array(.any)
            default: return bad("cannot get \(name) from \(quote(args[0])) of type \(a0)")
            }
        case "fromPairs", "flatten":
            if a0 == .any || a0.isArray { return sig.result }
            return bad("cannot \(name) \(quote(args[0])) of type \(a0)")
        case "concat":
            for (i, t) in ts.enumerated() where !(t == .any || t.isArray) {
                _ = bad("cannot concat \(quote(args[i])) of type \(t)")
            }
            return .array(.any)
        default:
            return sig.result
        }
    }

    mutating func predicateBuiltin(_ node: ExprNode, _ name: String, _ args: [ExprNode]) -> ExprType {
        guard let first = args.first else { return .any }
        let ct = visit(first)
        if ct != .any && !ct.isArray {
            report(.type, "builtin \(name) takes only an array, but \(quote(first)) is \(ct)", first.range)
        }
        let elem = ct.elementType
        var pointers: [String: ExprType] = [:]
        if name == "map" || name == "reduce" { pointers["index"] = .int }
        if name == "reduce" { pointers["acc"] = .any }
        var pt: ExprType = .any
        if args.count > 1 {
            scopes.append(Scope(element: elem, pointers: pointers))
            pt = visit(args[1])
            scopes.removeLast()
            let needsBool = ["all", "none", "any", "one", "filter", "find", "findIndex", "findLast", "findLastIndex", "count"].contains(name)
            if needsBool && pt != .bool && pt != .any {
                report(.type, "predicate of \(name) should return bool, but \(quote(args[1])) is \(pt)", args[1].range)
            }
        }
        for extra in args.dropFirst(2) {
            let t = visit(extra)
            if name == "sortBy" && t != .string && t != .any {
                report(.type, "sortBy order must be a string, but \(quote(extra)) is \(t)", extra.range)
            }
        }
        switch name {
        case "all", "none", "any", "one": return .bool
        case "filter", "sortBy": return .array(elem)
        case "map": return .array(pt)
        case "find", "findLast": return elem
        case "findIndex", "findLastIndex": return .int
        case "count": return .int
        case "sum": return args.count > 1 ? (pt.isNumber ? pt : .any) : (elem.isNumber ? elem : .any)
        case "groupBy": return .map(key: .any, value: .array(elem))
        default: return pt
        }
    }
}
