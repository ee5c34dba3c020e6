/// govaluate's grammar check: parenthesis balance, then a table of which
/// token kind may follow which (lexerState.go). The table is the whole
/// grammar upstream; the planner trusts it.
enum GovaluateSyntax {
    enum Failure: Sendable, Hashable {
        /// A `)` without `(` or a `(` never closed; `netImbalance` is what upstream detects.
        case unbalanced(range: Range<Int>, unmatchedClose: Bool, netImbalance: Bool)
        /// `next` may not follow `previous` (nil = start of expression).
        case transition(previous: GovaluateToken?, next: GovaluateToken, previousIndex: Int?, nextIndex: Int)
        /// The expression stops after a token that needs something after it (nil: no tokens).
        case unexpectedEnd(last: GovaluateToken?)

        /// The error text govaluate produces for this failure.
        var upstreamMessage: String {
            switch self {
            case .unbalanced: return "Unbalanced parenthesis"
            case .transition(let previous, let next, _, _):
                if let previous, previous.kind == .variable, next.kind == .clause {
                    return "Undefined function " + previous.text
                }
                let from = "\(previous?.kind.rawValue ?? "UNKNOWN") [\(previous?.goDisplay ?? "<nil>")]"
                let to = "\(next.kind.rawValue) [\(next.goDisplay)]"
                return "Cannot transition token types from \(from) to \(to)"
            case .unexpectedEnd: return "Unexpected end of expression"
            }
        }
    }

    static func checkBalance(_ tokens: [GovaluateToken]) -> Failure? {
        var open: [Range<Int>] = []
        var firstUnmatchedClose: Range<Int>?
        var depth = 0
        for token in tokens {
            if token.kind == .clause {
                open.append(token.range); depth += 1
            } else if token.kind == .clauseClose {
                depth -= 1
                if open.popLast() == nil, firstUnmatchedClose == nil { firstUnmatchedClose = token.range }
            }
        }
        if let close = firstUnmatchedClose {
            return .unbalanced(range: close, unmatchedClose: true, netImbalance: depth != 0)
        }
        if let unclosed = open.first {
            return .unbalanced(range: unclosed, unmatchedClose: false, netImbalance: true)
        }
        return nil
    }

    private static let operandKinds: Set<GovaluateTokenKind> = [.numeric, .boolean, .variable, .string, .time, .pattern]
    private static let valueFollowers: Set<GovaluateTokenKind> = [.modifier, .comparator, .logicalOp, .clauseClose, .ternary, .separator]

    /// Valid next kinds per state, transcribed from upstream's table.
    private static let validNext: [GovaluateTokenKind: Set<GovaluateTokenKind>] = [
        .unknown: [.prefix, .numeric, .boolean, .variable, .pattern, .function, .accessor, .string, .time, .clause],
        .clause: [.prefix, .numeric, .boolean, .variable, .pattern, .function, .accessor, .string, .time, .clause, .clauseClose],
        .clauseClose: [.comparator, .modifier, .numeric, .boolean, .variable, .string, .pattern, .time, .clause,
                       .clauseClose, .logicalOp, .ternary, .separator],
        .numeric: valueFollowers,
        .boolean: valueFollowers,
        .string: valueFollowers,
        .time: [.modifier, .comparator, .logicalOp, .clauseClose, .separator],
        .pattern: [.modifier, .comparator, .logicalOp, .clauseClose, .separator],
        .variable: valueFollowers,
        .modifier: [.prefix, .numeric, .variable, .function, .accessor, .string, .boolean, .clause, .clauseClose],
        .comparator: [.prefix, .numeric, .boolean, .variable, .function, .accessor, .string, .time, .clause, .clauseClose, .pattern],
        .logicalOp: [.prefix, .numeric, .boolean, .variable, .function, .accessor, .string, .time, .clause, .clauseClose],
        .prefix: [.numeric, .boolean, .variable, .function, .accessor, .clause, .clauseClose],
        .ternary: [.prefix, .numeric, .boolean, .string, .time, .variable, .function, .accessor, .clause, .separator],
        .function: [.clause],
        .accessor: [.clause, .modifier, .comparator, .logicalOp, .clauseClose, .ternary, .separator],
        .separator: [.prefix, .numeric, .boolean, .string, .time, .variable, .function, .accessor, .clause],
    ]

    private static let endStates: Set<GovaluateTokenKind> = [
        .clauseClose, .numeric, .boolean, .string, .time, .pattern, .variable, .accessor, .placeholder,
    ]

    /// `wordsAsStrings` replays Argo's second pass, where every bare word has
    /// become a string literal (which, for instance, `!` may not precede).
    static func checkTransitions(_ tokens: [GovaluateToken], wordsAsStrings: Bool) -> Failure? {
        var state: GovaluateTokenKind = .unknown
        var previousIndex: Int?
        for (index, token) in tokens.enumerated() {
            var kind = token.kind
            if wordsAsStrings, kind == .variable { kind = .string }
            let allowed = validNext[state == .placeholder ? .variable : state] ?? []
            let ok: Bool
            if kind == .placeholder {
                // The substituted value may be a number, bool, word or string.
                ok = !allowed.isDisjoint(with: operandKinds)
            } else {
                ok = allowed.contains(kind)
            }
            if !ok {
                return .transition(previous: previousIndex.map { tokens[$0] }, next: token,
                                   previousIndex: previousIndex, nextIndex: index)
            }
            state = kind
            previousIndex = index
        }
        if !endStates.contains(state) {
            return .unexpectedEnd(last: previousIndex.map { tokens[$0] })
        }
        return nil
    }
}
