import YAMLTree
import ArgoModel
import ArgoSemantics

/// http-insecure-tls: `insecureSkipVerify: true` turns off certificate checks.
public struct HTTPInsecureTLSRule: Rule {
    public static let info = RuleInfo(id: "http-insecure-tls", defaultSeverity: .warning, summary: "insecureSkipVerify turns off TLS certificate checks")
    public var info: RuleInfo { Self.info }
    public init() {}

    public func check(_ context: ResourceContext, _ report: inout Reporter) {
        for template in context.allTemplates {
            guard let flag = template.http?.insecureSkipVerify, flag.boolValue == true else { continue }
            report.report(flag.span, "insecureSkipVerify: true accepts any certificate, so anyone in the network path can read or change the request; trust the server's CA instead")
        }
    }
}
