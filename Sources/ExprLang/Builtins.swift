import Foundation

/// Run-time implementations of expr's 64 builtins.
enum ExprBuiltins {
    static let names: Set<String> = [
        "all", "none", "any", "one", "filter", "map", "find", "findIndex", "findLast", "findLastIndex",
        "count", "sum", "groupBy", "sortBy", "reduce",
        "len", "type", "abs", "ceil", "floor", "round", "int", "float", "string", "trim", "trimPrefix", "trimSuffix",
        "upper", "lower", "split", "splitAfter", "replace", "repeat", "join", "indexOf", "lastIndexOf",
        "hasPrefix", "hasSuffix", "max", "min", "mean", "median", "toJSON", "fromJSON", "toBase64", "fromBase64",
        "now", "duration", "date", "timezone", "first", "last", "get", "take", "keys", "values", "toPairs",
        "fromPairs", "reverse", "uniq", "flatten", "concat", "sort",
        "bitand", "bitor", "bitxor", "bitnand", "bitshl", "bitshr", "bitushr", "bitnot",
    ]

    static func str(_ v: ExprValue) throws -> String { try ExprOps.requireString(v) }
    static func int(_ v: ExprValue) throws -> Int {
        guard case .int(let i) = v else { throw assertionError(v, "int") }
        return i
    }

