import YAMLTree
import ArgoModel

/// Resource-wide facts the variable resolver needs, gathered once.
public struct WorkflowFacts: Sendable {
    /// Declared `spec.arguments.parameters` (merged with a referenced WorkflowTemplate's); nil = any name accepted.
    public var parameters: Set<String>?
    public var labelKeys: Set<String>
    public var annotationKeys: Set<String>
    public var globalParameters: Set<String>
    public var globalArtifacts: Set<String>
    /// A `globalName` written with a tag: any `workflow.outputs.*` might exist.
    public var hasTemplatedGlobalName: Bool
    public var hasOnExit: Bool
    public var hasPriority: Bool
    public var kind: ArgoKind

    public init(_ semantics: WorkflowSemantics) {
        let resource = semantics.resource
        let spec = resource.spec
        kind = resource.kind
        var parameters: Set<String>? = Set(spec.arguments.parameters.compactMap { $0.name?.value })
        var labels = Set(resource.metadata.labelKeys + spec.workflowMetadataLabelKeys)
        var annotations = Set(resource.metadata.annotationKeys + spec.workflowMetadataAnnotationKeys)
        var hasOnExit = spec.onExit != nil || spec.hooks.contains { $0.event?.value == "exit" }
        if resource.kind.isReusableTemplate {
            // Callers supply workflow parameters to a WorkflowTemplate.
            parameters = nil
        }
        if let ref = spec.workflowTemplateRef, let name = ref.name?.value {
            if let target = semantics.workspace.workflowTemplate(named: name, clusterScope: ref.clusterScope) {
                let targetSpec = target.resource.spec
                parameters?.formUnion(targetSpec.arguments.parameters.compactMap { $0.name?.value })
                labels.formUnion(targetSpec.workflowMetadataLabelKeys)
                annotations.formUnion(targetSpec.workflowMetadataAnnotationKeys)
                hasOnExit = hasOnExit || targetSpec.onExit != nil
            } else {
                parameters = nil
            }
        }
        self.parameters = parameters
        labelKeys = labels
        annotationKeys = annotations
        self.hasOnExit = hasOnExit
        hasPriority = spec.hasPriority
        var globalParameters = Set<String>(), globalArtifacts = Set<String>()
        var templated = false
        for template in semantics.allTemplates {
            for parameter in template.outputs.parameters {
                if let global = parameter.globalName?.value {
                    if global.hasTemplateTag { templated = true } else { globalParameters.insert(global) }
                }
            }
            for artifact in template.outputs.artifacts {
                if let global = artifact.globalName?.value {
                    if global.hasTemplateTag { templated = true } else { globalArtifacts.insert(global) }
                }
            }
        }
        for parameter in spec.arguments.parameters {
            if let global = parameter.globalName?.value { globalParameters.insert(global) }
        }
        self.globalParameters = globalParameters
        self.globalArtifacts = globalArtifacts
        hasTemplatedGlobalName = templated
    }
}
