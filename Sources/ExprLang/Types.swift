/// Static types of the checker. `.any` is "unknown": every check that could
/// succeed for some type passes, as upstream does for `interface{}`.
public indirect enum ExprType: Sendable, Equatable, CustomStringConvertible {
    case any
    case null
    case bool
    case int
    case float
    case string
    case bytes
    case array(ExprType)
    case map(key: ExprType, value: ExprType)
    case record(ExprRecord)
    case duration
    case time
    case function(ExprFunctionSignature?)

    /// An HTTP header value list (`http.Header` values are `[]string`).
    public static let headerList: ExprType = .array(.string)

    public var description: String {
        switch self {
        case .any: return "any"
        case .null: return "nil"
        case .bool: return "bool"
        case .int: return "int"
        case .float: return "float"
        case .string: return "string"
        case .bytes: return "bytes"
        case .array(let e): return "[]\(e)"
        case .map(let k, let v): return "map[\(k)]\(v)"
        case .record(let r): return r.name ?? "object"
        case .duration: return "duration"
        case .time: return "time"
        case .function: return "function"
        }
    }

    var isAny: Bool { self == .any }
    var isNumber: Bool { self == .int || self == .float }
    var isArray: Bool { if case .array = self { return true }; return false }
    var isMapLike: Bool {
        switch self {
        case .map, .record: return true
        default: return false
        }
    }
    var elementType: ExprType {
        switch self {
        case .array(let e): return e
        case .bytes: return .int
        default: return .any
        }
    }
}

/// A record: an object with known fields. A closed record rejects other
/// member names; an open one types unknown members as `.any`.
public struct ExprRecord: Sendable, Equatable {
    public var fields: [String: ExprType]
    public var closed: Bool
    public var name: String?

    public init(fields: [String: ExprType], closed: Bool = true, name: String? = nil) {
        self.fields = fields
        self.closed = closed
        self.name = name
    }
}

/// Signature of an environment function (Argo extras, sprig members).
public struct ExprFunctionSignature: Sendable, Equatable {
    public var name: String
    public var minArgs: Int
    /// nil = variadic.
    public var maxArgs: Int?
    public var parameters: [ExprType]
    public var result: ExprType

    public init(name: String, minArgs: Int, maxArgs: Int?, parameters: [ExprType] = [], result: ExprType) {
        self.name = name
        self.minArgs = minArgs
        self.maxArgs = maxArgs
        self.parameters = parameters
        self.result = result
    }
}
