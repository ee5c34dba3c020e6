import Foundation

/// Token kinds of the expr language. Word operators (`and`, `in`, `not`, ...) are
/// `.op` tokens, while `true`, `false` and `nil` stay identifiers: upstream decides
/// their meaning in the parser, which is why `true.x` is a syntax error.
public enum ExprTokenKind: String, Sendable, Equatable {
    case identifier
    case number
    case string
    case bytes
    case op
    case bracket
    case eof
}

/// One token. `value` is the decoded text for strings, the raw text otherwise.
/// `range` is a UTF-8 byte range into the expression source.
public struct ExprToken: Sendable, Equatable {
    public var kind: ExprTokenKind
    public var value: String
    /// Raw bytes of a `b"..."` literal (escapes resolved); nil for other kinds.
    public var bytes: [UInt8]?
    public var range: Range<Int>

    public init(kind: ExprTokenKind, value: String, bytes: [UInt8]? = nil, range: Range<Int>) {
        self.kind = kind
        self.value = value
        self.bytes = bytes
        self.range = range
    }

    func `is`(_ kind: ExprTokenKind, _ value: String? = nil) -> Bool {
        self.kind == kind && (value == nil || self.value == value)
    }

    /// Upstream-style rendering used in "unexpected token" messages.
    var upstreamDescription: String {
        switch kind {
        case .eof: return "EOF"
        case .identifier: return "Identifier(\(goQuote(value)))"
        case .number: return "Number(\(goQuote(value)))"
        case .string: return "String(\(goQuote(value)))"
        case .bytes: return "Bytes(\(goQuote(value)))"
        case .op: return "Operator(\(goQuote(value)))"
        case .bracket: return "Bracket(\(goQuote(value)))"
        }
    }
}

/// A lexing or parsing failure. `range` is in UTF-8 bytes of the source.
public struct ExprSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var range: Range<Int>
    public init(message: String, range: Range<Int>) {
        self.message = message
        self.range = range
    }
    public var description: String { message }
}

/// Go's `%q` for the simple cases our messages need.
func goQuote(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
        switch u {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        case "\r": out += "\\r"
        default:
            if u.value < 0x20 || u.value == 0x7f {
                out += String(format: "\\x%02x", u.value)
            } else {
                out.unicodeScalars.append(u)
            }
        }
    }
    return out + "\""
}
