/// The dynamic values govaluate works with (Go's float64, string, bool,
/// []interface{}, compiled pattern, nil).
enum GovaluateValue: Sendable, Hashable {
    case number(Double)
    case string(String)
    case bool(Bool)
    case array([GovaluateValue])
    /// A regular expression compiled at parse time from a literal right of `=~`.
    case pattern(String)
    case null

    /// Go `%v`.
    var goDisplay: String {
        switch self {
        case .number(let value): return GoFormat.float(value)
        case .string(let value): return value
        case .bool(let value): return value ? "true" : "false"
        case .array(let values): return "[" + values.map(\.goDisplay).joined(separator: " ") + "]"
        case .pattern(let source): return source
        case .null: return "<nil>"
        }
    }

    var isString: Bool { if case .string = self { return true } else { return false } }
    var isNumber: Bool { if case .number = self { return true } else { return false } }
    var isBool: Bool { if case .bool = self { return true } else { return false } }

    /// `reflect.DeepEqual` on these values: same type and same contents
    /// (NaN is never equal, as in Go).
    func deepEquals(_ other: GovaluateValue) -> Bool {
        switch (self, other) {
        case (.number(let a), .number(let b)): return a == b
        case (.string(let a), .string(let b)): return a.utf8.elementsEqual(b.utf8)
        case (.bool(let a), .bool(let b)): return a == b
        case (.null, .null): return true
        case (.pattern(let a), .pattern(let b)): return a == b
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.deepEquals($1) }
        default: return false
        }
    }
}
