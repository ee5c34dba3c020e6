import ArgoModel

/// One field of a task or step node (`tasks.X.FIELD`, `steps.X.FIELD`): the
/// single description from which `VariableScope` both checks simple tags
/// (`resolve`) and builds the `{{= }}` records (`nodeRoots`), so the two cannot
/// drift (docs/argo-semantics.md §2, node-reference suffixes).
struct NodeField: Sendable {
    let name: String
    /// Set once the node has run: a task may read it only from its upstream tasks
    /// (its own, from a hook); the other fields exist as soon as the node is declared.
    let needsUpstream: Bool
    /// Set only when the called template produces a result (`TemplateType.producesResult`).
    let needsResult: Bool
    /// `outputs` has fields of its own (`NodeOutput`); the other fields are values.
    let hasFields: Bool

    init(_ name: String, needsUpstream: Bool = false, needsResult: Bool = false, hasFields: Bool = false) {
        self.name = name
        self.needsUpstream = needsUpstream
        self.needsResult = needsResult
        self.hasFields = hasFields
    }

    /// Every node field, in the order did-you-mean candidates use.
    static let all: [NodeField] = [
        NodeField("id"),
        NodeField("startedAt"),
        NodeField("finishedAt"),
        NodeField("hostNodeName"),
        NodeField("status", needsUpstream: true),
        NodeField("exitCode", needsUpstream: true, needsResult: true),
        NodeField("ip", needsUpstream: true),
        NodeField("outputs", needsUpstream: true, hasFields: true),
    ]

    static let names = all.map(\.name)

    static func named(_ name: String) -> NodeField? {
        all.first { $0.name == name }
    }
}

/// The fields of a node's `outputs`, in the order did-you-mean candidates use.
enum NodeOutput: String, Sendable, CaseIterable {
    /// The template's result (stdout, the HTTP response body): a string with no fields.
    case result
    /// `outputs.parameters.NAME` for each output parameter the called template declares.
    case parameters
    /// `outputs.artifacts.NAME` for each output artifact the called template declares.
    case artifacts

    var needsResult: Bool { self == .result }

    /// Parameters and artifacts are named by the called template's declarations;
    /// the result is one string.
    var isDeclared: Bool { self != .result }

    /// A looped node's `outputs.parameters` is one JSON string of all its children's values.
    var isOneValueWhenLooped: Bool { self == .parameters }

    /// The names the called template declares under this output (none for `result`).
    func declaredNames(in template: Template) -> [String] {
        switch self {
        case .result: return []
        case .parameters: return template.outputs.parameters.compactMap { $0.name?.value }
        case .artifacts: return template.outputs.artifacts.compactMap { $0.name?.value }
        }
    }
}
