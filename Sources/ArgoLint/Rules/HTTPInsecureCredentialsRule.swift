import YAMLTree
import ArgoModel
import ArgoSemantics
import ArgoSyntax

/// http-insecure-credentials: a request that carries credentials (a header
/// read from a Secret, an Authorization or API-key header, URL userinfo) to a
/// plain `http://` URL whose host is not the local machine: anyone on the path
/// can read them.
public struct HTTPInsecureCredentialsRule: Rule {
    public static let info = RuleInfo(id: "http-insecure-credentials", defaultSeverity: .error, summary: "credentials sent over plain http://")
    public var info: RuleInfo { Self.info }
    public init() {}

    public func check(_ context: ResourceContext, _ report: inout Reporter) {
        for template in context.allTemplates {
            guard let http = template.http, let url = http.url, !url.isNull else { continue }
            let layout = URLLayout(url.value)
            guard layout.scheme == "http", let schemeRange = layout.schemeRange else { continue }
            let host = layout.host.map { String(url.text($0)) } ?? ""
            // A templated host may be anything, the local machine included; judge only literal hosts.
            if host.isEmpty || host.hasTemplateTag || URLLayout.isLoopback(host) { continue }
            var carried: [String] = []
            for header in http.headers {
                let name = header.name?.value ?? "?"
                if header.secretKeyRef != nil {
                    carried.append("header \"\(name)\" from a Secret")
                } else if let value = header.value?.value, value.contains("lookup"),
                          TemplateTagScanner.scan(value).tags.contains(where: { $0.kind == .expression && SecretLookup.parse($0.text) != nil }) {
                    carried.append("header \"\(name)\" from a Secret")
                } else if CredentialHeaders.kind(of: name) != nil, let value = header.value, !value.isNull, !value.value.isEmpty {
                    carried.append("header \"\(name)\"")
                }
            }
            if layout.user != nil { carried.insert("URL userinfo", at: 0) }
            guard !carried.isEmpty else { continue }
            let list = carried.count <= 2 ? carried.joined(separator: " and ") : carried.prefix(2).joined(separator: ", ") + " and \(carried.count - 2) more"
            report.report(url.sourceSpan(schemeRange, in: context.file),
                          "\(list) \(carried.count == 1 ? "is" : "are") sent over plain http:// to \"\(host)\", where anyone on the network can read \(carried.count == 1 ? "it" : "them"); use https://")
        }
    }
}
