import ArgoSemantics

/// What a non-HTTP leaf (container, script, resource, ...) "does" in the
/// sandbox: it is not executed, so its phase and outputs come from here.
public struct LeafStub: Sendable {
    public var phase: NodePhase
    public var result: String
    public var parameters: [String: String]
    public var message: String
    public var exitCode: String

    public init(phase: NodePhase = .succeeded, result: String = "", parameters: [String: String] = [:], message: String = "", exitCode: String? = nil) {
        self.phase = phase
        self.result = result
        self.parameters = parameters
        self.message = message
        self.exitCode = exitCode ?? (phase == .succeeded ? "0" : "1")
    }
}

public struct RunOptions: Sendable {
    public var dialect: Dialect
    /// `-p name=value`: workflow parameters that override spec.arguments.
    public var parameters: [(name: String, value: String)]
    /// Makes the generated name suffix and uid repeatable.
    public var seed: UInt64
    public var secrets: SecretValues
    /// Stubs for non-HTTP leaves, by node display name or template name (display name wins).
    public var stubs: [String: LeafStub]
    /// A retryStrategy without a limit retries forever upstream; the sandbox stops here.
    public var maxAttempts: Int

    public init(dialect: Dialect = .argo, parameters: [(name: String, value: String)] = [], seed: UInt64 = 0,
                secrets: SecretValues = SecretValues(), stubs: [String: LeafStub] = [:], maxAttempts: Int = 100) {
        self.dialect = dialect
        self.parameters = parameters
        self.seed = seed
        self.secrets = secrets
        self.stubs = stubs
        self.maxAttempts = maxAttempts
    }
}
