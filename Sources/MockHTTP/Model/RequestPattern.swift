/// What a request must look like for a stub to answer it. Every attribute
/// given must match (logical AND); an attribute left out matches anything.
public struct RequestPattern: Sendable {
    /// The URL rule: at most one of WireMock's URL keys. Paths and query
    /// strings are compared as received, without percent-decoding.
    public enum URLRule: Sendable {
        case any
        /// Equality on path + query string.
        case url(String)
        /// Equality on the path only.
        case urlPath(String)
        /// Whole-value regex on path + query string.
        case urlPattern(WholeRegex)
        /// Whole-value regex on the path only.
        case urlPathPattern(WholeRegex)
    }

    /// Upper-case method, or nil for any (`ANY` or no `method` key).
    public var method: String?
    public var url: URLRule
    /// Matched against the absolute URL's host, or the Host header without its port.
    public var host: ValueMatcher?
    public var queryParameters: [NamedMatcher]
    /// Header names compare case-insensitively.
    public var headers: [NamedMatcher]
    /// All must match the body.
    public var bodyPatterns: [ValueMatcher]

    init(method: String? = nil, url: URLRule = .any, host: ValueMatcher? = nil, queryParameters: [NamedMatcher] = [],
         headers: [NamedMatcher] = [], bodyPatterns: [ValueMatcher] = []) {
        self.method = method
        self.url = url
        self.host = host
        self.queryParameters = queryParameters
        self.headers = headers
        self.bodyPatterns = bodyPatterns
    }
}

/// A matcher for a named, possibly repeated, attribute (query parameter, header).
public struct NamedMatcher: Sendable {
    public var name: String
    public var matcher: ValueMatcher
}
