import Foundation

/// Constant folding with exactly upstream's optimizer rules. The evaluator uses
/// it to reproduce folding side effects (`x && true` → `x`); the checker uses it
/// to find compile-time failures (`x % 0`, a regex that becomes constant).
enum ExprConst: Sendable, Equatable {
    case int(Int)
    case float(Double)
    case string(String)
    case bool(Bool)

    var value: ExprValue {
        switch self {
        case .int(let i): return .int(i)
        case .float(let d): return .float(d)
        case .string(let s): return .string(s)
        case .bool(let b): return .bool(b)
        }
    }
    var boolValue: Bool? { if case .bool(let b) = self { return b }; return nil }
    var number: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .float(let d): return d
        default: return nil
        }
    }
}

enum ExprFolder {
    static func fold(_ node: ExprNode) -> ExprConst? {
        switch node.kind {
        case .int(let i): return .int(i)
        case .float(let d): return .float(d)
        case .string(let s): return .string(s)
        case .bool(let b): return .bool(b)
        case .unary(let op, let x):
            guard let c = fold(x) else { return nil }
            switch (op, c) {
            case ("-", .int(let i)): return .int(0 &- i)
            case ("-", .float(let d)): return .float(-d)
            case ("+", .int), ("+", .float): return c
            case ("!", .bool(let b)), ("not", .bool(let b)): return .bool(!b)
            default: return nil
            }
        case .binary(let op, let l, let r):
            let a = fold(l)
            let b = fold(r)
            switch op {
            case "and", "&&":
                if a == .bool(true) { return b }
                if b == .bool(true) { return a }
                if a == .bool(false) || b == .bool(false) { return .bool(false) }
                return nil
            case "or", "||":
                if a == .bool(false) { return b }
                if b == .bool(false) { return a }
                if a == .bool(true) || b == .bool(true) { return .bool(true) }
                return nil
            default: break
            }
            guard let a, let b else { return nil }
            switch (op, a, b) {
            case ("+", .int(let x), .int(let y)): return .int(x &+ y)
            case ("-", .int(let x), .int(let y)): return .int(x &- y)
            case ("*", .int(let x), .int(let y)): return .int(x &* y)
            case ("+", .string(let x), .string(let y)): return .string(x + y)
            case ("%", .int(let x), .int(let y)):
                guard y != 0 else { return nil }
                return .int(x.remainderReportingOverflow(dividingBy: y).partialValue)
            case ("==", .int(let x), .int(let y)): return .bool(x == y)
            case ("==", .string(let x), .string(let y)): return .bool(x == y)
            case ("==", .bool(let x), .bool(let y)): return .bool(x == y)
            default: break
            }
            guard let x = a.number, let y = b.number else { return nil }
            switch op {
            case "+": return .float(x + y)
            case "-": return .float(x - y)
            case "*": return .float(x * y)
            case "/": return .float(x / y)
            case "**", "^": return .float(pow(x, y))
            default: return nil
            }
        default:
            return nil
        }
    }
}

/// Run-time operator semantics (vm/runtime in upstream).
enum ExprOps {
    static func toInt(_ v: ExprValue) throws -> Int {
        switch v {
        case .int(let i): return i
        case .byte(let b): return Int(b)
        case .float(let d):
            guard d.isFinite else { return Int.min }
            if d >= 9.2e18 || d <= -9.2e18 { return Int.min }
            return Int(d)
        default: throw ExprRuntimeError("invalid operation: int(\(v.goTypeName))")
        }
    }

    static func toFloat(_ v: ExprValue) throws -> Double {
        guard let d = v.asDouble else { throw ExprRuntimeError("invalid operation: float(\(v.goTypeName))") }
        return d
    }

    static func fetch(_ from: ExprValue, _ key: ExprValue) throws -> ExprValue {
        func indexed(_ count: Int) throws -> Int {
            var i = try toInt(key)
            if i < 0 { i += count }
            if i < 0 || i >= count { throw ExprRuntimeError("index out of range: \(i) (array length is \(count))") }
            return i
        }
        switch from {
        case .null:
            throw ExprRuntimeError("cannot fetch \(GoFormat.formatV(key)) from <nil>")
        case .array(let xs, _, _):
            return xs[try indexed(xs.count)]
        case .bytes(let b, _):
            return .byte(b[try indexed(b.count)])
        case .string(let s):
            let u = Array(s.utf8)
            return .byte(u[try indexed(u.count)])
        case .map(let m, let kind):
            let k: ExprKey
            switch kind {
            case .stringAny, .header:
                switch key {
                case .null: k = .string("")
                case .string(let s): k = .string(s)
                default: throw ExprRuntimeError("reflect.Value.MapIndex: value of type \(key.goTypeName) is not assignable to type string")
                }
            case .anyAny, .anyArray:
                guard let kk = key.key else { throw ExprRuntimeError("runtime error: hash of unhashable type \(key.goTypeName)") }
                k = kk
            }
            if let v = m[k] { return v }
            switch kind {
            case .header: return .array([], kind: .string, isNil: true)
            case .anyArray: return .array([], kind: .any, isNil: true)
            default: return .null
            }
        default:
            throw ExprRuntimeError("cannot fetch \(GoFormat.formatV(key)) from \(from.goTypeName)")
        }
    }

