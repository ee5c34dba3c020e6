import YAMLTree

/// expr-type: a type error in an expression. The checks themselves live in
/// Sources/ArgoLint/Analysis (ExpressionAnalysis runs them once per resource
/// for all four expression rules); this rule reports its share.
public struct ExprTypeRule: Rule {
    public static let info = RuleInfo(id: "expr-type", defaultSeverity: .error, summary: "a type error in an expression")
    public var info: RuleInfo { Self.info }
    public init() {}

    public func check(_ context: ResourceContext, _ report: inout Reporter) {
        for finding in context.expressionFindings where finding.rule == ExpressionAnalysis.exprType {
            report.report(finding.span, finding.message, severity: finding.severity, fix: finding.fix, related: finding.related)
        }
    }
}
