import Foundation

/// Which Go slice type an array value stands for. The distinction is visible
/// to users through `type`, `%v` printing and comparisons, so we keep it.
public enum ExprArrayKind: Sendable, Equatable {
    case any        // []interface {}
    case string     // []string (e.g. an HTTP header value list)
    case int        // []int (a range)
    case pair       // [][2]interface {} (toPairs)
}

public enum ExprMapKind: Sendable, Equatable {
    case stringAny  // map[string]interface {}
    case header     // http.Header = map[string][]string
    case anyArray   // map[interface {}][]interface {} (groupBy)
    case anyAny     // map[interface {}]interface {} (fromPairs)
}

/// A hashable map key (Go interface keys keep int and float distinct).
public enum ExprKey: Hashable, Sendable, Comparable {
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    case byte(UInt8)
    case string(String)

    public var value: ExprValue {
        switch self {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .float(let d): return .float(d)
        case .byte(let b): return .byte(b)
        case .string(let s): return .string(s)
        }
    }

    public static func < (a: ExprKey, b: ExprKey) -> Bool {
        // Go's fmt sorts map keys: numbers numerically, strings byte-wise.
        switch (a, b) {
        case (.string(let x), .string(let y)): return Array(x.utf8).lexicographicallyPrecedes(Array(y.utf8))
        case (.int(let x), .int(let y)): return x < y
        case (.float(let x), .float(let y)): return x < y
        default: return a.rank < b.rank
        }
    }

    var rank: Int {
        switch self {
        case .null: return 0
        case .bool: return 1
        case .int: return 2
        case .byte: return 3
        case .float: return 4
        case .string: return 5
        }
    }
}

/// A point in time: seconds + nanoseconds since the Unix epoch, and the UTC
/// offset it is displayed in.
public struct ExprTime: Sendable, Equatable {
    public var seconds: Int64
    public var nanos: Int
    public var offset: Int
    public var zone: String

    public init(seconds: Int64, nanos: Int = 0, offset: Int = 0, zone: String = "UTC") {
        self.seconds = seconds
        self.nanos = nanos
        self.offset = offset
        self.zone = zone
    }

    var totalNanos: Double { Double(seconds) * 1e9 + Double(nanos) }
}

/// A run-time value with Go's dynamic-type distinctions (int vs float64,
/// byte from string indexing, typed nil slices, header maps, ...).
public indirect enum ExprValue: Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    case byte(UInt8)
    case string(String)
    case bytes([UInt8], isNil: Bool)
    case array([ExprValue], kind: ExprArrayKind, isNil: Bool)
    case map([ExprKey: ExprValue], kind: ExprMapKind)
    case duration(Int64)
    case time(ExprTime)
    case location(String)

    public static func array(_ xs: [ExprValue]) -> ExprValue { .array(xs, kind: .any, isNil: false) }
    public static func stringList(_ xs: [String]) -> ExprValue { .array(xs.map { .string($0) }, kind: .string, isNil: false) }
    public static func object(_ d: [String: ExprValue]) -> ExprValue {
        var m: [ExprKey: ExprValue] = [:]
        for (k, v) in d { m[.string(k)] = v }
        return .map(m, kind: .stringAny)
    }
    public static func header(_ d: [String: [String]]) -> ExprValue {
        var m: [ExprKey: ExprValue] = [:]
        for (k, v) in d { m[.string(k)] = .stringList(v) }
        return .map(m, kind: .header)
    }

    /// Go's `%T` name, as recorded by the conformance oracle.
    public var goTypeName: String {
        switch self {
        case .null: return "nil"
        case .bool: return "bool"
        case .int: return "int"
        case .float: return "float64"
        case .byte: return "uint8"
        case .string: return "string"
        case .bytes: return "[]uint8"
        case .array(_, let k, _):
            switch k {
            case .any: return "[]interface {}"
            case .string: return "[]string"
            case .int: return "[]int"
            case .pair: return "[][2]interface {}"
            }
        case .map(_, let k):
            switch k {
            case .stringAny: return "map[string]interface {}"
            case .header: return "http.Header"
            case .anyArray: return "map[interface {}][]interface {}"
            case .anyAny: return "map[interface {}]interface {}"
            }
        case .duration: return "time.Duration"
        case .time: return "time.Time"
        case .location: return "*time.Location"
        }
    }

    /// Go's `reflect.Kind`-style name used in a few messages.
    var goKindName: String {
        switch self {
        case .null: return "invalid"
        case .bool: return "bool"
        case .int: return "int"
        case .float: return "float64"
        case .byte: return "uint8"
        case .string: return "string"
        case .bytes, .array: return "slice"
        case .map: return "map"
        case .duration: return "int64"
        case .time: return "struct"
        case .location: return "ptr"
        }
    }

    /// expr's run-time nil test: nil, or a nil slice/map held in an interface.
    public var isNil: Bool {
        switch self {
        case .null: return true
        case .bytes(_, let n): return n
        case .array(_, _, let n): return n
        default: return false
        }
    }

    var key: ExprKey? {
        switch self {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .float(let d): return .float(d)
        case .byte(let b): return .byte(b)
        case .string(let s): return .string(s)
        default: return nil
        }
    }

    var isNumber: Bool {
        switch self {
        case .int, .float, .byte: return true
        default: return false
        }
    }

    var asDouble: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .float(let d): return d
        case .byte(let b): return Double(b)
        default: return nil
        }
    }

    /// Elements of any slice-like value (arrays and byte slices).
    var elements: [ExprValue]? {
        switch self {
        case .array(let xs, _, _): return xs
        case .bytes(let b, _): return b.map { .byte($0) }
        default: return nil
        }
    }
}

