import YAMLTree
import ArgoModel
import ArgoSemantics

/// http-timeout: `timeoutSeconds` must be a positive number of seconds.
public struct HTTPTimeoutRule: Rule {
    public static let info = RuleInfo(id: "http-timeout", defaultSeverity: .error, summary: "an HTTP timeoutSeconds that is not positive")
    public var info: RuleInfo { Self.info }
    public init() {}

    public func check(_ context: ResourceContext, _ report: inout Reporter) {
        for template in context.allTemplates {
            guard let timeout = template.http?.timeoutSeconds, !timeout.isNull, !timeout.value.hasTemplateTag else { continue }
            // Non-integers are the schema's (schema-type); here only the value is judged.
            guard case .int(let seconds) = timeout.resolved, seconds <= 0 else { continue }
            report.report(timeout.span, "timeoutSeconds is \(seconds): a request with no time at all fails at once; give a positive number of seconds, or remove it for no limit")
        }
    }
}
