import YAMLTree

/// The four Argo resource kinds argolint checks.
public enum ArgoKind: String, Sendable, CaseIterable {
    case workflow = "Workflow"
    case workflowTemplate = "WorkflowTemplate"
    case clusterWorkflowTemplate = "ClusterWorkflowTemplate"
    case cronWorkflow = "CronWorkflow"

    public static let apiGroup = "argoproj.io"

    /// Templates of a (Cluster)WorkflowTemplate are reusable: workflow parameters are supplied by callers.
    public var isReusableTemplate: Bool { self == .workflowTemplate || self == .clusterWorkflowTemplate }
}

/// `metadata` of a resource: only what rules need.
public struct ObjectMeta: Sendable {
    public var name: ScalarField?
    public var generateName: ScalarField?
    public var namespace: ScalarField?
    public var labelKeys: [String]
    public var annotationKeys: [String]

    public init(_ node: YAMLNode?) {
        name = node?.field("name")
        generateName = node?.field("generateName")
        namespace = node?.field("namespace")
        labelKeys = node?["labels"]?.mappingPairs.compactMap { $0.key.stringValue } ?? []
        annotationKeys = node?["annotations"]?.mappingPairs.compactMap { $0.key.stringValue } ?? []
    }

    /// The name a person would use for the resource in a message.
    public var displayName: String { name?.value ?? generateName?.value ?? "<unnamed>" }
}

/// One Argo resource document (Workflow, WorkflowTemplate, ClusterWorkflowTemplate, CronWorkflow).
public final class ArgoResource: Sendable {
    public let kind: ArgoKind
    public let kindField: ScalarField?
    public let metadata: ObjectMeta
    /// For a CronWorkflow, `spec.workflowSpec`.
    public let spec: WorkflowSpec
    /// The document's root mapping.
    public let root: YAMLNode
    public let documentIndex: Int

    public init(kind: ArgoKind, root: YAMLNode, documentIndex: Int) {
        self.kind = kind
        self.kindField = root.field("kind")
        self.root = root
        self.documentIndex = documentIndex
        self.metadata = ObjectMeta(root["metadata"])
        let specNode = root["spec"]
        let workflowSpecNode = kind == .cronWorkflow ? specNode?["workflowSpec"] : specNode
        self.spec = WorkflowSpec(workflowSpecNode, fallbackSpan: specNode?.span ?? root.span)
    }
}

/// A Kubernetes Secret manifest: names and keys only. Values are never kept,
/// so they cannot leak into any output.
public final class SecretManifest: Sendable {
    public let name: ScalarField?
    public let namespace: String?
    public let keys: [ScalarField]
    public let root: YAMLNode

    public init(root: YAMLNode) {
        self.root = root
        let meta = ObjectMeta(root["metadata"])
        name = meta.name
        namespace = meta.namespace?.value
        var keys: [ScalarField] = []
        for section in ["data", "stringData"] {
            for pair in root[section]?.mappingPairs ?? .empty {
                if let key = ScalarField(pair.key) { keys.append(key) }
            }
        }
        self.keys = keys
    }
}

/// What one YAML document turned out to be.
public enum Manifest: Sendable {
    case argo(ArgoResource)
    case secret(SecretManifest)
    /// Any other Kubernetes object (ConfigMap, PersistentVolumeClaim, ...): skipped.
    case other(kind: String?, apiVersion: String?)
    /// Not a mapping at all (a bare scalar or a list).
    case notAnObject(YAMLNode)

    public static func decode(_ document: YAMLDocument) -> Manifest {
        let root = document.root
        guard root.isMapping else {
            if root.isNull { return .other(kind: nil, apiVersion: nil) }
            return .notAnObject(root)
        }
        let kind = root["kind"]?.stringValue
        let apiVersion = root["apiVersion"]?.stringValue
        if let kind, let argoKind = ArgoKind(rawValue: kind),
           apiVersion.map({ $0.hasPrefix(ArgoKind.apiGroup + "/") }) ?? true {
            return .argo(ArgoResource(kind: argoKind, root: root, documentIndex: document.index))
        }
        if kind == "Secret", apiVersion == nil || apiVersion == "v1" {
            return .secret(SecretManifest(root: root))
        }
        return .other(kind: kind, apiVersion: apiVersion)
    }
}
