import YAMLTree

// Rules whose findings come from a pipeline stage rather than a resource check:
// the YAML parser, the schema validator and the suppression pass. They are
// registered so that `argolint rules`, configuration and docs know them.

/// yaml-syntax: reported by `YAMLParser` (see Sources/YAMLTree/YAMLParser.swift).
public struct YAMLSyntaxRule: Rule {
    public static let info = RuleInfo(id: "yaml-syntax", defaultSeverity: .error, summary: "input is not valid YAML")
    public var info: RuleInfo { Self.info }
    public init() {}
    public func check(_ context: ResourceContext, _ report: inout Reporter) {}
}

/// yaml-duplicate-key: reported by `YAMLParser` when a mapping repeats a key.
public struct YAMLDuplicateKeyRule: Rule {
    public static let info = RuleInfo(id: "yaml-duplicate-key", defaultSeverity: .error, summary: "a mapping repeats a key")
    public var info: RuleInfo { Self.info }
    public init() {}
    public func check(_ context: ResourceContext, _ report: inout Reporter) {}
}

/// schema-unknown-field: reported by `SchemaValidator` (Sources/ArgoSchema).
public struct SchemaUnknownFieldRule: Rule {
    public static let info = RuleInfo(id: "schema-unknown-field", defaultSeverity: .error, summary: "a field the Argo spec does not have")
    public var info: RuleInfo { Self.info }
    public init() {}
    public func check(_ context: ResourceContext, _ report: inout Reporter) {}
}

/// schema-type: reported by `SchemaValidator` (Sources/ArgoSchema).
public struct SchemaTypeRule: Rule {
    public static let info = RuleInfo(id: "schema-type", defaultSeverity: .error, summary: "a value of the wrong type")
    public var info: RuleInfo { Self.info }
    public init() {}
    public func check(_ context: ResourceContext, _ report: inout Reporter) {}
}

/// unused-suppression: reported by the suppression pass (Engine/Suppressions.swift).
public struct UnusedSuppressionRule: Rule {
    public static let id = "unused-suppression"
    public static let info = RuleInfo(id: id, defaultSeverity: .warning, summary: "an argolint:disable comment that suppresses nothing")
    public var info: RuleInfo { Self.info }
    public init() {}
    public func check(_ context: ResourceContext, _ report: inout Reporter) {}
}
