public enum ExprDiagnosticKind: String, Sendable, Equatable {
    case syntax
    case type
    case unknownName
}

/// Replace `range` (UTF-8 offsets in the expression source) with `replacement`.
public struct ExprEdit: Sendable, Equatable {
    public var range: Range<Int>
    public var replacement: String
    public init(range: Range<Int>, replacement: String) {
        self.range = range
        self.replacement = replacement
    }
}

/// A machine-applicable fix. Edits of all fixes reported for one expression
/// never overlap; an insertion may sit at the start of another edit's range
/// and is then placed before that edit's replacement (see `apply`).
public struct ExprFix: Sendable, Equatable {
    public var description: String
    public var edits: [ExprEdit]
    public init(description: String, edits: [ExprEdit]) {
        self.description = description
        self.edits = edits
    }

    /// Applies several fixes to `source` at once.
    public static func apply(_ fixes: [ExprFix], to source: String) -> String {
        var bytes = Array(source.utf8)
        let edits = fixes.flatMap(\.edits).sorted {
            // Back to front; at one offset the wider edit goes first so that an
            // insertion at its start ends up in front of its replacement.
            $0.range.lowerBound != $1.range.lowerBound ? $0.range.lowerBound > $1.range.lowerBound : $0.range.upperBound > $1.range.upperBound
        }
        for e in edits where e.range.lowerBound >= 0 && e.range.upperBound <= bytes.count {
            bytes.replaceSubrange(e.range, with: Array(e.replacement.utf8))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    public func apply(to source: String) -> String { Self.apply([self], to: source) }
}

public struct ExprDiagnostic: Sendable, Equatable, CustomStringConvertible {
    public var kind: ExprDiagnosticKind
    public var message: String
    /// UTF-8 byte range in the expression source.
    public var range: Range<Int>
    public var fix: ExprFix?

    public init(kind: ExprDiagnosticKind, message: String, range: Range<Int>, fix: ExprFix? = nil) {
        self.kind = kind
        self.message = message
        self.range = range
        self.fix = fix
    }

    public var description: String { "\(kind.rawValue) \(range): \(message)" }
}

/// Entry point used by the rest of argolint.
public enum ExprLint {
    public static func check(source: String, environment: ExprEnvironment, requireBool: Bool) -> [ExprDiagnostic] {
        switch ExprParser.parse(source) {
        case .failure(let e):
            return [ExprDiagnostic(kind: .syntax, message: e.message, range: e.range)]
        case .success(let root):
            return ExprChecker.check(root, source: source, environment: environment, requireBool: requireBool)
        }
    }
}