    static func bytesOf(_ s: String) -> [UInt8] { Array(s.utf8) }

    /// runtime.Equal: numbers by value, slices element-wise, otherwise identical types.
    static func equal(_ a: ExprValue, _ b: ExprValue) -> Bool {
        switch (a, b) {
        case (.string(let x), .string(let y)): return x == y
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.byte(let x), .byte(let y)): return x == y
        case (.int(let x), .byte(let y)), (.byte(let y), .int(let x)): return x == Int(y)
        case (.duration(let x), .duration(let y)): return x == y
        case (.time(let x), .time(let y)): return x.seconds == y.seconds && x.nanos == y.nanos
        default: break
        }
        if a.isNumber && b.isNumber, let x = a.asDouble, let y = b.asDouble { return x == y }
        if let xs = a.elements, let ys = b.elements {
            // Element-wise only between []interface{} and a typed slice, or equal slice types.
            if a.goTypeName == b.goTypeName || a.goTypeName == "[]interface {}" || b.goTypeName == "[]interface {}" {
                guard xs.count == ys.count else { return false }
                for (x, y) in zip(xs, ys) where !equal(x, y) { return false }
                return true
            }
            return false
        }
        if a.isNil && b.isNil { return true }
        return deepEqual(a, b)
    }

    /// reflect.DeepEqual: same dynamic types all the way down.
    static func deepEqual(_ a: ExprValue, _ b: ExprValue) -> Bool {
        guard a.goTypeName == b.goTypeName else { return false }
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.float(let x), .float(let y)): return x == y
        case (.byte(let x), .byte(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.bytes(let x, let n1), .bytes(let y, let n2)): return n1 == n2 && x == y
        case (.array(let xs, _, let n1), .array(let ys, _, let n2)):
            guard n1 == n2, xs.count == ys.count else { return false }
            for (x, y) in zip(xs, ys) where !deepEqual(x, y) { return false }
            return true
        case (.map(let x, _), .map(let y, _)):
            guard x.count == y.count else { return false }
            for (k, v) in x {
                guard let w = y[k], deepEqual(v, w) else { return false }
            }
            return true
        case (.duration(let x), .duration(let y)): return x == y
        case (.time(let x), .time(let y)): return x == y
        case (.location(let x), .location(let y)): return x == y
        default: return false
        }
    }

    /// Ordering for `<`-family operators and sorting; nil when the pair is not ordered.
    static func compare(_ a: ExprValue, _ b: ExprValue) -> Int? {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x < y ? -1 : (x > y ? 1 : 0)
        case (.string(let x), .string(let y)):
            let xu = Array(x.utf8), yu = Array(y.utf8)
            return xu == yu ? 0 : (xu.lexicographicallyPrecedes(yu) ? -1 : 1)
        case (.duration(let x), .duration(let y)): return x < y ? -1 : (x > y ? 1 : 0)
        case (.time(let x), .time(let y)):
            if x.seconds != y.seconds { return x.seconds < y.seconds ? -1 : 1 }
            return x.nanos < y.nanos ? -1 : (x.nanos > y.nanos ? 1 : 0)
        default: break
        }
        if a.isNumber && b.isNumber, let x = a.asDouble, let y = b.asDouble {
            if x < y { return -1 }
            if x > y { return 1 }
            if x == y { return 0 }
            return 2 // NaN: every comparison is false
        }
        return nil
    }

    static func arith(_ op: String, _ a: ExprValue, _ b: ExprValue) throws -> ExprValue {
        let fail = ExprRuntimeError("invalid operation: \(a.goTypeName) \(op) \(b.goTypeName)")
        switch (op, a, b) {
        case ("+", .string(let x), .string(let y)): return .string(x + y)
        case ("+", .time(let t), .duration(let d)), ("+", .duration(let d), .time(let t)):
            return .time(addDuration(t, d))
        case ("-", .time(let t), .duration(let d)): return .time(addDuration(t, 0 &- d))
        case ("-", .time(let x), .time(let y)):
            return .duration(Int64((x.totalNanos - y.totalNanos).rounded()))
        case ("+", .duration(let x), .duration(let y)): return .duration(x &+ y)
        case ("-", .duration(let x), .duration(let y)): return .duration(x &- y)
        case ("*", .duration(let x), .int(let y)), ("*", .int(let y), .duration(let x)): return .duration(x &* Int64(y))
        case ("*", .duration(let x), .duration(let y)): return .duration(x &* y)
        default: break
        }
        switch (a, b) {
        case (.int(let x), .int(let y)):
            switch op {
            case "+": return .int(x &+ y)
            case "-": return .int(x &- y)
            case "*": return .int(x &* y)
            case "%":
                guard y != 0 else { throw ExprRuntimeError("runtime error: integer divide by zero") }
                return .int(x.remainderReportingOverflow(dividingBy: y).partialValue)
            default: break
            }
        case (.byte(let x), .byte(let y)):
            switch op {
            case "+": return .byte(x &+ y)
            case "-": return .byte(x &- y)
            case "*": return .byte(x &* y)
            case "%":
                guard y != 0 else { throw ExprRuntimeError("runtime error: integer divide by zero") }
                return .byte(x % y)
            default: break
            }
        case (.int, .byte), (.byte, .int):
            let x = try toInt(a), y = try toInt(b)
            return try arith(op, .int(x), .int(y))
        default: break
        }
        if op == "%" { throw fail }
        guard let x = a.asDouble, let y = b.asDouble else { throw fail }
        switch op {
        case "+": return .float(x + y)
        case "-": return .float(x - y)
        case "*": return .float(x * y)
        default: throw fail
        }
    }

    static func addDuration(_ t: ExprTime, _ d: Int64) -> ExprTime {
        var r = t
        let total = Int64(t.nanos) + d % 1_000_000_000
        r.seconds += d / 1_000_000_000 + (total >= 1_000_000_000 ? 1 : (total < 0 ? -1 : 0))
        r.nanos = Int((total % 1_000_000_000 + 1_000_000_000) % 1_000_000_000)
        return r
    }

    static func requireString(_ v: ExprValue) throws -> String {
        guard case .string(let s) = v else { throw assertionError(v, "string") }
        return s
    }

    static func binary(_ op: String, _ a: ExprValue, _ b: ExprValue, regex: (String) throws -> NSRegularExpression) throws -> ExprValue {
        switch op {
        case "==": return .bool(equal(a, b))
        case "!=": return .bool(!equal(a, b))
        case "<", ">", "<=", ">=":
            guard let c = compare(a, b) else {
                throw ExprRuntimeError("invalid operation: \(a.goTypeName) \(op) \(b.goTypeName)")
            }
            if c == 2 { return .bool(false) }
            switch op {
            case "<": return .bool(c < 0)
            case ">": return .bool(c > 0)
            case "<=": return .bool(c <= 0)
            default: return .bool(c >= 0)
            }
        case "+", "-", "*", "%":
            return try arith(op, a, b)
        case "/":
            guard let x = a.asDouble, let y = b.asDouble else {
                throw ExprRuntimeError("invalid operation: \(a.goTypeName) / \(b.goTypeName)")
            }
            return .float(x / y)
        case "**", "^":
            return .float(pow(try toFloat(a), try toFloat(b)))
        case "..":
            guard case .int(let x) = a else { throw assertionError(a, "int") }
            guard case .int(let y) = b else { throw assertionError(b, "int") }
            if y < x { return .array([], kind: .int, isNil: false) }
            guard y - x < 10_000_000 else { throw ExprRuntimeError("memory budget exceeded") }
            return .array((x...y).map { .int($0) }, kind: .int, isNil: false)
        case "in":
            return .bool(try contains(b, a))
        case "contains", "startsWith", "endsWith":
            if a.isNil || b.isNil { return .bool(false) }
            let x = try requireString(a)
            let y = try requireString(b)
            switch op {
            case "contains": return .bool(bytesContain(Array(x.utf8), Array(y.utf8)))
            case "startsWith": return .bool(Array(x.utf8).starts(with: Array(y.utf8)))
            default: return .bool(Array(x.utf8).reversed().starts(with: Array(y.utf8).reversed()))
            }
        case "matches":
            if a.isNil || b.isNil { return .bool(false) }
            let pattern = try requireString(b)
            let subject: String
            switch a {
            case .string(let s): subject = s
            case .bytes(let bs, _): subject = String(decoding: bs, as: UTF8.self)
            default: throw assertionError(a, "string")
            }
            let re = try regex(pattern)
            let ns = subject as NSString
            return .bool(re.firstMatch(in: subject, options: [], range: NSRange(location: 0, length: ns.length)) != nil)
        default:
            throw ExprRuntimeError("unknown operator (\(op))")
        }
    }

    static func bytesContain(_ h: [UInt8], _ n: [UInt8]) -> Bool {
        if n.isEmpty { return true }
        if n.count > h.count { return false }
        for i in 0...(h.count - n.count) where h[i] == n[0] {
            if h[i..<(i + n.count)].elementsEqual(n) { return true }
        }
        return false
    }

    /// runtime.In
    static func contains(_ container: ExprValue, _ needle: ExprValue) throws -> Bool {
        switch container {
        case .null: return false
        case .array(let xs, _, _):
            return xs.contains { equal($0, needle) }
        case .bytes(let bs, _):
            return bs.contains { equal(.byte($0), needle) }
        case .map(let m, let kind):
            switch kind {
            case .stringAny, .header:
                switch needle {
                case .null: return m[.string("")] != nil
                case .string(let s): return m[.string(s)] != nil
                default: throw ExprRuntimeError("reflect.Value.MapIndex: value of type \(needle.goTypeName) is not assignable to type string")
                }
            default:
                guard let k = needle.key else { return false }
                return m[k] != nil
            }
        default:
            throw ExprRuntimeError("operator \"in\" not defined on \(container.goTypeName)")
        }
    }
}

