/// One `TASK` or `TASK.RESULT` operand of a `depends` expression.
public struct DependsOperand: Sendable, Hashable {
    public var task: String
    /// nil for a bare task name (which means "completed successfully enough").
    public var result: DependsResult?
    /// Byte range of the task name.
    public var taskRange: Range<Int>
    /// Byte range of the whole operand, `.Result` included.
    public var range: Range<Int>

    public init(task: String, result: DependsResult?, taskRange: Range<Int>, range: Range<Int>) {
        self.task = task
        self.result = result
        self.taskRange = taskRange
        self.range = range
    }
}

/// The `continueOn` flags of a task, which widen what a bare `TASK` accepts.
public struct DependsContinueOn: Sendable, Hashable {
    public var failed: Bool
    public var error: Bool

    public init(failed: Bool = false, error: Bool = false) {
        self.failed = failed
        self.error = error
    }

    public static let none = DependsContinueOn()
}

/// Syntax tree of a `depends` expression.
public indirect enum DependsNode: Sendable, Hashable {
    case operand(DependsOperand)
    /// `!x`; the range runs from `!` to the end of the negated part.
    case not(DependsNode, range: Range<Int>)
    case and(DependsNode, DependsNode)
    case or(DependsNode, DependsNode)

    /// Byte range covered by this node (parentheses around sub-nodes may fall outside).
    public var range: Range<Int> {
        switch self {
        case .operand(let operand): return operand.range
        case .not(_, let range): return range
        case .and(let left, let right), .or(let left, let right):
            return left.range.lowerBound..<right.range.upperBound
        }
    }

    func collectOperands(into operands: inout [DependsOperand]) {
        switch self {
        case .operand(let operand): operands.append(operand)
        case .not(let inner, _): inner.collectOperands(into: &operands)
        case .and(let left, let right), .or(let left, let right):
            left.collectOperands(into: &operands)
            right.collectOperands(into: &operands)
        }
    }
}

/// A parsed DAG `depends` string.
public struct DependsExpression: Sendable, Hashable {
    public var source: String
    public var root: DependsNode
    /// Every operand in source order.
    public var operands: [DependsOperand]

    public init(source: String, root: DependsNode) {
        self.source = source
        self.root = root
        var operands: [DependsOperand] = []
        root.collectOperands(into: &operands)
        self.operands = operands
    }

    /// Parses `source`; on failure every error found is returned.
    public static func parse(_ source: String) -> Result<DependsExpression, DependsParseFailure> {
        DependsParser.parse(source)
    }

    /// Distinct task names in order of first appearance.
    public var referencedTasks: [String] {
        var seen = Set<String>()
        var names: [String] = []
        for operand in operands where seen.insert(operand.task).inserted {
            names.append(operand.task)
        }
        return names
    }

    /// Evaluates the expression the way the controller does. A bare `TASK`
    /// means Succeeded || Skipped || Daemoned, plus Failed/Errored when that
    /// task's own `continueOn` says so.
    public func evaluate(
        continueOn: (String) -> DependsContinueOn = { _ in .none },
        result: (_ task: String, _ result: DependsResult) -> Bool
    ) -> Bool {
        Self.evaluate(root, continueOn: continueOn, result: result)
    }

    private static func evaluate(
        _ node: DependsNode,
        continueOn: (String) -> DependsContinueOn,
        result: (String, DependsResult) -> Bool
    ) -> Bool {
        switch node {
        case .operand(let operand):
            if let wanted = operand.result { return result(operand.task, wanted) }
            let flags = continueOn(operand.task)
            return result(operand.task, .succeeded) || result(operand.task, .skipped)
                || result(operand.task, .daemoned)
                || (flags.error && result(operand.task, .errored))
                || (flags.failed && result(operand.task, .failed))
        case .not(let inner, _):
            return !evaluate(inner, continueOn: continueOn, result: result)
        case .and(let left, let right):
            return evaluate(left, continueOn: continueOn, result: result)
                && evaluate(right, continueOn: continueOn, result: result)
        case .or(let left, let right):
            return evaluate(left, continueOn: continueOn, result: result)
                || evaluate(right, continueOn: continueOn, result: result)
        }
    }
}

/// All the errors found in a `depends` string, sorted by position.
public struct DependsParseFailure: Error, Sendable, Hashable {
    public var issues: [SyntaxIssue]

    public init(issues: [SyntaxIssue]) {
        self.issues = issues
    }
}
