/// The phases a node or workflow can end in, spelled as Argo spells them.
public enum NodePhase: String, Sendable, Codable, CaseIterable {
    case pending = "Pending", running = "Running", succeeded = "Succeeded", failed = "Failed"
    case error = "Error", skipped = "Skipped", omitted = "Omitted"

    /// Succeeded, Failed or Error: the node ran to an end (Argo's `Completed`).
    public var isCompleted: Bool { self == .succeeded || self == .failed || self == .error }
    /// Completed, Skipped or Omitted: dependents may be evaluated (Argo's `Fulfilled`).
    public var isFulfilled: Bool { isCompleted || self == .skipped || self == .omitted }
    public var isFailedOrError: Bool { self == .failed || self == .error }
}

/// Node types as `argo get` shows them.
public enum NodeType: String, Sendable, Codable {
    case dag = "DAG", steps = "Steps", stepGroup = "StepGroup", taskGroup = "TaskGroup"
    case retry = "Retry", http = "HTTP", pod = "Pod", suspend = "Suspend", skipped = "Skipped"
}

/// One node of the run, as the controller would record it.
public struct RunNode: Sendable {
    /// The node's full name (`wf.task`, `wf[0].step(1:b)`), unique in a run.
    public var path: String
    /// What `argo get` shows: the task or step name with loop and retry suffixes.
    public var displayName: String
    public var type: NodeType
    public var template: String?
    public var phase: NodePhase = .pending
    public var message: String = ""
    /// Virtual seconds since the workflow started.
    public var startedAt: Double = 0
    public var finishedAt: Double = 0
    public var result: String?
    public var outputParameters: [(name: String, value: String)] = []
    /// Attempts made, for a node with a retryStrategy (1 otherwise).
    public var attempts: Int = 1
    /// Why a leaf was not executed for real (a container stubbed by the scenario, say).
    public var note: String?
    public var children: [String] = []

    public init(path: String, displayName: String, type: NodeType, template: String?) {
        self.path = path
        self.displayName = displayName
        self.type = type
        self.template = template
    }
}

/// One HTTP request the run sent, and what came back.
public struct RequestRecord: Sendable {
    public var node: String
    public var nodePath: String
    public var method: String
    public var url: String
    /// Header names as written, in order; secret values already masked.
    public var headers: [(name: String, value: String)]
    public var body: String
    public var status: Int?
    public var responseHeaders: [(name: String, value: String)] = []
    public var responseBody: String?
    /// Transport failure text (timeout, reset), when there was one.
    public var error: String?
    public var startedAt: Double
    public var finishedAt: Double

    public init(node: String, nodePath: String, method: String, url: String, headers: [(name: String, value: String)], body: String,
                status: Int? = nil, responseHeaders: [(name: String, value: String)] = [], responseBody: String? = nil, error: String? = nil,
                startedAt: Double, finishedAt: Double) {
        self.node = node
        self.nodePath = nodePath
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.status = status
        self.responseHeaders = responseHeaders
        self.responseBody = responseBody
        self.error = error
        self.startedAt = startedAt
        self.finishedAt = finishedAt
    }
}

/// Everything a run produced, in a deterministic order.
public struct RunReport: Sendable {
    public var workflowName: String
    /// `metadata.name`, or `generateName` as written (the name without its suffix).
    public var declaredName: String
    public var uid: String
    public var phase: NodePhase
    public var message: String
    /// Nodes in tree order (a parent before its children).
    public var nodes: [RunNode]
    public var requests: [RequestRecord]
    public var finishedAt: Double

    public init(workflowName: String, declaredName: String, uid: String, phase: NodePhase, message: String, nodes: [RunNode],
                requests: [RequestRecord], finishedAt: Double) {
        self.workflowName = workflowName
        self.declaredName = declaredName
        self.uid = uid
        self.phase = phase
        self.message = message
        self.nodes = nodes
        self.requests = requests
        self.finishedAt = finishedAt
    }
}

extension RunReport {
    /// The same report with each of `values` shown as `***` wherever it appears:
    /// for credentials the runner did not read from a Secret (a literal token the
    /// linter flagged, say), which must not be printed either.
    public func masking(_ values: [String]) -> RunReport {
        let masker = SecretMasker(values: values)
        guard !masker.values.isEmpty else { return self }
        var copy = self
        copy.message = masker.mask(message)
        copy.nodes = nodes.map { node in
            var n = node
            n.message = masker.mask(node.message)
            n.result = node.result.map(masker.mask)
            n.outputParameters = node.outputParameters.map { ($0.name, masker.mask($0.value)) }
            return n
        }
        copy.requests = requests.map { request in
            var r = request
            r.url = masker.mask(request.url)
            r.headers = request.headers.map { ($0.name, masker.mask($0.value)) }
            r.body = masker.mask(request.body)
            r.responseHeaders = request.responseHeaders.map { ($0.name, masker.mask($0.value)) }
            r.responseBody = request.responseBody.map(masker.mask)
            r.error = request.error.map(masker.mask)
            return r
        }
        return copy
    }
}
