/// The parts of an absolute URL (`scheme://[user@]host[:port]/path?query`) the
/// runner needs, split in one place: the Host header, Go's checks, and the
/// stub a scenario's responses compile to all read the same parts.
struct AbsoluteURL {
    var scheme: String
    /// `host[:port]`, without user info.
    var authority: String
    /// Everything after the authority, `/` when that is empty; a bare `?q` becomes `/?q`.
    var pathAndQuery: String

    init?(_ url: String) {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        scheme = String(url[..<schemeEnd.lowerBound])
        let rest = url[schemeEnd.upperBound...]
        let end = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        let written = rest[..<end]
        authority = written.lastIndex(of: "@").map { String(written[written.index(after: $0)...]) } ?? String(written)
        let path = String(rest[end...])
        pathAndQuery = path.isEmpty ? "/" : path.hasPrefix("/") ? path : "/" + path
    }

    /// The host without its port (an IPv6 literal keeps its brackets).
    var host: String {
        authority.hasPrefix("[") ? authority : String(authority.prefix { $0 != ":" })
    }
}
