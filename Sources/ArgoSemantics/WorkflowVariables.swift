/// One `workflow.*` variable: the single description from which `VariableScope`
/// derives both the simple-tag check (`resolve`) and the names in scope
/// (`variableNames`, `baseVariables`), so the linter and the runner cannot
/// disagree on what exists (docs/argo-semantics.md §2).
struct WorkflowVariable: Sendable {
    /// What may follow `workflow.NAME`.
    enum Shape: Sendable {
        /// Nothing: the name is the value.
        case value
        /// Anything: Argo's lint exempts the whole prefix (timestamp formats such
        /// as `.Y`, `.RFC3339`, `.s`; the duration), so no suffix is checked.
        case openEnded
        /// A map: `workflow.NAME.KEY` for each declared key, and `workflow.NAME.json`.
        case keyed(WorkflowMap)
        /// `workflow.outputs.parameters.NAME` and `.artifacts.NAME`: the global outputs
        /// the templates export with `globalName`.
        case globalOutputs
    }

    /// When the variable exists at all.
    enum Condition: Sendable {
        case always
        /// Only an exit handler sees the failures, so only a workflow with one has them.
        case hasOnExit
        case hasPriority

        func holds(in facts: WorkflowFacts) -> Bool {
            switch self {
            case .always: return true
            case .hasOnExit: return facts.hasOnExit
            case .hasPriority: return facts.hasPriority
            }
        }

        /// Why the variable is absent when the condition fails; follows "workflow.NAME ".
        var absence: String {
            switch self {
            case .always: return ""
            case .hasOnExit: return "is only set for an exit handler, and this workflow has no onExit"
            case .hasPriority: return "is only set when spec.priority is; add spec.priority or drop the reference"
            }
        }
    }

    let name: String
    let shape: Shape
    let condition: Condition

    init(_ name: String, _ shape: Shape = .value, when condition: Condition = .always) {
        self.name = name
        self.shape = shape
        self.condition = condition
    }

    /// Every workflow variable, in the order did-you-mean candidates and the
    /// "known fields" list of messages use.
    static let all: [WorkflowVariable] = [
        WorkflowVariable("name"),
        WorkflowVariable("namespace"),
        WorkflowVariable("uid"),
        WorkflowVariable("mainEntrypoint"),
        WorkflowVariable("serviceAccountName"),
        WorkflowVariable("status"),
        WorkflowVariable("duration", .openEnded),
        WorkflowVariable("creationTimestamp", .openEnded),
        WorkflowVariable("scheduledTime", .openEnded),
        WorkflowVariable("labels", .keyed(.labels)),
        WorkflowVariable("annotations", .keyed(.annotations)),
        WorkflowVariable("parameters", .keyed(.parameters)),
        WorkflowVariable("priority", when: .hasPriority),
        WorkflowVariable("failures", when: .hasOnExit),
        WorkflowVariable("outputs", .globalOutputs),
    ]

    static let names = all.map(\.name)

    static func named(_ name: String) -> WorkflowVariable? {
        all.first { $0.name == name }
    }
}

/// The keyed workflow variables: which keys exist, and how to say that one does not.
enum WorkflowMap: Sendable {
    case parameters, labels, annotations

    /// The declared keys; nil when any key may exist (a WorkflowTemplate's
    /// parameters come from its callers; a workflowTemplateRef that is not found).
    func keys(in facts: WorkflowFacts) -> Set<String>? {
        switch self {
        case .parameters: return facts.parameters
        case .labels: return facts.labelKeys
        case .annotations: return facts.annotationKeys
        }
    }

    /// What one key is called in messages.
    var noun: String {
        switch self {
        case .parameters: return "workflow parameter"
        case .labels: return "workflow label"
        case .annotations: return "workflow annotation"
        }
    }

    /// Why the bare map and its `.json` are absent when no key is declared; nil when
    /// they always exist (Argo's lint accepts the bare and `.json` forms of labels
    /// and annotations even with no key declared).
    var emptyProblem: String? {
        switch self {
        case .parameters: return "workflow.parameters is empty: this workflow declares no spec.arguments.parameters"
        case .labels, .annotations: return nil
        }
    }

    /// Where an undeclared key should be declared, appended to the "there is no ..." message.
    func hint(noKeysDeclared: Bool) -> String {
        switch self {
        case .parameters: return noKeysDeclared ? "; declare it under spec.arguments.parameters" : ""
        case .labels: return "; it must be set in metadata.labels or spec.workflowMetadata.labels"
        case .annotations: return "; it must be set in metadata.annotations or spec.workflowMetadata.annotations"
        }
    }
}
