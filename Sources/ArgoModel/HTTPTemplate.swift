import YAMLTree

/// `http:` of a template.
public final class HTTPTemplate: Sendable {
    public let url: ScalarField?
    public let method: ScalarField?
    public let headers: [HTTPHeader]
    public let body: ScalarField?
    public let bodyFrom: YAMLNode?
    public let successCondition: ScalarField?
    public let timeoutSeconds: ScalarField?
    public let insecureSkipVerify: ScalarField?
    /// Seed dialect only: sets the Content-Type header.
    public let contentType: ScalarField?
    public let node: YAMLNode

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
public final class HTTPHeader: Sendable {
    public let name: ScalarField?
    public let value: ScalarField?
    public let secretName: ScalarField?
    public let secretKey: ScalarField?
    public let secretKeyRef: YAMLNode?
    public let node: YAMLNode

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
