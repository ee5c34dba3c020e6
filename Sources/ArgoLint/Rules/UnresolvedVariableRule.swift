import YAMLTree

/// unresolved-variable: a {{...}} reference Argo cannot resolve. The checks themselves live in
/// Sources/ArgoLint/Analysis (ExpressionAnalysis runs them once per resource
/// for all four expression rules); this rule reports its share.
public struct UnresolvedVariableRule: Rule {
    public static let info = RuleInfo(id: "unresolved-variable", defaultSeverity: .error, summary: "a {{...}} reference Argo cannot resolve")
    public var info: RuleInfo { Self.info }
    public init() {}

    public func check(_ context: ResourceContext, _ report: inout Reporter) {
        for finding in context.expressionFindings where finding.rule == ExpressionAnalysis.unresolvedVariable {
            report.report(finding.span, finding.message, severity: finding.severity, fix: finding.fix, related: finding.related)
        }
    }
}
