import YAMLTree
import ArgoModel
import ArgoSemantics

/// http-method: Argo sends `http.method` exactly as written, and Go's HTTP
/// client refuses anything that is not a token; a typo like `FETCH` goes out
/// and the server answers 405 or 501.
public struct HTTPMethodRule: Rule {
    public static let info = RuleInfo(id: "http-method", defaultSeverity: .error, summary: "not a registered HTTP method")
    public var info: RuleInfo { Self.info }
    public init() {}

    static let registered = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT",
                             "PROPFIND", "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK", "REPORT", "SEARCH", "QUERY"]

    /// Words people write for a method that edit distance cannot connect to it.
    static let synonyms = ["FETCH": "GET", "RETRIEVE": "GET", "READ": "GET", "LIST": "GET", "CREATE": "POST", "SEND": "POST",
                           "SUBMIT": "POST", "UPDATE": "PUT", "REPLACE": "PUT", "MODIFY": "PATCH", "REMOVE": "DELETE", "DEL": "DELETE", "DESTROY": "DELETE"]

    public func check(_ context: ResourceContext, _ report: inout Reporter) {
        for template in context.allTemplates {
            guard let method = template.http?.method, !method.isNull, !method.value.hasTemplateTag else { continue }
            let value = method.value
            // Upper-casing keeps the method meant; another method is a guess.
            let fix: (String) -> Fix? = { replacement in
                context.file.text(of: method.span) == value
                    ? Fix(description: "use \(replacement)", edits: [TextEdit(span: method.span, newText: replacement)],
                          applicability: replacement == value.uppercased() ? .safe : .unsafe) : nil
            }
            // RFC 9110 token characters: Go rejects anything else before sending.
            let isToken = !value.isEmpty && value.unicodeScalars.allSatisfy { s in
                s.isASCII && (("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s) || "!#$%&'*+-.^_`|~".unicodeScalars.contains(s))
            }
            if !isToken {
                let cleaned = value.uppercased().filter { $0.isLetter }
                let suggestion = Self.registered.contains(cleaned) ? cleaned : Suggestions.best(for: cleaned, among: Self.registered)
                report.report(method.span, "method \"\(value)\" is not a valid HTTP method token, so Go refuses to send the request (net/http: invalid method)" + (suggestion.map { "; did you mean \"\($0)\"?" } ?? ""), fix: suggestion.flatMap(fix))
            } else if Self.registered.contains(value) {
                continue
            } else if Self.registered.contains(value.uppercased()) {
                report.report(method.span, "method \"\(value)\" is sent as written, and HTTP methods are case-sensitive: most servers reject it; write \"\(value.uppercased())\"", severity: .warning, fix: fix(value.uppercased()))
            } else if let suggestion = Self.synonyms[value.uppercased()] ?? Suggestions.best(for: value.uppercased(), among: Self.registered) {
                report.report(method.span, "\"\(value)\" is not an HTTP method; Argo sends it as written and the server will reject it; did you mean \"\(suggestion)\"?", fix: fix(suggestion))
            } else {
                // A well-formed token with no close registered method may be a server's own
                // extension (PURGE for caches): worth a look, not a failure.
                report.report(method.span, "\"\(value)\" is not a registered HTTP method; Argo sends it as written, so make sure the server implements it (usual methods are GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS)", severity: .warning)
            }
        }
    }
}
