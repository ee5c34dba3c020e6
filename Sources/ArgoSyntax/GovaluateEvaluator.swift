import Foundation

/// Evaluates a `GovaluateNode` with no parameters, with upstream's type
/// checks, short-circuit rules and error texts (evaluationStage.go).
enum GovaluateEvaluator {
    struct Failure: Error, Sendable, Hashable {
        var message: String
        var range: Range<Int>
    }

    private static let logicalFormat = "Value '%@' cannot be used with the logical operator '%@', it is not a bool"
    private static let modifierFormat = "Value '%@' cannot be used with the modifier '%@', it is not a number"
    private static let comparatorFormat = "Value '%@' cannot be used with the comparator '%@', it is not a number"
    private static let ternaryFormat = "Value '%@' cannot be used with the ternary operator '%@', it is not a bool"
    private static let prefixFormat = "Value '%@' cannot be used with the prefix '%@'"

    private static func format(_ template: String, _ value: GovaluateValue, _ symbol: String) -> String {
        // Upstream prints `==` as `=` in messages; nothing else is renamed.
        let shown = symbol == "==" ? "=" : symbol
        return template.replacingOccurrences(of: "%@", with: "\u{0}")
            .split(separator: "\u{0}", omittingEmptySubsequences: false)
            .enumerated()
            .map { index, part in index == 0 ? String(part) : (index == 1 ? value.goDisplay : shown) + part }
            .joined()
    }

    static func evaluate(_ node: GovaluateNode?) -> Result<GovaluateValue, Failure> {
        guard let node else { return .success(.null) }
        do {
            return .success(try value(of: node))
        } catch {
            return .failure(error)
        }
    }

    private static func value(of node: GovaluateNode) throws(Failure) -> GovaluateValue {
        switch node.kind {
        case .number(let number), .time(let number): return .number(number)
        case .boolean(let bool): return .bool(bool)
        case .string(let text, _): return .string(text)
        case .templatedString, .placeholder:
            throw Failure(message: "unsubstituted template tag", range: node.range)
        case .accessor(let parts, _):
            throw Failure(message: "No parameter '\(parts.first ?? "")' found.", range: node.range)
        case .missing: return .null
        case .group(let inner):
            guard let inner else { return .null }
            return try value(of: inner)
        case .prefix(let op, let operand):
            let right = try value(of: operand)
            switch op {
            case "-":
                guard case .number(let number) = right else { throw typeError(prefixFormat, right, op, node) }
                return .number(-number)
            case "!":
                guard case .bool(let bool) = right else { throw typeError(prefixFormat, right, op, node) }
                return .bool(!bool)
            default:
                guard case .number(let number) = right else { throw typeError(prefixFormat, right, op, node) }
                return .number(Double(~goInt64(number)))
            }
        case .binary(let op, let leftNode, let rightNode):
            return try binary(op, leftNode, rightNode, node)
        }
    }

    private static func typeError(_ template: String, _ value: GovaluateValue, _ op: String, _ node: GovaluateNode) -> Failure {
        Failure(message: format(template, value, op), range: node.range)
    }

