import YAMLTree

/// `dag:` of a template.
public final class DAGTemplate: Sendable {
    public let tasks: [DAGTask]
    public let tasksKeySpan: SourceSpan?
    public let target: ScalarField?
    public let node: YAMLNode

    public init?(_ node: YAMLNode) {
        guard node.isMapping else { return nil }
        self.node = node
        let pair = node.pair("tasks")
        tasksKeySpan = pair?.key.span
        tasks = pair?.value.sequenceItems.enumerated().compactMap { DAGTask($0.element, index: $0.offset) } ?? []
        target = node.field("target")
    }

    public func task(named name: String) -> DAGTask? { tasks.first { $0.name?.value == name } }
}

/// One DAG task.
public final class DAGTask: Sendable {
    public let index: Int
    public let call: TemplateCall
    /// `dependencies:` entries (nil when the key is absent).
    public let dependencies: [ScalarField]?
    public let dependenciesKeySpan: SourceSpan?
    public let depends: ScalarField?

    public init?(_ node: YAMLNode, index: Int) {
        guard node.isMapping else { return nil }
        self.index = index
        call = TemplateCall(node)
        let pair = node.pair("dependencies")
        dependenciesKeySpan = pair?.key.span
        if let pair {
            if pair.value.isSequence {
                dependencies = pair.value.sequenceItems.compactMap { ScalarField($0) }
            } else if let single = ScalarField(pair.value), !single.isNull {
                dependencies = [single]
            } else {
                dependencies = []
            }
        } else {
            dependencies = nil
        }
        depends = node.field("depends")
    }

    public var name: ScalarField? { call.name }
    public var node: YAMLNode { call.node }
}
