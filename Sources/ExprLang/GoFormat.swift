import Foundation

/// Go-compatible text renderings (`%v`, `strconv` floats, JSON, durations, times).
/// expr exposes these through `string()`, `toJSON()` and error messages.
enum GoFormat {
    /// Shortest round-trip decimal digits of |d| and the decimal-point position
    /// (value = 0.d1d2... × 10^dp), derived from Swift's shortest description.
    static func shortestDigits(_ d: Double) -> (digits: [UInt8], dp: Int) {
        let a = abs(d)
        if a == 0 { return ([], 0) }
        let text = "\(a)"
        var mantissa = Substring(text)
        var exp = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exp = Int(text[text.index(after: e)...]) ?? 0
        }
        var digits: [UInt8] = []
        var dp = 0
        var seenDot = false
        for ch in mantissa.utf8 {
            if ch == 0x2E { seenDot = true; continue }
            digits.append(ch - 0x30)
            if !seenDot { dp += 1 }
        }
        dp += exp
        while let f = digits.first, f == 0 { digits.removeFirst(); dp -= 1 }
        while let l = digits.last, l == 0 { digits.removeLast() }
        return (digits, dp)
    }

    static func digitString(_ ds: ArraySlice<UInt8>) -> String {
        String(decoding: ds.map { $0 + 0x30 }, as: UTF8.self)
    }

    static func formatE(_ neg: Bool, _ ds: [UInt8], _ dp: Int, cleanExponent: Bool) -> String {
        var s = neg ? "-" : ""
        let digits = ds.isEmpty ? [0] : ds
        s += digitString(digits[0..<1])
        if digits.count > 1 { s += "." + digitString(digits[1...]) }
        let exp = ds.isEmpty ? 0 : dp - 1
        s += "e" + (exp < 0 ? "-" : "+")
        let e = abs(exp)
        s += (e < 10 && !cleanExponent) ? "0\(e)" : "\(e)"
        return s
    }

    static func formatF(_ neg: Bool, _ ds: [UInt8], _ dp: Int) -> String {
        var s = neg ? "-" : ""
        if dp <= 0 {
            s += "0"
            if !ds.isEmpty { s += "." + String(repeating: "0", count: -dp) + digitString(ds[...]) }
        } else if dp >= ds.count {
            s += digitString(ds[...]) + String(repeating: "0", count: dp - ds.count)
        } else {
            s += digitString(ds[0..<dp]) + "." + digitString(ds[dp...])
        }
        return s
    }

    /// `strconv.FormatFloat(f, 'g', -1, 64)`, which is also what `%v` prints.
    static func formatG(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d > 0 ? "+Inf" : "-Inf" }
        let neg = d.sign == .minus
        let (ds, dp) = shortestDigits(d)
        if ds.isEmpty { return neg ? "-0" : "0" }
        // Shortest %g uses an exponent precision of 6.
        let exp = dp - 1
        if exp < -4 || exp >= 6 {
            return formatE(neg, ds, dp, cleanExponent: false)
        }
        return formatF(neg, ds, dp)
    }

    /// encoding/json's float text.
    static func formatJSONFloat(_ d: Double) -> String {
        let a = abs(d)
        let neg = d.sign == .minus && d != 0
        let (ds, dp) = shortestDigits(d)
        if ds.isEmpty { return "0" }
        if a < 1e-6 || a >= 1e21 { return formatE(neg, ds, dp, cleanExponent: true) }
        return formatF(neg, ds, dp)
    }

    // MARK: %v

    static func formatV(_ v: ExprValue) -> String {
        switch v {
        case .null: return "<nil>"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .float(let d): return formatG(d)
        case .byte(let b): return String(b)
        case .string(let s): return s
        case .bytes(let b, _): return "[" + b.map { String($0) }.joined(separator: " ") + "]"
        case .array(let xs, _, _): return "[" + xs.map(formatV).joined(separator: " ") + "]"
        case .map(let m, _):
            let keys = m.keys.sorted()
            return "map[" + keys.map { formatV($0.value) + ":" + formatV(m[$0] ?? .null) }.joined(separator: " ") + "]"
        case .duration(let n): return formatDuration(n)
        case .time(let t): return formatTimeV(t)
        case .location(let name): return name
        }
    }

    // MARK: durations

    static func fmtFrac(_ v: UInt64, _ prec: Int) -> (String, UInt64) {
        var v = v
        var digits = ""
        var printed = false
        for _ in 0..<prec {
            let d = v % 10
            printed = printed || d != 0
            if printed { digits = String(d) + digits }
            v /= 10
        }
        if printed { digits = "." + digits }
        return (digits, v)
    }

    static func formatDuration(_ d: Int64) -> String {
        if d == 0 { return "0s" }
        let neg = d < 0
        var u = d == Int64.min ? UInt64(Int64.max) + 1 : UInt64(abs(d))
        var out = ""
        if u < 1_000_000_000 {
            if u < 1_000 {
                out = "\(u)ns"
            } else if u < 1_000_000 {
                let (frac, w) = fmtFrac(u, 3)
                out = "\(w)\(frac)µs"
            } else {
                let (frac, w) = fmtFrac(u, 6)
                out = "\(w)\(frac)ms"
            }
        } else {
            let (frac, w) = fmtFrac(u, 9)
            u = w
            out = "\(u % 60)\(frac)s"
            u /= 60
            if u > 0 {
                out = "\(u % 60)m" + out
                u /= 60
                if u > 0 { out = "\(u)h" + out }
            }
        }
        return (neg ? "-" : "") + out
    }

    static func parseDuration(_ s: String) throws -> Int64 {
        let orig = s
        var chars = Array(s.unicodeScalars)
        var neg = false
        if let f = chars.first, f == "-" || f == "+" { neg = f == "-"; chars.removeFirst() }
        let invalid = ExprRuntimeError("time: invalid duration \(goQuote(orig))")
        if chars.count == 1 && chars[0] == "0" { return 0 }
        if chars.isEmpty { throw invalid }
        var total: Double = 0
        var i = 0
        while i < chars.count {
            var num = ""
            while i < chars.count, chars[i] == "." || (chars[i].value >= 0x30 && chars[i].value <= 0x39) {
                num.unicodeScalars.append(chars[i]); i += 1
            }
            guard !num.isEmpty, num != ".", let value = Double(num.hasPrefix(".") ? "0" + num : num) else { throw invalid }
            var unit = ""
            while i < chars.count, chars[i] != ".", !(chars[i].value >= 0x30 && chars[i].value <= 0x39) {
                unit.unicodeScalars.append(chars[i]); i += 1
            }
            let scale: Double
            switch unit {
            case "ns": scale = 1
            case "us", "µs", "μs": scale = 1e3
            case "ms": scale = 1e6
            case "s": scale = 1e9
            case "m": scale = 60e9
            case "h": scale = 3600e9
            case "": throw ExprRuntimeError("time: missing unit in duration \(goQuote(orig))")
            default: throw ExprRuntimeError("time: unknown unit \(goQuote(unit)) in duration \(goQuote(orig))")
            }
            total += value * scale
        }
        guard total < 9.3e18 else { throw invalid }
        return Int64((neg ? -total : total).rounded())
    }

    // MARK: times

    static func civil(_ t: ExprTime) -> (y: Int, mo: Int, d: Int, h: Int, mi: Int, s: Int) {
        let local = t.seconds + Int64(t.offset)
        var days = local >= 0 ? local / 86400 : (local - 86399) / 86400
        let secs = Int(local - days * 86400)
        // Civil-from-days (Howard Hinnant's algorithm).
        days += 719468
        let era = (days >= 0 ? days : days - 146096) / 146097
        let doe = days - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (Int(m <= 2 ? y + 1 : y), Int(m), Int(d), secs / 3600, (secs % 3600) / 60, secs % 60)
    }

    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int64 {
        let y = Int64(m <= 2 ? y0 - 1 : y0)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = Int64(m > 2 ? m - 3 : m + 9)
        let doy = (153 * mp + 2) / 5 + Int64(d) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func pad(_ v: Int, _ n: Int) -> String {
        let s = String(v)
        return s.count >= n ? s : String(repeating: "0", count: n - s.count) + s
    }

    static func offsetText(_ off: Int, colon: Bool) -> String {
        let sign = off < 0 ? "-" : "+"
        let a = abs(off)
        return sign + pad(a / 3600, 2) + (colon ? ":" : "") + pad((a % 3600) / 60, 2)
    }

    static func formatRFC3339Nano(_ t: ExprTime) -> String {
        let c = civil(t)
        var s = "\(pad(c.y, 4))-\(pad(c.mo, 2))-\(pad(c.d, 2))T\(pad(c.h, 2)):\(pad(c.mi, 2)):\(pad(c.s, 2))"
        if t.nanos != 0 {
            var frac = pad(t.nanos, 9)
            while frac.hasSuffix("0") { frac.removeLast() }
            s += "." + frac
        }
        s += t.offset == 0 ? "Z" : offsetText(t.offset, colon: true)
        return s
    }

    static func formatTimeV(_ t: ExprTime) -> String {
        let c = civil(t)
        var s = "\(pad(c.y, 4))-\(pad(c.mo, 2))-\(pad(c.d, 2)) \(pad(c.h, 2)):\(pad(c.mi, 2)):\(pad(c.s, 2))"
        if t.nanos != 0 {
            var frac = pad(t.nanos, 9)
            while frac.hasSuffix("0") { frac.removeLast() }
            s += "." + frac
        }
        return s + " " + offsetText(t.offset, colon: false) + " " + t.zone
    }

    /// Parses the layouts expr's `date()` tries when no layout is given
    /// (date, time, date-time, RFC 3339 with optional fraction and offset).
    static func parseDate(_ text: String) -> ExprTime? {
        let b = Array(text.utf8)
        var i = 0
        func num(_ n: Int) -> Int? {
            guard i + n <= b.count else { return nil }
            var v = 0
            for k in 0..<n {
                let c = b[i + k]
                guard c >= 0x30 && c <= 0x39 else { return nil }
                v = v * 10 + Int(c - 0x30)
            }
            i += n
            return v
        }
        func lit(_ c: UInt8) -> Bool {
            guard i < b.count, b[i] == c else { return false }
            i += 1
            return true
        }
        var y = 1970, mo = 1, d = 1, h = 0, mi = 0, s = 0, nanos = 0, off = 0
        var hasDate = false
        let save = i
        if let yy = num(4), lit(0x2D), let mm = num(2), lit(0x2D), let dd = num(2) {
            y = yy; mo = mm; d = dd; hasDate = true
        } else {
            i = save
            y = 0
        }
        if hasDate && i == b.count { return make(y, mo, d, 0, 0, 0, 0, 0) }
        if hasDate {
            guard i < b.count, b[i] == 0x54 || b[i] == 0x20 else { return nil }
            let rfc = b[i] == 0x54
            i += 1
            guard let hh = num(2), lit(0x3A), let m2 = num(2), lit(0x3A), let ss = num(2) else { return nil }
            h = hh; mi = m2; s = ss
            if rfc {
                if lit(0x2E) {
                    var digits = 0
                    var frac = 0
                    while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
                        if digits < 9 { frac = frac * 10 + Int(b[i] - 0x30); digits += 1 }
                        i += 1
                    }
                    guard digits > 0 else { return nil }
                    while digits < 9 { frac *= 10; digits += 1 }
                    nanos = frac
                }
                if lit(0x5A) {
                    off = 0
                } else if i < b.count, b[i] == 0x2B || b[i] == 0x2D {
                    let sign = b[i] == 0x2D ? -1 : 1
                    i += 1
                    guard let oh = num(2), lit(0x3A), let om = num(2) else { return nil }
                    off = sign * (oh * 3600 + om * 60)
                } else {
                    return nil
                }
            }
            guard i == b.count else { return nil }
            guard mo >= 1, mo <= 12, d >= 1, d <= 31, h < 24, mi < 60, s < 60 else { return nil }
            return make(y, mo, d, h, mi, s, nanos, off)
        }
        // "15:04:05": a clock time on Go's zero date (year 0, January 1).
        guard let hh = num(2), lit(0x3A), let m2 = num(2), lit(0x3A), let ss = num(2), i == b.count else { return nil }
        return make(0, 1, 1, hh, m2, ss, 0, 0)
    }

    static func make(_ y: Int, _ mo: Int, _ d: Int, _ h: Int, _ mi: Int, _ s: Int, _ nanos: Int, _ off: Int) -> ExprTime {
        let days = daysFromCivil(y, mo, d)
        let secs = days * 86400 + Int64(h * 3600 + mi * 60 + s) - Int64(off)
        return ExprTime(seconds: secs, nanos: nanos, offset: off, zone: off == 0 ? "UTC" : "")
    }

    // MARK: JSON

    static func toJSON(_ v: ExprValue, indent: Bool) throws -> String {
        var out = ""
        try writeJSON(v, indent: indent, level: 0, into: &out)
        return out
    }

    static func jsonString(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if u.value < 0x20 {
                    let h = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    static func writeJSON(_ v: ExprValue, indent: Bool, level: Int, into out: inout String) throws {
        let nl = indent ? "\n" + String(repeating: "  ", count: level + 1) : ""
        let close = indent ? "\n" + String(repeating: "  ", count: level) : ""
        switch v {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .byte(let b): out += String(b)
        case .float(let d):
            guard d.isFinite else { throw ExprRuntimeError("json: unsupported value: \(formatG(d))") }
            out += formatJSONFloat(d)
        case .string(let s): out += jsonString(s)
        case .bytes(let b, let isNil):
            out += isNil ? "null" : jsonString(Data(b).base64EncodedString())
        case .array(let xs, _, let isNil):
            if isNil { out += "null"; return }
            if xs.isEmpty { out += "[]"; return }
            out += "["
            for (i, x) in xs.enumerated() {
                if i > 0 { out += "," }
                out += nl
                try writeJSON(x, indent: indent, level: level + 1, into: &out)
            }
            out += close + "]"
        case .map(let m, _):
            if m.isEmpty { out += "{}"; return }
            out += "{"
            let keys = m.keys.map { (k: $0, text: formatV($0.value)) }.sorted { Array($0.text.utf8).lexicographicallyPrecedes(Array($1.text.utf8)) }
            for (i, k) in keys.enumerated() {
                if i > 0 { out += "," }
                out += nl + jsonString(k.text) + (indent ? ": " : ":")
                try writeJSON(m[k.k] ?? .null, indent: indent, level: level + 1, into: &out)
            }
            out += close + "}"
        case .duration(let n): out += String(n)
        case .time(let t): out += "\"" + formatRFC3339Nano(t) + "\""
        case .location: out += "{}"
        }
    }
}
