import YAMLTree
import ArgoModel
import ArgoSyntax

/// One task name a DAG task depends on, with where it was written.
public struct DependencyReference: Sendable {
    public var task: String
    /// The `depends` operand's result word (`a.Failed`), when there is one.
    public var result: DependsResult?
    private var location: Location

    private enum Location: Sendable {
        case span(SourceSpan)
        /// Inside a `depends` string: mapped through the scalar's style only when reported.
        case inScalar(ScalarField, Range<Int>)
    }

    public init(task: String, span: SourceSpan) {
        self.task = task
        self.location = .span(span)
    }

    public init(task: String, result: DependsResult?, in scalar: ScalarField, range: Range<Int>) {
        self.task = task
        self.result = result
        self.location = .inScalar(scalar, range)
    }

    public func span(in file: SourceFile) -> SourceSpan {
        switch location {
        case .span(let span): return span
        case .inScalar(let scalar, let range): return scalar.sourceSpan(range, in: file)
        }
    }
}

/// The dependency edges of one DAG, from `dependencies` lists and `depends`
/// expressions, with spans mapped back into the file.
public struct DAGDependencies: Sendable {
    /// `references[i]` are the dependencies of `dag.tasks[i]`, in source order.
    public var references: [[DependencyReference]]
    /// `depends` strings that did not parse, by task index.
    public var dependsFailures: [Int: DependsParseFailure]

    public init(dag: DAGTemplate) {
        var references: [[DependencyReference]] = []
        var failures: [Int: DependsParseFailure] = [:]
        for (index, task) in dag.tasks.enumerated() {
            var refs: [DependencyReference] = []
            for entry in task.dependencies ?? [] where !entry.isNull {
                refs.append(DependencyReference(task: entry.value, span: entry.span))
            }
            if let depends = task.depends, !depends.isNull {
                switch DependsExpression.parse(depends.value) {
                case .success(let expression):
                    for operand in expression.operands {
                        refs.append(DependencyReference(task: operand.task, result: operand.result, in: depends, range: operand.taskRange))
                    }
                case .failure(let failure):
                    failures[index] = failure
                }
            }
            references.append(refs)
        }
        self.references = references
        self.dependsFailures = failures
    }
}

extension ScalarField {
    /// Maps a byte range of this scalar's value to a span in the file.
    public func sourceSpan(_ range: Range<Int>, in file: SourceFile) -> SourceSpan {
        let node = YAMLNode(scalar: YAMLScalar(value: value, style: style, tag: nil), span: span)
        return ScalarSourceMap(file: file, node: node).sourceSpan(range)
    }
}