    static func call(_ name: String, _ argNodes: [ExprNode], _ it: Interpreter) throws -> ExprValue {
        if ExprOperators.predicates[name] != nil {
            return try predicateCall(name, argNodes, it)
        }
        let a = try argNodes.map { try it.eval($0) }
        func arity(_ lo: Int, _ hi: Int) throws {
            if a.count < lo { throw ExprRuntimeError("not enough arguments to call \(name)") }
            if a.count > hi { throw ExprRuntimeError("too many arguments to call \(name)") }
        }
        switch name {
        case "len":
            try arity(1, 1)
            switch a[0] {
            case .array(let xs, _, _): return .int(xs.count)
            case .bytes(let b, _): return .int(b.count)
            case .map(let m, _): return .int(m.count)
            case .string(let s): return .int(s.unicodeScalars.count)
            default: throw ExprRuntimeError("invalid argument for len (type \(a[0].goTypeName == "nil" ? "<nil>" : a[0].goTypeName))")
            }
        case "type":
            try arity(1, 1)
            switch a[0] {
            case .null: return .string("nil")
            case .bool: return .string("bool")
            case .int: return .string("int")
            case .byte: return .string("uint")
            case .float: return .string("float")
            case .string: return .string("string")
            case .bytes, .array: return .string("array")
            case .map: return .string("map")
            case .duration: return .string("time.Duration")
            case .time: return .string("time.Time")
            case .location: return .string("time.Location")
            }
        case "abs":
            try arity(1, 1)
            switch a[0] {
            case .int(let i): return .int(i < 0 ? 0 &- i : i)
            case .float(let d): return .float(abs(d))
            case .byte: return a[0]
            default: throw ExprRuntimeError("invalid argument for abs (type \(a[0].goTypeName))")
            }
        case "ceil", "floor", "round":
            try arity(1, 1)
            guard let d = a[0].asDouble else { throw ExprRuntimeError("invalid argument for \(name) (type \(a[0].goTypeName))") }
            switch name {
            case "ceil": return .float(d.rounded(.up))
            case "floor": return .float(d.rounded(.down))
            default: return .float(d.rounded(.toNearestOrAwayFromZero))
            }
        case "int":
            try arity(1, 1)
            switch a[0] {
            case .int: return a[0]
            case .float, .byte: return .int(try ExprOps.toInt(a[0]))
            case .string(let s):
                guard let i = Int(s) else { throw ExprRuntimeError("invalid operation: int(\(s))") }
                return .int(i)
            default: throw ExprRuntimeError("invalid operation: int(\(a[0].goTypeName))")
            }
        case "float":
            try arity(1, 1)
            switch a[0] {
            case .float: return a[0]
            case .int, .byte: return .float(a[0].asDouble ?? 0)
            case .string(let s):
                guard let d = parseGoFloat(s) else { throw ExprRuntimeError("invalid operation: float(\(s))") }
                return .float(d)
            default: throw ExprRuntimeError("invalid operation: float(\(a[0].goTypeName))")
            }
        case "string":
            try arity(1, 1)
            return .string(GoFormat.formatV(a[0]))
        case "trim":
            try arity(1, 2)
            let s = try str(a[0])
            if a.count == 2 {
                let cut = Set(try str(a[1]).unicodeScalars)
                return .string(trimScalars(s) { cut.contains($0) })
            }
            return .string(trimScalars(s, isSpace))
        case "trimPrefix", "trimSuffix":
            try arity(1, 2)
            let s = try str(a[0])
            let p = a.count == 2 ? try str(a[1]) : " "
            let su = Array(s.utf8), pu = Array(p.utf8)
            if name == "trimPrefix" {
                return .string(su.starts(with: pu) ? String(decoding: su[pu.count...], as: UTF8.self) : s)
            }
            return .string(su.reversed().starts(with: pu.reversed()) ? String(decoding: su[..<(su.count - pu.count)], as: UTF8.self) : s)
        case "upper": try arity(1, 1); return .string(try str(a[0]).uppercased())
        case "lower": try arity(1, 1); return .string(try str(a[0]).lowercased())
        case "split", "splitAfter":
            try arity(2, 3)
            let n = a.count == 3 ? try int(a[2]) : -1
            return splitGo(try str(a[0]), try str(a[1]), n, after: name == "splitAfter")
        case "replace":
            try arity(3, 4)
            let n = a.count == 4 ? try int(a[3]) : -1
            return .string(replaceGo(try str(a[0]), try str(a[1]), try str(a[2]), n))
        case "repeat":
            try arity(2, 2)
            let s = try str(a[0])
            let n = try int(a[1])
            if n < 0 { throw ExprRuntimeError("invalid argument for repeat (expected positive integer, got \(n))") }
            if n > 1_000_000 || s.utf8.count * n > 10_000_000 { throw ExprRuntimeError("memory budget exceeded") }
            return .string(String(repeating: s, count: n))
        case "join":
            try arity(1, 2)
            let sep = a.count == 2 ? try str(a[1]) : ""
            guard case .array(let xs, _, _) = a[0] else { throw ExprRuntimeError("invalid argument for join (type \(a[0].goTypeName))") }
            return .string(try xs.map { try str($0) }.joined(separator: sep))
        case "indexOf", "lastIndexOf":
            try arity(2, 2)
            let h = Array(try str(a[0]).utf8), n = Array(try str(a[1]).utf8)
            if n.isEmpty { return .int(name == "indexOf" ? 0 : h.count) }
            if n.count > h.count { return .int(-1) }
            let range = Array(0...(h.count - n.count))
            for i in (name == "indexOf" ? range : range.reversed()) where h[i..<(i + n.count)].elementsEqual(n) { return .int(i) }
            return .int(-1)
        case "hasPrefix": try arity(2, 2); return .bool(Array(try str(a[0]).utf8).starts(with: Array(try str(a[1]).utf8)))
        case "hasSuffix": try arity(2, 2); return .bool(Array(try str(a[0]).utf8).reversed().starts(with: Array(try str(a[1]).utf8).reversed()))
        case "max", "min":
            if a.isEmpty { throw ExprRuntimeError("not enough arguments to call \(name)") }
            var best: ExprValue?
            func visit(_ v: ExprValue) throws {
                if let xs = v.elements { for x in xs { try visit(x) }; return }
                guard v.isNumber else { throw ExprRuntimeError("invalid argument for \(name) (type \(v.goTypeName))") }
                if let b = best, let c = ExprOps.compare(v, b) {
                    if (name == "max" && c == 1) || (name == "min" && c == -1) { best = v }
                } else if best == nil { best = v }
            }
            for v in a { try visit(v) }
            return best ?? .null
        case "mean", "median":
            var nums: [Double] = []
            func visit(_ v: ExprValue) throws {
                if let xs = v.elements { for x in xs { try visit(x) }; return }
                guard let d = v.asDouble else { throw ExprRuntimeError("invalid argument for \(name) (type \(v.goTypeName))") }
                nums.append(d)
            }
            for v in a { try visit(v) }
            if nums.isEmpty { return .float(0) }
            if name == "mean" { return .float(nums.reduce(0, +) / Double(nums.count)) }
            nums.sort()
            let m = nums.count / 2
            return .float(nums.count % 2 == 0 ? (nums[m - 1] + nums[m]) / 2 : nums[m])
        case "toJSON":
            try arity(1, 1)
            return .string(try GoFormat.toJSON(a[0], indent: true))
        case "fromJSON":
            try arity(1, 1)
            return try ExprValue.parseJSON(try str(a[0]))
        case "toBase64":
            try arity(1, 1)
            return .string(Data(try str(a[0]).utf8).base64EncodedString())
        case "fromBase64":
            try arity(1, 1)
            let s = try str(a[0])
            guard let d = Data(base64Encoded: s) else {
                let bad = s.utf8.firstIndex { !(($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2B || $0 == 0x2F || $0 == 0x3D) }
                let pos = bad.map { s.utf8.distance(from: s.utf8.startIndex, to: $0) } ?? s.utf8.count
                throw ExprRuntimeError("illegal base64 data at input byte \(pos)")
            }
            return .string(String(decoding: d, as: UTF8.self))
        case "now":
            let t = Date().timeIntervalSince1970
            return .time(ExprTime(seconds: Int64(t.rounded(.down)), nanos: Int((t - t.rounded(.down)) * 1e9), offset: 0, zone: "UTC"))
        case "duration":
            try arity(1, 1)
            return .duration(try GoFormat.parseDuration(try str(a[0])))
        case "date":
            try arity(1, 3)
            let s = try str(a[0])
            if a.count == 1, let t = GoFormat.parseDate(s) { return .time(t) }
            throw ExprRuntimeError("invalid date \(s)")
        case "timezone":
            try arity(1, 1)
            let n = try str(a[0])
            guard TimeZone(identifier: n) != nil || n == "UTC" || n == "Local" else { throw ExprRuntimeError("unknown time zone \(n)") }
            return .location(n)
        case "first", "last":
            try arity(1, 1)
            if case .null = a[0] { return .null }
            guard let xs = a[0].elements else { throw ExprRuntimeError("cannot get \(name) element from \(a[0].goTypeName)") }
            return (name == "first" ? xs.first : xs.last) ?? .null
        case "get":
            try arity(2, 2)
            switch a[0] {
            case .null: return .null
            case .map:
                do { return try ExprOps.fetch(a[0], a[1]) } catch { return .null }
            default:
                // get never fails at run time: anything it cannot index gives nil.
                return (try? ExprOps.fetch(a[0], a[1])) ?? .null
            }
        case "take":
            try arity(2, 2)
            guard case .array(let xs, let k, _) = a[0] else { throw ExprRuntimeError("cannot take from \(a[0].goKindName)") }
            let n = try int(a[1])
            return .array(Array(xs.prefix(max(0, n))), kind: k == .int || k == .string ? k : .any, isNil: false)
        case "keys", "values":
            try arity(1, 1)
            guard case .map(let m, _) = a[0] else { throw ExprRuntimeError("cannot get \(name) from \(a[0].goKindName)") }
            let ks = m.keys.sorted()
            return .array(name == "keys" ? ks.map { $0.value } : ks.map { m[$0] ?? .null })
        case "toPairs":
            try arity(1, 1)
            guard case .map(let m, _) = a[0] else { throw ExprRuntimeError("cannot transform \(a[0].goKindName) to pairs") }
            return .array(m.keys.sorted().map { .array([$0.value, m[$0] ?? .null]) }, kind: .pair, isNil: false)
        case "fromPairs":
            try arity(1, 1)
            guard let xs = a[0].elements else { throw ExprRuntimeError("cannot transform \(GoFormat.formatV(a[0])) from pairs") }
            var m: [ExprKey: ExprValue] = [:]
            for p in xs {
                guard let kv = p.elements else { throw ExprRuntimeError("invalid pair \(GoFormat.formatV(p))") }
                guard kv.count == 2, let k = kv[0].key else { throw ExprRuntimeError("invalid pair length \(GoFormat.formatV(p))") }
                m[k] = kv[1]
            }
            return .map(m, kind: .anyAny)
        case "reverse":
            try arity(1, 1)
            guard let xs = a[0].elements else { throw ExprRuntimeError("cannot reverse \(a[0].goKindName)") }
            return .array(xs.reversed())
        case "uniq":
            try arity(1, 1)
            guard let xs = a[0].elements else { throw ExprRuntimeError("cannot uniq \(a[0].goKindName)") }
            var out: [ExprValue] = []
            for x in xs where !out.contains(where: { ExprOps.deepEqual($0, x) }) { out.append(x) }
            return .array(out)
        case "flatten":
            try arity(1, 1)
            guard a[0].elements != nil else { throw ExprRuntimeError("cannot flatten \(a[0].goKindName)") }
            var out: [ExprValue] = []
            func visit(_ v: ExprValue) { if let xs = v.elements { xs.forEach(visit) } else { out.append(v) } }
            visit(a[0])
            return .array(out)
        case "concat":
            if a.isEmpty { throw ExprRuntimeError("invalid number of arguments (expected at least 1, got 0)") }
            var out: [ExprValue] = []
            for v in a {
                guard let xs = v.elements else { throw ExprRuntimeError("cannot concat \(v.goKindName)") }
                out += xs
            }
            return .array(out)
        case "sort":
            try arity(1, 2)
            if case .null = a[0] { return .null }
            guard let xs = a[0].elements else { throw ExprRuntimeError("invalid argument for sort (type \(a[0].goTypeName))") }
            var desc = false
            if a.count == 2 {
                guard case .string(let o) = a[1] else { throw ExprRuntimeError("sort order argument must be a string (got \(a[1].goTypeName))") }
                guard o == "asc" || o == "desc" else { throw ExprRuntimeError("invalid order \(o), expected asc or desc") }
                desc = o == "desc"
            }
            return .array(try sortValues(xs, keys: xs, desc: desc))
        case "bitand", "bitor", "bitxor", "bitnand", "bitshl", "bitshr", "bitushr":
            try arity(2, 2)
            let x = try int(a[0]), y = try int(a[1])
            switch name {
            case "bitand": return .int(x & y)
            case "bitor": return .int(x | y)
            case "bitxor": return .int(x ^ y)
            case "bitnand": return .int(x & ~y)
            default:
                if y < 0 { throw ExprRuntimeError("invalid operation: negative shift count \(y) (type int)") }
                if name == "bitshl" { return .int(y >= 64 ? 0 : x << y) }
                if name == "bitshr" { return .int(y >= 64 ? (x < 0 ? -1 : 0) : x >> y) }
                return .int(y >= 64 ? 0 : Int(bitPattern: UInt(bitPattern: x) >> UInt(y)))
            }
        case "bitnot":
            try arity(1, 1)
            return .int(~(try int(a[0])))
        default:
            throw ExprRuntimeError("unknown name \(name)")
        }
    }

    static func sortValues(_ xs: [ExprValue], keys: [ExprValue], desc: Bool) throws -> [ExprValue] {
        var failure: ExprRuntimeError?
        let idx = Array(xs.indices).sorted { i, j in
            guard failure == nil else { return false }
            guard let c = ExprOps.compare(keys[i], keys[j]) else {
                failure = ExprRuntimeError("invalid operation: \(keys[j].goTypeName) < \(keys[i].goTypeName)")
                return false
            }
            if c == 0 || c == 2 { return i < j }
            return desc ? c > 0 : c < 0
        }
        if let failure { throw failure }
        return idx.map { xs[$0] }
    }

    static func predicateCall(_ name: String, _ argNodes: [ExprNode], _ it: Interpreter) throws -> ExprValue {
        guard let first = argNodes.first else { throw ExprRuntimeError("not enough arguments to call \(name)") }
        let items = try it.iterate(try it.eval(first), name)
        let pred = argNodes.count > 1 ? argNodes[1] : nil
        func run(_ e: ExprValue, _ i: Int) throws -> ExprValue {
            guard let pred else { return e }
            return try it.withElement(e, i) { try it.eval(pred) }
        }
        func truth(_ e: ExprValue, _ i: Int) throws -> Bool {
            let v = try run(e, i)
            guard case .bool(let b) = v else { throw assertionError(v, "bool") }
            return b
        }
        switch name {
        case "all":
            for (i, e) in items.enumerated() where !(try truth(e, i)) { return .bool(false) }
            return .bool(true)
        case "none":
            for (i, e) in items.enumerated() where try truth(e, i) { return .bool(false) }
            return .bool(true)
        case "any":
            for (i, e) in items.enumerated() where try truth(e, i) { return .bool(true) }
            return .bool(false)
        case "one":
            var n = 0
            for (i, e) in items.enumerated() where try truth(e, i) { n += 1; if n > 1 { return .bool(false) } }
            return .bool(n == 1)
        case "filter":
            var out: [ExprValue] = []
            for (i, e) in items.enumerated() where try truth(e, i) { out.append(e) }
            return .array(out)
        case "map":
            return .array(try items.enumerated().map { try run($1, $0) })
        case "find", "findIndex":
            for (i, e) in items.enumerated() where try truth(e, i) { return name == "find" ? e : .int(i) }
            return .null
        case "findLast", "findLastIndex":
            for (i, e) in items.enumerated().reversed() where try truth(e, i) { return name == "findLast" ? e : .int(i) }
            return .null
        case "count":
            var n = 0
            for (i, e) in items.enumerated() where try truth(e, i) { n += 1 }
            return .int(n)
        case "sum":
            var acc: ExprValue = .int(0)
            for (i, e) in items.enumerated() { acc = try ExprOps.arith("+", try run(e, i), acc) }
            return acc
        case "groupBy":
            var m: [ExprKey: ExprValue] = [:]
            for (i, e) in items.enumerated() {
                let k = try run(e, i)
                guard let key = k.key else { throw ExprRuntimeError("runtime error: hash of unhashable type \(k.goTypeName)") }
                if case .array(var xs, _, _) = m[key] { xs.append(e); m[key] = .array(xs) } else { m[key] = .array([e]) }
            }
            return .map(m, kind: .anyArray)
        case "sortBy":
            let keys = try items.enumerated().map { try run($1, $0) }
            var desc = false
            if argNodes.count > 2 {
                let o = try it.eval(argNodes[2])
                guard case .string(let s) = o else { throw ExprRuntimeError("sortBy order argument must be a string") }
                guard s == "asc" || s == "desc" else { throw ExprRuntimeError("invalid order \(s), expected asc or desc") }
                desc = s == "desc"
            }
            return .array(try sortValues(items, keys: keys, desc: desc))
        case "reduce":
            guard let pred else { return .null }
            var acc: ExprValue
            var start = 0
            if argNodes.count > 2 {
                acc = try it.eval(argNodes[2])
            } else {
                guard let f = items.first else { throw ExprRuntimeError("reduce of empty array with no initial value") }
                acc = f
                start = 1
            }
            if start < items.count {
                for i in start..<items.count {
                    acc = try it.withElement(items[i], i, acc: acc) { try it.eval(pred) }
                }
            }
            return acc
        default:
            throw ExprRuntimeError("unknown name \(name)")
        }
    }

    static func parseGoFloat(_ s: String) -> Double? {
        let t = s.hasPrefix("+") ? String(s.dropFirst()) : s
        switch t.lowercased() {
        case "inf", "infinity": return s.hasPrefix("-") ? -.infinity : .infinity
        case "-inf", "-infinity": return -.infinity
        case "nan": return .nan
        default: break
        }
        guard !s.isEmpty, !s.contains(" "), !s.contains("_") else { return nil }
        return Double(s)
    }

    static func trimScalars(_ s: String, _ cut: (Unicode.Scalar) -> Bool) -> String {
        var u = Array(s.unicodeScalars)
        while let f = u.first, cut(f) { u.removeFirst() }
        while let l = u.last, cut(l) { u.removeLast() }
        return String(String.UnicodeScalarView(u))
    }

    static func splitGo(_ s: String, _ sep: String, _ n: Int, after: Bool) -> ExprValue {
        if n == 0 { return .array([], kind: .string, isNil: true) }
        var parts: [String] = []
        if sep.isEmpty {
            let scalars = Array(s.unicodeScalars)
            let limit = n < 0 ? scalars.count : min(n, scalars.count)
            for i in 0..<limit {
                if i == limit - 1 && limit < scalars.count {
                    parts.append(String(String.UnicodeScalarView(scalars[i...])))
                } else {
                    parts.append(String(scalars[i]))
                }
            }
            return .stringList(parts)
        }
        let h = Array(s.utf8), p = Array(sep.utf8)
        var start = 0
        var i = 0
        while i + p.count <= h.count {
            if n > 0 && parts.count == n - 1 { break }
            if h[i..<(i + p.count)].elementsEqual(p) {
                parts.append(String(decoding: h[start..<(after ? i + p.count : i)], as: UTF8.self))
                i += p.count
                start = i
            } else {
                i += 1
            }
        }
        parts.append(String(decoding: h[start...], as: UTF8.self))
        return .stringList(parts)
    }

    static func replaceGo(_ s: String, _ old: String, _ new: String, _ n: Int) -> String {
        if old == new || n == 0 { return s }
        if old.isEmpty {
            var out = ""
            var count = 0
            let scalars = Array(s.unicodeScalars)
            for (i, u) in scalars.enumerated() {
                if n < 0 || count < n { out += new; count += 1 }
                out.unicodeScalars.append(u)
                _ = i
            }
            if n < 0 || count < n { out += new }
            return out
        }
        let h = Array(s.utf8), p = Array(old.utf8), r = Array(new.utf8)
        var out: [UInt8] = []
        var i = 0
        var count = 0
        while i < h.count {
            if (n < 0 || count < n), i + p.count <= h.count, h[i..<(i + p.count)].elementsEqual(p) {
                out += r
                i += p.count
                count += 1
            } else {
                out.append(h[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Methods callable on time and duration values (`date(...).Year()`).
enum ExprMethods {
    static func time(_ t: ExprTime, _ m: String, _ args: [ExprValue]) throws -> ExprValue {
        let c = GoFormat.civil(t)
        switch m {
        case "Year": return .int(c.y)
        case "Month": return .int(c.mo)
        case "Day": return .int(c.d)
        case "Hour": return .int(c.h)
        case "Minute": return .int(c.mi)
        case "Second": return .int(c.s)
        case "Nanosecond": return .int(t.nanos)
        case "Unix": return .int(Int(t.seconds))
        case "UnixMilli": return .int(Int(t.seconds) * 1000 + t.nanos / 1_000_000)
        case "YearDay":
            return .int(Int(GoFormat.daysFromCivil(c.y, c.mo, c.d) - GoFormat.daysFromCivil(c.y, 1, 1)) + 1)
        case "Weekday":
            let days = GoFormat.daysFromCivil(c.y, c.mo, c.d)
            return .int(Int(((days % 7) + 11) % 7))
        case "UTC": var u = t; u.offset = 0; u.zone = "UTC"; return .time(u)
        case "Before", "After", "Equal":
            guard args.count == 1, case .time(let o) = args[0] else { throw ExprRuntimeError("not enough arguments to call \(m)") }
            let c = ExprOps.compare(.time(t), .time(o)) ?? 0
            return .bool(m == "Before" ? c < 0 : (m == "After" ? c > 0 : c == 0))
        case "Sub":
            guard args.count == 1, case .time = args[0] else { throw ExprRuntimeError("not enough arguments to call Sub") }
            return try ExprOps.arith("-", .time(t), args[0])
        case "Add":
            guard args.count == 1, case .duration(let d) = args[0] else { throw ExprRuntimeError("not enough arguments to call Add") }
            return .time(ExprOps.addDuration(t, d))
        case "String": return .string(GoFormat.formatTimeV(t))
        default: throw ExprRuntimeError("type time.Time has no method \(m)")
        }
    }

    static func duration(_ d: Int64, _ m: String, _ args: [ExprValue]) throws -> ExprValue {
        switch m {
        case "Hours": return .float(Double(d) / 3600e9)
        case "Minutes": return .float(Double(d) / 60e9)
        case "Seconds": return .float(Double(d) / 1e9)
        case "Milliseconds": return .int(Int(d / 1_000_000))
        case "Microseconds": return .int(Int(d / 1_000))
        case "Nanoseconds": return .int(Int(d))
        case "String": return .string(GoFormat.formatDuration(d))
        case "Abs": return .duration(d < 0 ? 0 &- d : d)
        default: throw ExprRuntimeError("type time.Duration has no method \(m)")
        }
    }
}

/// Argo's extra `{{= }}` functions (util/expr/env).
enum ArgoFunctions {
    static func call(_ name: String, _ a: [ExprValue]) throws -> ExprValue? {
        switch name {
        case "asInt":
            guard a.count == 1 else { throw ExprRuntimeError("not enough arguments to call asInt") }
            switch a[0] {
            case .int: return a[0]
            case .float, .byte: return .int(try ExprOps.toInt(a[0]))
            case .string(let s):
                guard let i = Int(s) else { throw ExprRuntimeError("invalid operation: int(\(s))") }
                return .int(i)
            default: throw ExprRuntimeError("invalid operation: int(\(a[0].goTypeName))")
            }
        case "asFloat":
            guard a.count == 1 else { throw ExprRuntimeError("not enough arguments to call asFloat") }
            if let d = a[0].asDouble { return .float(d) }
            if case .string(let s) = a[0], let d = ExprBuiltins.parseGoFloat(s) { return .float(d) }
            throw ExprRuntimeError("invalid operation: float(\(GoFormat.formatV(a[0])))")
        case "toJson":
            guard a.count == 1 else { throw ExprRuntimeError("not enough arguments to call toJson") }
            return .string(try GoFormat.toJSON(a[0], indent: false))
        case "jsonpath":
            throw ExprRuntimeError("jsonpath is not supported by this evaluator")
        default:
            return nil
        }
    }

    static func sprig(_ name: String, _ a: [ExprValue]) throws -> ExprValue {
        func s(_ i: Int) throws -> String { i < a.count ? GoFormat.formatV(a[i]) : "" }
        switch name {
        case "trim": return .string(ExprBuiltins.trimScalars(try s(0), isSpace))
        case "upper": return .string(try s(0).uppercased())
        case "lower": return .string(try s(0).lowercased())
        case "toString": return .string(try s(0))
        case "atoi": return .int(Int(try s(0)) ?? 0)
        case "int", "int64":
            if let f = a.first, let i = try? ExprOps.toInt(f) { return .int(i) }
            return .int(Int(try s(0)) ?? 0)
        case "float64":
            if let d = a.first?.asDouble { return .float(d) }
            return .float(Double(try s(0)) ?? 0)
        case "default":
            guard a.count == 2 else { throw ExprRuntimeError("wrong number of args for default") }
            let v = a[1]
            switch v {
            case .null: return a[0]
            case .string(let x) where x.isEmpty: return a[0]
            case .bool(false), .int(0): return a[0]
            default: return v
            }
        case "empty":
            guard let v = a.first else { return .bool(true) }
            switch v {
            case .null, .bool(false), .int(0): return .bool(true)
            case .string(let x): return .bool(x.isEmpty)
            case .array(let xs, _, _): return .bool(xs.isEmpty)
            case .map(let m, _): return .bool(m.isEmpty)
            default: return .bool(false)
            }
        case "contains": return .bool(ExprOps.bytesContain(Array(try s(1).utf8), Array(try s(0).utf8)))
        case "hasPrefix": return .bool(try s(1).hasPrefix(try s(0)))
        case "hasSuffix": return .bool(try s(1).hasSuffix(try s(0)))
        case "replace": return .string(ExprBuiltins.replaceGo(try s(2), try s(0), try s(1), -1))
        case "quote": return .string("\"" + (try s(0)) + "\"")
        case "squote": return .string("'" + (try s(0)) + "'")
        case "b64enc": return .string(Data(try s(0).utf8).base64EncodedString())
        case "b64dec": return .string(Data(base64Encoded: try s(0)).map { String(decoding: $0, as: UTF8.self) } ?? "")
        case "regexMatch":
            let re = try ExprRegex.compile(try s(0))
            let subject = try s(1)
            return .bool(re.firstMatch(in: subject, range: NSRange(location: 0, length: (subject as NSString).length)) != nil)
        default:
            throw ExprRuntimeError("sprig.\(name) is not supported by this evaluator")
        }
    }
}
