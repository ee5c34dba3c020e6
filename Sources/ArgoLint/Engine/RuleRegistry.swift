/// Every rule argolint has, in the order `argolint rules` lists them.
/// Adding a rule: a file in Sources/ArgoLint/Rules and its doc in rules/<id>.md, plus one line here.
public enum RuleRegistry {
    public static let all: [any Rule] = [
        YAMLSyntaxRule(),
        YAMLDuplicateKeyRule(),
        SchemaUnknownFieldRule(),
        SchemaTypeRule(),
        SchemaRequiredRule(),
        TemplateTypeRule(),
        TemplateFieldRule(),
        WorkflowFieldRule(),
        CronSpecRule(),
        MetricSpecRule(),
        ContainerSpecRule(),
        ResourceTemplateRule(),
        ParameterValueRule(),
        ArtifactSourceRule(),
        DuplicateNameRule(),
        InvalidNameRule(),
        UndefinedTemplateRule(),
        MissingArgumentRule(),
        StepFieldRule(),
        UndefinedDependencyRule(),
        DAGCycleRule(),
        DependsSyntaxRule(),
        DependencyConflictRule(),
        UnresolvedVariableRule(),
        ExprSyntaxRule(),
        ExprTypeRule(),
        ExprUnknownNameRule(),
        SecretUndefinedRule(),
        SecretHardcodedRule(),
        SecretLookupUnsupportedRule(),
        HTTPInsecureCredentialsRule(),
        HTTPMethodRule(),
        HTTPURLRule(),
        HTTPTimeoutRule(),
        HTTPBodyMethodRule(),
        HTTPInsecureTLSRule(),
        HTTPBodyJSONRule(),
        UnusedSuppressionRule(),
    ]

    public static func rule(id: String) -> (any Rule)? {
        all.first { $0.info.id == id }
    }
}