/// Go RE2 approximated with NSRegularExpression: constructs RE2 rejects are
/// rejected up front, `(?P<name>` is translated.
enum ExprRegex {
    static func re2Error(_ p: String) -> String? {
        let u = Array(p.unicodeScalars)
        var i = 0
        var inClass = false
        var depth = 0
        while i < u.count {
            let c = u[i]
            if c == "\\" {
                guard i + 1 < u.count else { return "trailing backslash at end of expression: ``" }
                let e = u[i + 1]
                if !inClass, e.value >= 0x31 && e.value <= 0x39 { return "invalid escape sequence: `\\\(e)`" }
                if "Zkg<>".unicodeScalars.contains(e) || (e == "e" ) { return "invalid escape sequence: `\\\(e)`" }
                i += 2
                continue
            }
            if inClass {
                if c == "]" { inClass = false }
                i += 1
                continue
            }
            switch c {
            case "[":
                inClass = true
                if i + 1 < u.count, u[i + 1] == "^" { i += 1 }
                if i + 1 < u.count, u[i + 1] == "]" { i += 1 }
            case "(":
                if i + 1 < u.count, u[i + 1] == "?" {
                    let rest = String(String.UnicodeScalarView(u[(i + 2)...]))
                    if rest.hasPrefix("=") || rest.hasPrefix("!") || rest.hasPrefix("<=") || rest.hasPrefix("<!") || rest.hasPrefix(">") {
                        return "invalid or unsupported Perl syntax: `(?\(rest.prefix(1))`"
                    }
                }
                depth += 1
            case ")":
                if depth == 0 { return "unexpected ): `\(p)`" }
                depth -= 1
            case "*", "+", "?":
                if i + 1 < u.count, u[i + 1] == "*" || u[i + 1] == "+" {
                    return "invalid nested repetition operator: `\(c)\(u[i + 1])`"
                }
            case "{":
                // RE2 caps repetition counts at 1000.
                var j = i + 1
                var num = ""
                while j < u.count, u[j] != "}" { num.unicodeScalars.append(u[j]); j += 1 }
                if j < u.count {
                    let parts = num.split(separator: ",", omittingEmptySubsequences: false)
                    if !parts.isEmpty, parts.allSatisfy({ $0.isEmpty || Int($0) != nil }), !(parts.first?.isEmpty ?? true) {
                        if parts.compactMap({ Int($0) }).contains(where: { $0 > 1000 }) {
                            return "invalid repeat count: `{\(num)}`"
                        }
                        if j + 1 < u.count, u[j + 1] == "*" || u[j + 1] == "+" {
                            return "invalid nested repetition operator: `{\(num)}\(u[j + 1])`"
                        }
                    }
                }
            default: break
            }
            i += 1
        }
        if inClass { return "missing closing ]: `\(p)`" }
        if depth > 0 { return "missing closing ): `\(p)`" }
        return nil
    }

    static func compile(_ pattern: String) throws -> NSRegularExpression {
        if let msg = re2Error(pattern) { throw ExprRuntimeError("error parsing regexp: \(msg)") }
        let translated = pattern.replacingOccurrences(of: "(?P<", with: "(?<")
        do {
            return try NSRegularExpression(pattern: translated, options: [])
        } catch {
            throw ExprRuntimeError("error parsing regexp: invalid pattern: `\(pattern)`")
        }
    }
}
