import YAMLTree

/// `spec` of a Workflow or (Cluster)WorkflowTemplate, `spec.workflowSpec` of a CronWorkflow.
public struct WorkflowSpec: Sendable {
    public var entrypoint: ScalarField?
    public var onExit: ScalarField?
    public var templates: [Template]
    public var templatesKeySpan: SourceSpan?
    public var arguments: Arguments
    public var workflowTemplateRef: WorkflowTemplateRef?
    public var hooks: [LifecycleHook]
    public var templateDefaults: YAMLNode?
    public var workflowMetadataLabelKeys: [String]
    public var workflowMetadataAnnotationKeys: [String]
    public var hasPriority: Bool
    /// The spec mapping itself (nil when missing or not a mapping).
    public var node: YAMLNode?
    /// Where to point when the spec itself is missing something.
    public var span: SourceSpan

    public init(_ node: YAMLNode?, fallbackSpan: SourceSpan) {
        let node = node?.isMapping == true ? node : nil
        self.node = node
        self.span = node?.span ?? fallbackSpan
        entrypoint = node?.field("entrypoint")
        onExit = node?.field("onExit")
        let templatesPair = node?.pair("templates")
        templatesKeySpan = templatesPair?.key.span
        templates = templatesPair?.value.sequenceItems.compactMap { Template($0) } ?? []
        arguments = Arguments(node?["arguments"])
        workflowTemplateRef = node?["workflowTemplateRef"].flatMap(WorkflowTemplateRef.init)
        hooks = LifecycleHook.decodeAll(node?["hooks"])
        templateDefaults = node?["templateDefaults"]
        let workflowMetadata = node?["workflowMetadata"]
        workflowMetadataLabelKeys = (workflowMetadata?["labels"]?.mappingPairs ?? []).compactMap { $0.key.stringValue }
            + (workflowMetadata?["labelsFrom"]?.mappingPairs ?? []).compactMap { $0.key.stringValue }
        workflowMetadataAnnotationKeys = (workflowMetadata?["annotations"]?.mappingPairs ?? []).compactMap { $0.key.stringValue }
        hasPriority = node?["priority"] != nil
    }

    public func template(named name: String) -> Template? {
        templates.first { $0.name?.value == name }
    }
}

/// `spec.workflowTemplateRef`.
public struct WorkflowTemplateRef: Sendable {
    public var name: ScalarField?
    public var clusterScope: Bool
    public var node: YAMLNode

    public init?(_ node: YAMLNode) {
        guard node.isMapping else { return nil }
        self.node = node
        name = node.field("name")
        clusterScope = node.field("clusterScope")?.boolValue ?? false
    }
}
