import YAMLTree
import ArgoModel
import ArgoSemantics

/// template-type: every template needs exactly one type (container, script, dag, http, ...).
public struct TemplateTypeRule: Rule {
    public static let info = RuleInfo(id: "template-type", defaultSeverity: .error, summary: "a template has no type, or more than one")
    public var info: RuleInfo { Self.info }
    public init() {}

    public func check(_ context: ResourceContext, _ report: inout Reporter) {
        for template in context.allTemplates { check(template, &report) }
    }

    private func check(_ template: Template, _ report: inout Reporter) {
        let name = template.name.map { "template \"\($0.value)\"" } ?? "this template"
        let choices = TemplateType.allCases.map(\.rawValue).joined(separator: ", ")
        if template.types.isEmpty {
            report.report(template.reportSpan, "\(name) has no type; give it exactly one of \(choices)")
        } else if template.types.count > 1 {
            let found = template.types.map { "\"\($0.type.rawValue)\"" }.joined(separator: " and ")
            report.report(template.types[1].keySpan, "\(name) has more than one type (\(found)); a template must have exactly one")
        }
    }
}
