import YAMLTree

/// `spec` of a Workflow or (Cluster)WorkflowTemplate, `spec.workflowSpec` of a CronWorkflow.
public final class WorkflowSpec: Sendable {
    public let entrypoint: ScalarField?
    public let onExit: ScalarField?
    public let templates: [Template]
    public let templatesKeySpan: SourceSpan?
    public let arguments: Arguments
    public let workflowTemplateRef: WorkflowTemplateRef?
    public let hooks: [LifecycleHook]
    public let templateDefaults: YAMLNode?
    public let workflowMetadataLabelKeys: [String]
    public let workflowMetadataAnnotationKeys: [String]
    public let hasPriority: Bool
    /// The spec mapping itself (nil when missing or not a mapping).
    public let node: YAMLNode?
    /// Where to point when the spec itself is missing something.
    public let span: SourceSpan

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
        workflowMetadataLabelKeys = (workflowMetadata?["labels"]?.mappingPairs ?? .empty).compactMap { $0.key.stringValue }
            + (workflowMetadata?["labelsFrom"]?.mappingPairs ?? .empty).compactMap { $0.key.stringValue }
        workflowMetadataAnnotationKeys = (workflowMetadata?["annotations"]?.mappingPairs ?? .empty).compactMap { $0.key.stringValue }
        hasPriority = node?["priority"] != nil
    }

    public func template(named name: String) -> Template? {
        templates.first { $0.name?.value == name }
    }
}

/// `spec.workflowTemplateRef`.
public final class WorkflowTemplateRef: Sendable {
    public let name: ScalarField?
    public let clusterScope: Bool
    public let node: YAMLNode

    public init?(_ node: YAMLNode) {
        guard node.isMapping else { return nil }
        self.node = node
        name = node.field("name")
        clusterScope = node.field("clusterScope")?.boolValue ?? false
    }
}
