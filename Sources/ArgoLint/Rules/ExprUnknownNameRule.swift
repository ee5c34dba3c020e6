import YAMLTree

/// expr-unknown-name: an unknown variable or function. The checks themselves live in
/// Sources/ArgoLint/Analysis (ExpressionAnalysis runs them once per resource
/// for all four expression rules); this rule reports its share.
public struct ExprUnknownNameRule: Rule {
    public static let info = RuleInfo(id: "expr-unknown-name", defaultSeverity: .error, summary: "an unknown variable or function")
    public var info: RuleInfo { Self.info }
    public init() {}

    public func check(_ context: ResourceContext, _ report: inout Reporter) {
        for finding in context.expressionFindings where finding.rule == ExpressionAnalysis.exprUnknownName {
            report.report(finding.span, finding.message, severity: finding.severity, fix: finding.fix, related: finding.related)
        }
    }
}
