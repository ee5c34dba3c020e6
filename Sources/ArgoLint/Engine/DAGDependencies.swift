import YAMLTree
import ArgoModel
import ArgoSyntax

/// One task name a DAG task depends on, with where it was written.
struct DependencyReference: Sendable {
    var task: String
    var span: SourceSpan
    /// The `depends` operand's result word (`a.Failed`), when there is one.
    var result: DependsResult?
}

/// The dependency edges of one DAG, from `dependencies` lists and `depends`
/// expressions, with spans mapped back into the file.
struct DAGDependencies: Sendable {
    /// `references[i]` are the dependencies of `dag.tasks[i]`, in source order.
    var references: [[DependencyReference]]
    /// `depends` strings that did not parse, by task index.
    var dependsFailures: [Int: DependsParseFailure]

    init(dag: DAGTemplate, file: SourceFile) {
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
                    if !expression.operands.isEmpty {
                        let map = ScalarSourceMap(file: file, node: YAMLNode(content: .scalar(YAMLScalar(value: depends.value, style: depends.style, tag: nil)), span: depends.span))
                        for operand in expression.operands {
                            refs.append(DependencyReference(task: operand.task, span: map.sourceSpan(operand.taskRange), result: operand.result))
                        }
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
    func sourceSpan(_ range: Range<Int>, in file: SourceFile) -> SourceSpan {
        let node = YAMLNode(content: .scalar(YAMLScalar(value: value, style: style, tag: nil)), span: span)
        return ScalarSourceMap(file: file, node: node).sourceSpan(range)
    }
}
