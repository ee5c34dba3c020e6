import YAMLTree
import ArgoModel

/// A resource and the file it came from.
public struct LocatedResource: Sendable {
    public var file: SourceFile
    public var resource: ArgoResource

    public init(file: SourceFile, resource: ArgoResource) {
        self.file = file
        self.resource = resource
    }
}

public struct LocatedSecret: Sendable {
    public var file: SourceFile
    public var secret: SecretManifest

    public init(file: SourceFile, secret: SecretManifest) {
        self.file = file
        self.secret = secret
    }
}

/// Cross-file facts of one run: every WorkflowTemplate, ClusterWorkflowTemplate
/// and Secret among the inputs and the project's other files.
public final class Workspace: Sendable {
    public let workflowTemplates: [String: LocatedResource]
    public let clusterWorkflowTemplates: [String: LocatedResource]
    public let secrets: [LocatedSecret]

    public init(resources: [LocatedResource], secrets: [LocatedSecret]) {
        var templates: [String: LocatedResource] = [:]
        var clusterTemplates: [String: LocatedResource] = [:]
        for located in resources {
            guard let name = located.resource.metadata.name?.value else { continue }
            switch located.resource.kind {
            case .workflowTemplate: if templates[name] == nil { templates[name] = located }
            case .clusterWorkflowTemplate: if clusterTemplates[name] == nil { clusterTemplates[name] = located }
            default: break
            }
        }
        workflowTemplates = templates
        clusterWorkflowTemplates = clusterTemplates
        self.secrets = secrets
    }

    public func workflowTemplate(named name: String, clusterScope: Bool) -> LocatedResource? {
        clusterScope ? clusterWorkflowTemplates[name] : workflowTemplates[name]
    }

    public func templateNames(clusterScope: Bool) -> [String] {
        (clusterScope ? clusterWorkflowTemplates : workflowTemplates).keys.sorted()
    }
}
