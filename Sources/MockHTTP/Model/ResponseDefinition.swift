/// What a stub answers.
public struct ResponseDefinition: Sendable {
    public var status: Int
    public var statusMessage: String?
    /// In order; a header given as a list appears once per value.
    public var headers: [HTTPField]
    /// From `body`, `jsonBody`, `base64Body` or `bodyFileName`, already resolved.
    public var body: [UInt8]
    public var fixedDelayMilliseconds: Int?
    /// When set, the connection misbehaves instead of answering.
    public var fault: Fault?

    init(status: Int = 200, statusMessage: String? = nil, headers: [HTTPField] = [], body: [UInt8] = [],
         fixedDelayMilliseconds: Int? = nil, fault: Fault? = nil) {
        self.status = status
        self.statusMessage = statusMessage
        self.headers = headers
        self.body = body
        self.fixedDelayMilliseconds = fixedDelayMilliseconds
        self.fault = fault
    }
}

/// WireMock's connection faults, as the client observes them.
public enum Fault: String, Sendable, CaseIterable {
    /// The connection is reset (RST) without a response.
    case connectionResetByPeer = "CONNECTION_RESET_BY_PEER"
    /// The connection is closed without a byte written.
    case emptyResponse = "EMPTY_RESPONSE"
    /// A 200 status line and chunked headers, then bytes that are no chunk, then close.
    case malformedResponseChunk = "MALFORMED_RESPONSE_CHUNK"
    /// Bytes that are no HTTP response, then close.
    case randomDataThenClose = "RANDOM_DATA_THEN_CLOSE"
}
