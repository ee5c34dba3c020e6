import YAMLTree

/// `dag:` of a template.
public struct DAGTemplate: Sendable {
    public var tasks: [DAGTask]
    public var tasksKeySpan: SourceSpan?
    public var target: ScalarField?
    public var node: YAMLNode

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
public struct DAGTask: Sendable {
    public var index: Int
    public var call: TemplateCall
    /// `dependencies:` entries (nil when the key is absent).
    public var dependencies: [ScalarField]?
    public var dependenciesKeySpan: SourceSpan?
    public var depends: ScalarField?

    public init?(_ node: YAMLNode, index: Int) {
        guard node.isMapping else { return nil }
        self.index = index
        call = TemplateCall(node)
        if let pair = node.pair("dependencies") {
            dependenciesKeySpan = pair.key.span
            if pair.value.isSequence {
                dependencies = pair.value.sequenceItems.compactMap { ScalarField($0) }
            } else if let single = ScalarField(pair.value), !single.isNull {
                dependencies = [single]
            } else {
                dependencies = []
            }
        }
        depends = node.field("depends")
    }

    public var name: ScalarField? { call.name }
    public var node: YAMLNode { call.node }
}
