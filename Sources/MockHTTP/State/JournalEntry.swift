import Foundation

/// One request the responder received, in arrival order, and what it did.
public struct JournalEntry: Sendable {
    public let id: String
    public let loggedAt: Date
    public let method: String
    /// Path and query as received, or the absolute URL for an absolute-form request.
    public let url: String
    /// Path and query alone, whatever the form.
    public let pathAndQuery: String
    /// The absolute URL sent, or one rebuilt from the Host header; nil when neither is known.
    public let absoluteURL: String?
    public let host: String?
    /// As received, in order.
    public let headers: [HTTPField]
    public let body: [UInt8]
    public let wasMatched: Bool
    public let stubID: String?
    public let stubName: String?
    /// The status sent; nil when a fault was served instead.
    public let responseStatus: Int?
    public let fault: Fault?
    public let delayMilliseconds: Int?

    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}

extension JournalEntry {
    init(request: IncomingRequest, stub: StubMapping?, status: Int?) {
        id = UUID().uuidString.lowercased()
        loggedAt = Date()
        method = request.method
        url = request.journalURL
        pathAndQuery = request.target.pathAndQuery
        absoluteURL = request.absoluteURL
        host = request.host
        headers = request.headers
        body = request.body
        wasMatched = stub != nil
        stubID = stub?.id
        stubName = stub?.name
        fault = stub?.response.fault
        responseStatus = fault == nil ? status : nil
        delayMilliseconds = stub?.response.fixedDelayMilliseconds
    }
}
