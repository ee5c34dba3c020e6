/// A request the runner sends: the workflow's own URL and headers, exactly as
/// the agent would put them on the wire.
public struct OutgoingRequest: Sendable {
    public var method: String
    public var url: String
    /// A `Host` header from the template replaces the URL's host, as Go's client does.
    public var host: String?
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(method: String, url: String, host: String?, headers: [(name: String, value: String)], body: [UInt8]) {
        self.method = method
        self.url = url
        self.host = host
        self.headers = headers
        self.body = body
    }
}

public struct IncomingResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(name: String, value: String)], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// How a request ended, as Go's client would see it.
public enum TransportOutcome: Sendable {
    case response(IncomingResponse)
    /// The connection was reset by the peer.
    case reset
    /// The peer closed the connection without answering.
    case emptyResponse
    /// The bytes that came back are not HTTP.
    case malformed(String)
    /// Anything else (refused connection, I/O error).
    case failed(String)
}

/// Sends the runner's requests somewhere: the mock responder in every real use.
public protocol HTTPTransport: Sendable {
    func send(_ request: OutgoingRequest) async -> TransportOutcome
}
