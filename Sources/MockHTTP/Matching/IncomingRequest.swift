/// A request as the matcher sees it, with the parts every stub asks about
/// (query parameters, body as text and JSON) computed once.
struct IncomingRequest: Sendable {
    let method: String
    let target: RequestTarget
    let headers: [HTTPField]
    let body: [UInt8]
    let bodyText: String
    /// The body parsed as JSON, nil when it is not JSON.
    let bodyJSON: JSONValue?
    let queryParameters: [(name: String, value: String)]

    init(method: String, target: RequestTarget, headers: [HTTPField], body: [UInt8]) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
        self.bodyText = String(decoding: body, as: UTF8.self)
        self.bodyJSON = body.isEmpty ? nil : JSONParser.parse(body)
        self.queryParameters = QueryString.parameters(target.query)
    }

    /// The host the request was meant for: the absolute URL's, else the Host header's.
    var host: String? {
        if let host = target.host { return host }
        return headerValues("Host").first.map(RequestTarget.hostWithoutPort)
    }

    /// The absolute URL when it was sent, else one rebuilt from the Host header.
    var absoluteURL: String? {
        if let url = target.absoluteURL { return url }
        return headerValues("Host").first.map { "http://\($0)\(target.pathAndQuery)" }
    }

    /// What the journal calls the URL: the absolute URL when one was sent.
    var journalURL: String { target.absoluteURL ?? target.pathAndQuery }

    func headerValues(_ name: String) -> [String] {
        headers.filter { $0.name.caseInsensitiveEquals(name) }.map(\.value)
    }

    func queryValues(_ name: String) -> [String] {
        queryParameters.filter { $0.name == name }.map(\.value)
    }
}

extension String {
    /// ASCII case-insensitive equality (HTTP header names).
    func caseInsensitiveEquals(_ other: String) -> Bool {
        let a = self.utf8, b = other.utf8
        guard a.count == b.count else { return false }
        return zip(a, b).allSatisfy { x, y in
            x == y || (x | 0x20 == y | 0x20 && (x | 0x20) >= UInt8(ascii: "a") && (x | 0x20) <= UInt8(ascii: "z"))
        }
    }
}
