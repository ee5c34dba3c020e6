/// The request-target of a request line, in origin form (`/a?b=1`) or
/// absolute form (`http://host/a?b=1`, as sent to a proxy). The argolint
/// runner uses the absolute form so the URL the workflow named is matched
/// and journaled whatever host it points at.
struct RequestTarget: Sendable, Equatable {
    var path: String
    /// The raw query string after `?`, nil when there is no `?`.
    var query: String?
    /// Set for the absolute form.
    var absoluteURL: String?
    var host: String?

    var pathAndQuery: String { query.map { path + "?" + $0 } ?? path }
    var isAbsoluteForm: Bool { absoluteURL != nil }

    init(path: String, query: String?, absoluteURL: String?, host: String?) {
        self.path = path
        self.query = query
        self.absoluteURL = absoluteURL
        self.host = host
    }

    init(parsing target: String) {
        // A fragment is never sent by a conforming client; drop one if present.
        let withoutFragment = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? target
        if let (host, rest) = Self.splitAbsolute(withoutFragment) {
            let (path, query) = Self.splitQuery(rest)
            self.init(path: path.isEmpty ? "/" : path, query: query, absoluteURL: withoutFragment, host: host)
        } else {
            let (path, query) = Self.splitQuery(withoutFragment)
            self.init(path: path, query: query, absoluteURL: nil, host: nil)
        }
    }

    /// For `scheme://authority/rest`: the host (no user info, no port) and
    /// the rest from the first `/`, `?` on.
    private static func splitAbsolute(_ target: String) -> (host: String, rest: String)? {
        guard let schemeEnd = target.range(of: "://") else { return nil }
        let scheme = target[..<schemeEnd.lowerBound]
        guard !scheme.isEmpty, scheme.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }),
              scheme.first?.isLetter == true else { return nil }
        let afterScheme = target[schemeEnd.upperBound...]
        let authorityEnd = afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? afterScheme.endIndex
        var authority = afterScheme[..<authorityEnd]
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        return (hostWithoutPort(String(authority)), String(afterScheme[authorityEnd...]))
    }

    private static func splitQuery(_ text: String) -> (path: String, query: String?) {
        guard let mark = text.firstIndex(of: "?") else { return (text, nil) }
        return (String(text[..<mark]), String(text[text.index(after: mark)...]))
    }

    /// `example.com:8080` → `example.com`; `[::1]:80` → `::1`.
    static func hostWithoutPort(_ authority: String) -> String {
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            return String(authority[authority.index(after: authority.startIndex)..<close])
        }
        if let colon = authority.lastIndex(of: ":") { return String(authority[..<colon]) }
        return authority
    }
}
