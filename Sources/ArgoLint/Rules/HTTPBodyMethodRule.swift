import YAMLTree
import ArgoModel
import ArgoSemantics

/// http-body-method: a body on a GET or HEAD request (method omitted = GET).
public struct HTTPBodyMethodRule: Rule {
    public static let info = RuleInfo(id: "http-body-method", defaultSeverity: .warning, summary: "a request body on GET or HEAD")
    public var info: RuleInfo { Self.info }
    public init() {}

    public func check(_ context: ResourceContext, _ report: inout Reporter) {
        for template in context.allTemplates {
            guard let http = template.http else { continue }
            let method = http.method.flatMap { $0.isNull ? nil : $0.value.uppercased() } ?? "GET"
            guard method == "GET" || method == "HEAD" else { continue }
            let bodyKey = http.node.pair("body").flatMap { $0.value.isNull || ($0.value.stringValue?.isEmpty ?? false) ? nil : $0.key }
                ?? http.node.pair("bodyFrom")?.key
            guard let key = bodyKey else { continue }
            let shown = http.method == nil ? "GET (the default, as no method is set)" : method
            report.report(key.span, "the request sends a body with \(shown); servers commonly ignore or reject a \(method) body: use POST or PUT, or drop the body")
        }
    }
}