    private static func binary(
        _ op: String, _ leftNode: GovaluateNode, _ rightNode: GovaluateNode, _ node: GovaluateNode
    ) throws(Failure) -> GovaluateValue {
        let left = try value(of: leftNode)
        // Short circuits happen before any type check, exactly as upstream.
        switch op {
        case "&&": if case .bool(false) = left { return .bool(false) }
        case "||": if case .bool(true) = left { return .bool(true) }
        case "?":
            if case .bool(false) = left { return .null }
        case ":", "??":
            if left != .null { return left }
        default: break
        }
        let right: GovaluateValue
        if op == "=~" || op == "!~", case .string(let text, _) = rightNode.kind {
            right = .pattern(text)
        } else {
            right = try value(of: rightNode)
        }

        switch op {
        case "&&", "||":
            guard case .bool(let a) = left else { throw typeError(logicalFormat, left, op, node) }
            guard case .bool(let b) = right else { throw typeError(logicalFormat, right, op, node) }
            return .bool(op == "&&" ? a && b : a || b)
        case "?":
            guard case .bool = left else { throw typeError(ternaryFormat, left, op, node) }
            return right
        case ":", "??":
            return right
        case ",":
            if case .array(let values) = left { return .array(values + [right]) }
            return .array([left, right])
        case "==": return .bool(left.deepEquals(right))
        case "!=": return .bool(!left.deepEquals(right))
        case ">", ">=", "<", "<=":
            switch (left, right) {
            case (.number(let a), .number(let b)):
                return .bool(op == ">" ? a > b : op == ">=" ? a >= b : op == "<" ? a < b : a <= b)
            case (.string(let a), .string(let b)):
                // Go compares strings byte-wise.
                let less = a.utf8.lexicographicallyPrecedes(b.utf8)
                let equal = a.utf8.elementsEqual(b.utf8)
                switch op {
                case ">": return .bool(!less && !equal)
                case ">=": return .bool(!less)
                case "<": return .bool(less)
                default: return .bool(less || equal)
                }
            default:
                throw typeError(comparatorFormat, left, op, node)
            }
        case "=~", "!~":
            guard case .string(let subject) = left else { throw typeError(comparatorFormat, left, op, node) }
            let pattern: String
            switch right {
            case .string(let text), .pattern(let text): pattern = text
            default: throw typeError(comparatorFormat, right, op, node)
            }
            switch GoRegex.matches(pattern, subject) {
            case .success(let matched): return .bool(op == "=~" ? matched : !matched)
            case .failure(let error):
                throw Failure(message: "Unable to compile regexp pattern '\(pattern)': \(error.message)", range: rightNode.range)
            }
        case "in":
            guard case .array(let values) = right else { throw typeError(comparatorFormat, right, op, node) }
            // Go's interface `==`: same dynamic type and equal value.
            return .bool(values.contains { candidate in
                switch (left, candidate) {
                case (.array, _), (_, .array): return false
                default: return left.deepEquals(candidate)
                }
            })
        case "+":
            if case .number(let a) = left, case .number(let b) = right { return .number(a + b) }
            guard left.isString || right.isString else { throw typeError(modifierFormat, left, op, node) }
            return .string(left.goDisplay + right.goDisplay)
        default:
            guard case .number(let a) = left else { throw typeError(modifierFormat, left, op, node) }
            guard case .number(let b) = right else { throw typeError(modifierFormat, right, op, node) }
            switch op {
            case "-": return .number(a - b)
            case "*": return .number(a * b)
            case "/": return .number(a / b)
            case "%": return .number(fmod(a, b))
            case "**": return .number(pow(a, b))
            case "&": return .number(Double(goInt64(a) & goInt64(b)))
            case "|": return .number(Double(goInt64(a) | goInt64(b)))
            case "^": return .number(Double(goInt64(a) ^ goInt64(b)))
            case "<<":
                let shift = goUInt64(b)
                return .number(Double(shift >= 64 ? 0 : goUInt64(a) << shift))
            case ">>":
                let shift = goUInt64(b)
                return .number(Double(shift >= 64 ? 0 : goUInt64(a) >> shift))
            default:
                throw Failure(message: "unknown operator '\(op)'", range: node.operatorRange ?? node.range)
            }
        }
    }

    /// Go's float64 → int64 conversion as it behaves on amd64 (out of range → MinInt64).
    static func goInt64(_ value: Double) -> Int64 {
        guard value.isFinite, value >= -9.223372036854775808e18, value < 9.223372036854775808e18 else { return .min }
        return Int64(value)
    }

    static func goUInt64(_ value: Double) -> UInt64 {
        guard value.isFinite else { return 1 << 63 }
        if value < 0 { return UInt64(bitPattern: goInt64(value)) }
        if value >= 1.8446744073709552e19 { return 1 << 63 }
        return UInt64(value)
    }
}
