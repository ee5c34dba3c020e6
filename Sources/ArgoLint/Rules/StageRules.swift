import YAMLTree
import ArgoSchema

// Rules whose findings come from a pipeline stage rather than a resource check:
// the YAML parser, the schema validator and the suppression pass. They are
// registered so that `argolint rules`, configuration and docs know them, and
// the stages' issue kinds are mapped to their ids here (see the end of the file).

/// yaml-syntax: `YAMLParser`'s `.syntax` issues (see Sources/YAMLTree/YAMLParser.swift).
public struct YAMLSyntaxRule: Rule {
    public static let info = RuleInfo(id: "yaml-syntax", defaultSeverity: .error, summary: "input is not valid YAML")
    public var info: RuleInfo { Self.info }
    public init() {}
    public func check(_ context: ResourceContext, _ report: inout Reporter) {}
}

/// yaml-duplicate-key: `YAMLParser`'s `.duplicateKey` issues, when a mapping repeats a key.
public struct YAMLDuplicateKeyRule: Rule {
    public static let info = RuleInfo(id: "yaml-duplicate-key", defaultSeverity: .error, summary: "a mapping repeats a key")
    public var info: RuleInfo { Self.info }
    public init() {}
    public func check(_ context: ResourceContext, _ report: inout Reporter) {}
}

/// schema-unknown-field: `SchemaValidator`'s `.unknownField` issues (Sources/ArgoSchema).
public struct SchemaUnknownFieldRule: Rule {
    public static let info = RuleInfo(id: "schema-unknown-field", defaultSeverity: .error, summary: "a field the Argo spec does not have")
    public var info: RuleInfo { Self.info }
    public init() {}
    public func check(_ context: ResourceContext, _ report: inout Reporter) {}
}

/// schema-type: `SchemaValidator`'s `.wrongType` issues (Sources/ArgoSchema), and the
/// linter's warning for a document that is not a Kubernetes object.
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

// MARK: Issue kinds → rule ids

// The one place each lower module's issue kinds become rule ids. A new kind
// fails to compile here until it is given a rule.

extension YAMLIssue.Kind {
    var ruleID: String {
        switch self {
        case .syntax: return YAMLSyntaxRule.info.id
        case .duplicateKey: return YAMLDuplicateKeyRule.info.id
        }
    }
}

extension SchemaIssue.Kind {
    var ruleID: String {
        switch self {
        case .unknownField: return SchemaUnknownFieldRule.info.id
        case .wrongType: return SchemaTypeRule.info.id
        case .missingRequired: return SchemaRequiredRule.info.id
        }
    }
}

extension Diagnostic {
    init(_ issue: YAMLIssue) {
        self.init(rule: issue.kind.ruleID, severity: issue.severity, message: issue.message, span: issue.span, related: issue.related)
    }

    init(_ issue: SchemaIssue) {
        self.init(rule: issue.kind.ruleID, severity: issue.severity, message: issue.message, span: issue.span,
                  fix: issue.fix, related: issue.related)
    }
}
