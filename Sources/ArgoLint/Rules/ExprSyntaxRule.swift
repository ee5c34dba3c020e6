import YAMLTree

/// expr-syntax: successCondition, when or {{= }} does not parse. The checks themselves live in
/// Sources/ArgoLint/Analysis (ExpressionAnalysis runs them once per resource
/// for all four expression rules); this rule reports its share.
public struct ExprSyntaxRule: Rule {
    public static let info = RuleInfo(id: "expr-syntax", defaultSeverity: .error, summary: "successCondition, when or {{= }} does not parse")
    public var info: RuleInfo { Self.info }
    public init() {}

    public func check(_ context: ResourceContext, _ report: inout Reporter) {
        for finding in context.expressionFindings where finding.rule == ExpressionAnalysis.exprSyntax {
            report.report(finding.span, finding.message, severity: finding.severity, fix: finding.fix, related: finding.related)
        }
    }
}
