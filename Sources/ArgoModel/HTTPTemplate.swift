import YAMLTree

/// `http:` of a template.
public struct HTTPTemplate: Sendable {
    public var url: ScalarField?
    public var method: ScalarField?
    public var headers: [HTTPHeader]
    public var body: ScalarField?
    public var bodyFrom: YAMLNode?
    public var successCondition: ScalarField?
    public var timeoutSeconds: ScalarField?
    public var insecureSkipVerify: ScalarField?
    /// Seed dialect only: sets the Content-Type header.
    public var contentType: ScalarField?
    public var node: YAMLNode

    public init?(_ node: YAMLNode) {
        guard node.isMapping else { return nil }
        self.node = node
        url = node.field("url")
        method = node.field("method")
        headers = node["headers"]?.sequenceItems.compactMap(HTTPHeader.init) ?? []
        body = node.field("body")
        bodyFrom = node["bodyFrom"]
        successCondition = node.field("successCondition")
        timeoutSeconds = node.field("timeoutSeconds")
        insecureSkipVerify = node.field("insecureSkipVerify")
        contentType = node.field("contentType")
    }
}

/// One entry of `http.headers`.
public struct HTTPHeader: Sendable {
    public var name: ScalarField?
    public var value: ScalarField?
    public var secretName: ScalarField?
    public var secretKey: ScalarField?
    public var secretKeyRef: YAMLNode?
    public var node: YAMLNode

    public init?(_ node: YAMLNode) {
        guard node.isMapping else { return nil }
        self.node = node
        name = node.field("name")
        value = node.field("value")
        let ref = node["valueFrom"]?["secretKeyRef"]
        secretKeyRef = ref
        secretName = ref?.field("name")
        secretKey = ref?.field("key")
    }
}
