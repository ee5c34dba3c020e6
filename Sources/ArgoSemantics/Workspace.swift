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

/// A WorkflowTemplate or ClusterWorkflowTemplate known by name, whose resource
/// is produced on demand: a run over many files keeps only these entries, not
/// every template's tree, and parses a template again when a reference needs it.
public struct WorkflowTemplateEntry: Sendable {
    public var name: String
    public var clusterScope: Bool
    public var load: @Sendable () -> LocatedResource?

    public init(name: String, clusterScope: Bool, load: @escaping @Sendable () -> LocatedResource?) {
        self.name = name
        self.clusterScope = clusterScope
        self.load = load
    }
}

/// Cross-file facts of one run: every WorkflowTemplate, ClusterWorkflowTemplate
/// and Secret among the inputs and the project's other files.
public final class Workspace: Sendable {
    private let templates: [String: WorkflowTemplateEntry]
    private let clusterTemplates: [String: WorkflowTemplateEntry]
    public let secrets: [LocatedSecret]

    public convenience init(resources: [LocatedResource], secrets: [LocatedSecret]) {
        var entries: [WorkflowTemplateEntry] = []
        for located in resources {
            guard let name = located.resource.metadata.name?.value else { continue }
            switch located.resource.kind {
            case .workflowTemplate: entries.append(WorkflowTemplateEntry(name: name, clusterScope: false) { located })
            case .clusterWorkflowTemplate: entries.append(WorkflowTemplateEntry(name: name, clusterScope: true) { located })
            default: break
            }
        }
        self.init(templates: entries, secrets: secrets)
    }

    /// The first entry of a name in each scope wins.
    public init(templates entries: [WorkflowTemplateEntry], secrets: [LocatedSecret]) {
        var templates: [String: WorkflowTemplateEntry] = [:]
        var clusterTemplates: [String: WorkflowTemplateEntry] = [:]
        for entry in entries {
            if entry.clusterScope {
                if clusterTemplates[entry.name] == nil { clusterTemplates[entry.name] = entry }
            } else if templates[entry.name] == nil {
                templates[entry.name] = entry
            }
        }
        self.templates = templates
        self.clusterTemplates = clusterTemplates
        self.secrets = secrets
    }

    public func workflowTemplate(named name: String, clusterScope: Bool) -> LocatedResource? {
        (clusterScope ? clusterTemplates[name] : templates[name])?.load()
    }

    /// Whether a template of that name is known, without producing it.
    public func hasWorkflowTemplate(named name: String, clusterScope: Bool) -> Bool {
        (clusterScope ? clusterTemplates[name] : templates[name]) != nil
    }

    public func templateNames(clusterScope: Bool) -> [String] {
        (clusterScope ? clusterTemplates : templates).keys.sorted()
    }
}
