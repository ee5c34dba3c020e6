/// The type a scalar resolves to the way Kubernetes reads manifests: through
/// YAML 1.1 rules (sigs.k8s.io/yaml on go-yaml v2), so `yes`/`on`/`off` are
/// booleans and `0755` is an octal integer. Matters for string-typed fields,
/// where such values are silently rewritten ("yes" arrives as "true").
public enum ResolvedScalar: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string

    /// The text a string-typed Kubernetes field receives for this value (nil: unchanged).
    public func kubernetesStringForm(original: String) -> String? {
        switch self {
        case .string: return nil
        case .null: return nil
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .float(let d): return GoFloatFormat.shortest(d)
        }
    }
}

public enum ScalarResolver {
    static let trueWords: Set<String> = ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"]
    static let falseWords: Set<String> = ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"]
    static let nullWords: Set<String> = ["", "~", "null", "Null", "NULL"]

    public static func resolve(_ value: String, style: ScalarStyle, tag: String?) -> ResolvedScalar {
        if let tag, tag != "!" {
            switch tag {
            case "tag:yaml.org,2002:str": return .string
            case "tag:yaml.org,2002:null": return .null
            case "tag:yaml.org,2002:bool": return trueWords.contains(value) ? .bool(true) : .bool(false)
            case "tag:yaml.org,2002:int": return parseInt(value).map { .int($0) } ?? .string
            case "tag:yaml.org,2002:float": return parseFloat(value).map { .float($0) } ?? .string
            default: break
            }
        }
        guard style == .plain else { return .string }
        guard let first = value.utf8.first else { return .null }
        // Every special word is at most five bytes: longer text skips the set lookups
        // (this runs for most plain scalars of a document, and hashing is not free).
        let short = value.utf8.count <= 5
        if short && nullWords.contains(value) { return .null }
        switch first {
        case UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "n"), UInt8(ascii: "N"),
             UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"),
             UInt8(ascii: "o"), UInt8(ascii: "O"):
            guard short else { return .string }
            if trueWords.contains(value) { return .bool(true) }
            if falseWords.contains(value) { return .bool(false) }
            return .string
        case UInt8(ascii: "."):
            switch value {
            case ".inf", ".Inf", ".INF": return .float(.infinity)
            case ".nan", ".NaN", ".NAN": return .float(.nan)
            default: break
            }
            return parseFloat(value).map { .float($0) } ?? .string
        case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            switch value {
            case "-.inf", "-.Inf", "-.INF": return .float(-.infinity)
            case "+.inf", "+.Inf", "+.INF": return .float(.infinity)
            default: break
            }
            if let i = parseInt(value) { return .int(i) }
            if let d = parseFloat(value) { return .float(d) }
            return .string
        default:
            return .string
        }
    }

    /// go-yaml v2: underscores removed, then Go's base-prefix rules (0x, 0o, 0b, leading 0 = octal).
    static func parseInt(_ text: String) -> Int? {
        // On bytes: only ASCII can form an integer, and Character-wise filtering is slow.
        var s = ArraySlice(text.utf8.filter { $0 != UInt8(ascii: "_") })
        var negative = false
        if s.first == UInt8(ascii: "-") { negative = true; s = s.dropFirst() } else if s.first == UInt8(ascii: "+") { s = s.dropFirst() }
        guard !s.isEmpty else { return nil }
        var radix = 10
        if s.count > 1 && s.first == UInt8(ascii: "0") {
            switch s[s.startIndex + 1] {
            case UInt8(ascii: "x"), UInt8(ascii: "X"): radix = 16; s = s.dropFirst(2)
            case UInt8(ascii: "b"), UInt8(ascii: "B"): radix = 2; s = s.dropFirst(2)
            case UInt8(ascii: "o"), UInt8(ascii: "O"): radix = 8; s = s.dropFirst(2)
            default: radix = 8; s = s.dropFirst()
            }
        }
        guard !s.isEmpty, s.allSatisfy({ $0 < 0x80 }),
              let magnitude = Int(String(decoding: s, as: UTF8.self), radix: radix) else { return nil }
        return negative ? -magnitude : magnitude
    }

    /// YAML 1.1 float syntax as go-yaml v2 accepts it: `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`.
    static func parseFloat(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        var i = 0
        func digits() -> Int {
            let start = i
            while i < bytes.count && bytes[i] >= 48 && bytes[i] <= 57 { i += 1 }
            return i - start
        }
        if i < bytes.count && (bytes[i] == 43 || bytes[i] == 45) { i += 1 }
        if i < bytes.count && bytes[i] == 46 {
            i += 1
            guard digits() > 0 else { return nil }
        } else {
            guard digits() > 0 else { return nil }
            if i < bytes.count && bytes[i] == 46 { i += 1; _ = digits() }
        }
        if i < bytes.count && (bytes[i] == 101 || bytes[i] == 69) {
            i += 1
            if i < bytes.count && (bytes[i] == 43 || bytes[i] == 45) { i += 1 }
            guard digits() > 0 else { return nil }
        }
        guard i == bytes.count else { return nil }
        return Double(text)
    }
}

/// Go's `strconv.FormatFloat(f, 'g', -1, 64)`, which is how a float reaches a
/// string-typed Kubernetes field.
public enum GoFloatFormat {
    public static func shortest(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        if value == 0 { return value.sign == .minus ? "-0" : "0" }
        // Swift's description is the shortest round-tripping form; extract its digits and exponent.
        var text = "\(abs(value))"
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...]) ?? 0
            text = String(text[..<e])
        }
        var digits = text.filter { $0 != "." }
        let pointIndex = text.firstIndex(of: ".").map { text.distance(from: text.startIndex, to: $0) } ?? text.count
        var decimalPoint = pointIndex + exponent
        while digits.hasPrefix("0") && digits.count > 1 { digits.removeFirst(); decimalPoint -= 1 }
        while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
        let sign = value < 0 ? "-" : ""
        let exp = decimalPoint - 1
        // Go switches to exponent form below 1e-4 and, for the shortest format, from 1e6 up.
        if exp < -4 || exp >= 6 {
            var mantissa = String(digits.prefix(1))
            if digits.count > 1 { mantissa += "." + digits.dropFirst() }
            let expSign = exp < 0 ? "-" : "+"
            let expDigits = String(abs(exp))
            return sign + mantissa + "e" + expSign + (expDigits.count < 2 ? "0" + expDigits : expDigits)
        }
        if decimalPoint <= 0 {
            return sign + "0." + String(repeating: "0", count: -decimalPoint) + digits
        }
        if decimalPoint >= digits.count {
            return sign + digits + String(repeating: "0", count: decimalPoint - digits.count)
        }
        let idx = digits.index(digits.startIndex, offsetBy: decimalPoint)
        return sign + digits[..<idx] + "." + digits[idx...]
    }
}