// MARK: building values from decoded JSON

extension ExprValue {
    /// Converts `JSONSerialization` output (or plain Swift values) to a value with
    /// Go's `encoding/json` typing: every number is a float64, objects are
    /// `map[string]interface {}`. Pass `integersAsInt` to keep integral numbers as int.
    public static func fromJSON(_ any: Any?, integersAsInt: Bool = false) -> ExprValue {
        guard let any else { return .null }
        if any is NSNull { return .null }
        if let v = any as? ExprValue { return v }
        if type(of: any) == Bool.self, let b = any as? Bool { return .bool(b) }
        if type(of: any) == Int.self, let i = any as? Int { return integersAsInt ? .int(i) : .float(Double(i)) }
        if type(of: any) == Double.self, let d = any as? Double { return .float(d) }
        if let s = any as? String { return .string(s) }
        if let n = any as? NSNumber {
            let t = String(cString: n.objCType)
            if t == "c" || t == "B" { return .bool(n.boolValue) }
            let d = n.doubleValue
            if integersAsInt, d == d.rounded(), abs(d) < 9.0e15 { return .int(Int(d)) }
            return .float(d)
        }
        if let a = any as? [Any?] { return .array(a.map { fromJSON($0, integersAsInt: integersAsInt) }) }
        if let a = any as? [Any] { return .array(a.map { fromJSON($0, integersAsInt: integersAsInt) }) }
        if let d = any as? [String: Any?] {
            var m: [ExprKey: ExprValue] = [:]
            for (k, v) in d { m[.string(k)] = fromJSON(v, integersAsInt: integersAsInt) }
            return .map(m, kind: .stringAny)
        }
        if let d = any as? [String: Any] {
            var m: [ExprKey: ExprValue] = [:]
            for (k, v) in d { m[.string(k)] = fromJSON(v, integersAsInt: integersAsInt) }
            return .map(m, kind: .stringAny)
        }
        return .string("\(any)")
    }

    /// Parses JSON text with Go `encoding/json` semantics (numbers → float64).
    public static func parseJSON(_ text: String) throws -> ExprValue {
        var p = JSONReader(bytes: Array(text.utf8))
        return try p.parseDocument()
    }
}

/// A small strict JSON reader that mirrors Go's accept/reject decisions.
struct JSONReader {
    let bytes: [UInt8]
    var i = 0

    struct Failure: Error { var message: String }

    mutating func parseDocument() throws -> ExprValue {
        skipWS()
        if i >= bytes.count { throw ExprRuntimeError("unexpected end of JSON input") }
        let v = try parseValue()
        skipWS()
        if i < bytes.count { throw ExprRuntimeError("invalid character \(charDesc(bytes[i])) after top-level value") }
        return v
    }

    func charDesc(_ b: UInt8) -> String {
        if b == 0x27 { return "'\\''" }
        if b == 0x22 { return "'\"'" }
        if b >= 0x20 && b < 0x7f { return "'\(Character(Unicode.Scalar(b)))'" }
        return "'\\x\(String(b, radix: 16))'"
    }

