/// Argo's field schema: which keys each object of a Workflow, WorkflowTemplate,
/// ClusterWorkflowTemplate or CronWorkflow has, of what type, and which are required.
///
/// Written by hand from Argo's Go types (argo-workflows v4, `pkg/apis/workflow/v1alpha1`)
/// and the Kubernetes core types they embed. `ArgoSchemaTests` checks every object
/// mapped to an upstream definition against the published JSON schema, so the table
/// cannot drift silently.
public enum ArgoSchema {
    /// The API group/version of the four Argo kinds.
    public static let apiVersion = "argoproj.io/v1alpha1"

    /// The root object of a document of this apiVersion/kind, or nil when the
    /// document is not one of the Argo kinds (a Secret, a ConfigMap...): callers skip it.
    public static func objectID(apiVersion: String?, kind: String?) -> ObjectID? {
        guard apiVersion == Self.apiVersion, let kind else { return nil }
        switch kind {
        case "Workflow": return .workflow
        case "WorkflowTemplate": return .workflowTemplate
        case "ClusterWorkflowTemplate": return .clusterWorkflowTemplate
        case "CronWorkflow": return .cronWorkflow
        default: return nil
        }
    }

    /// The specification of an object type.
    public static func spec(_ id: ObjectID) -> ObjectSpec {
        table[id]!
    }

    /// Every object of the table, in `ObjectID` order.
    public static var objects: [ObjectSpec] { ObjectID.allCases.map { spec($0) } }

    static let table: [ObjectID: ObjectSpec] = {
        var table: [ObjectID: ObjectSpec] = [:]
        for spec in argoObjects + kubernetesObjects {
            precondition(table[spec.id] == nil, "\(spec.id) defined twice")
            table[spec.id] = spec
        }
        for id in ObjectID.allCases { precondition(table[id] != nil, "\(id) has no specification") }
        return table
    }()
}