    mutating func skipWS() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
    }

    func eof() -> ExprRuntimeError { ExprRuntimeError("unexpected end of JSON input") }

    mutating func parseValue() throws -> ExprValue {
        skipWS()
        guard i < bytes.count else { throw eof() }
        let c = bytes[i]
        switch c {
        case 0x7B:
            i += 1
            var m: [ExprKey: ExprValue] = [:]
            skipWS()
            if i < bytes.count, bytes[i] == 0x7D { i += 1; return .map(m, kind: .stringAny) }
            while true {
                skipWS()
                guard i < bytes.count else { throw eof() }
                guard bytes[i] == 0x22 else { throw ExprRuntimeError("invalid character \(charDesc(bytes[i])) looking for beginning of object key string") }
                let k = try parseString()
                skipWS()
                guard i < bytes.count else { throw eof() }
                guard bytes[i] == 0x3A else { throw ExprRuntimeError("invalid character \(charDesc(bytes[i])) after object key") }
                i += 1
                m[.string(k)] = try parseValue()
                skipWS()
                guard i < bytes.count else { throw eof() }
                if bytes[i] == 0x2C { i += 1; continue }
                if bytes[i] == 0x7D { i += 1; return .map(m, kind: .stringAny) }
                throw ExprRuntimeError("invalid character \(charDesc(bytes[i])) after object key:value pair")
            }
        case 0x5B:
            i += 1
            var xs: [ExprValue] = []
            skipWS()
            if i < bytes.count, bytes[i] == 0x5D { i += 1; return .array(xs) }
            while true {
                xs.append(try parseValue())
                skipWS()
                guard i < bytes.count else { throw eof() }
                if bytes[i] == 0x2C { i += 1; continue }
                if bytes[i] == 0x5D { i += 1; return .array(xs) }
                throw ExprRuntimeError("invalid character \(charDesc(bytes[i])) after array element")
            }
        case 0x22:
            return .string(try parseString())
        case 0x74: try literal("true"); return .bool(true)
        case 0x66: try literal("false"); return .bool(false)
        case 0x6E: try literal("null"); return .null
        case 0x2D, 0x30...0x39:
            return try parseNumber()
        default:
            throw ExprRuntimeError("invalid character \(charDesc(c)) looking for beginning of value")
        }
    }

    mutating func literal(_ word: String) throws {
        for b in word.utf8 {
            guard i < bytes.count else { throw eof() }
            guard bytes[i] == b else { throw ExprRuntimeError("invalid character \(charDesc(bytes[i])) in literal \(word) (expecting '\(Character(Unicode.Scalar(b)))')") }
            i += 1
        }
    }

    mutating func parseNumber() throws -> ExprValue {
        let start = i
        if bytes[i] == 0x2D { i += 1 }
        guard i < bytes.count else { throw eof() }
        func digits() -> Int { let s = i; while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }; return i - s }
        if bytes[i] == 0x30 { i += 1 } else {
            guard bytes[i] >= 0x31 && bytes[i] <= 0x39 else { throw ExprRuntimeError("invalid character \(charDesc(bytes[i])) in numeric literal") }
            _ = digits()
        }
        if i < bytes.count, bytes[i] == 0x2E {
            i += 1
            guard i < bytes.count else { throw eof() }
            if digits() == 0 { throw ExprRuntimeError("invalid character \(charDesc(bytes[i])) after decimal point in numeric literal") }
        }
        if i < bytes.count, bytes[i] == 0x65 || bytes[i] == 0x45 {
            i += 1
            if i < bytes.count, bytes[i] == 0x2B || bytes[i] == 0x2D { i += 1 }
            guard i < bytes.count else { throw eof() }
            if digits() == 0 { throw ExprRuntimeError("invalid character \(charDesc(bytes[i])) in exponent of numeric literal") }
        }
        let text = String(decoding: bytes[start..<i], as: UTF8.self)
        guard let d = Double(text), d.isFinite else {
            throw ExprRuntimeError("json: cannot unmarshal number \(text) into Go value of type float64")
        }
        return .float(d)
    }

    mutating func parseString() throws -> String {
        i += 1
        var out: [UInt8] = []
        while true {
            guard i < bytes.count else { throw eof() }
            let c = bytes[i]
            if c == 0x22 { i += 1; break }
            if c < 0x20 { throw ExprRuntimeError("invalid character \(charDesc(c)) in string literal") }
            if c == 0x5C {
                i += 1
                guard i < bytes.count else { throw eof() }
                let e = bytes[i]
                i += 1
                switch e {
                case 0x22, 0x5C, 0x2F: out.append(e)
                case 0x62: out.append(0x08)
                case 0x66: out.append(0x0C)
                case 0x6E: out.append(0x0A)
                case 0x72: out.append(0x0D)
                case 0x74: out.append(0x09)
                case 0x75:
                    var v = try hex4()
                    if v >= 0xD800 && v < 0xDC00 {
                        if i + 1 < bytes.count, bytes[i] == 0x5C, bytes[i + 1] == 0x75 {
                            let save = i
                            i += 2
                            let lo = try hex4()
                            if lo >= 0xDC00 && lo < 0xE000 {
                                v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00)
                            } else {
                                i = save
                                v = 0xFFFD
                            }
                        } else {
                            v = 0xFFFD
                        }
                    } else if v >= 0xDC00 && v < 0xE000 {
                        v = 0xFFFD
                    }
                    out.append(contentsOf: Array(String(Character(Unicode.Scalar(v) ?? "\u{FFFD}")).utf8))
                default:
                    throw ExprRuntimeError("invalid character \(charDesc(e)) in string escape code")
                }
                continue
            }
            out.append(c)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    mutating func hex4() throws -> UInt32 {
        guard i + 4 <= bytes.count else { throw eof() }
        var v: UInt32 = 0
        for k in 0..<4 {
            guard let h = hexValue(bytes[i + k]) else { throw ExprRuntimeError("invalid character \(charDesc(bytes[i + k])) in \\u hexadecimal character escape") }
            v = v << 4 | h
        }
        i += 4
        return v
    }
}
