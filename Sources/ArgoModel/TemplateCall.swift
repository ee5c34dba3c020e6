import YAMLTree

/// What a DAG task and a step have in common: the template they call and how.
public struct TemplateCall: Sendable {
    public var name: ScalarField?
    public var template: ScalarField?
    public var templateRef: TemplateRef?
    public var inline: Template?
    public var arguments: Arguments
    public var when: ScalarField?
    public var withItems: YAMLNode?
    public var withParam: ScalarField?
    public var withSequence: YAMLNode?
    public var continueOn: YAMLNode?
    public var onExit: ScalarField?
    public var hooks: [LifecycleHook]
    public var node: YAMLNode

    public init(_ node: YAMLNode) {
        self.node = node
        name = node.field("name")
        template = node.field("template")
        templateRef = node["templateRef"].flatMap(TemplateRef.init)
        inline = node["inline"].flatMap(Template.init)
        arguments = Arguments(node["arguments"])
        when = node.field("when")
        withItems = node["withItems"]
        withParam = node.field("withParam")
        withSequence = node["withSequence"]
        continueOn = node["continueOn"]
        onExit = node.field("onExit")
        hooks = LifecycleHook.decodeAll(node["hooks"])
    }

    /// True when the call runs once per item.
    public var isLooped: Bool { withItems != nil || withParam != nil || withSequence != nil }

    public var continuesOnFailed: Bool { continueOn?.field("failed")?.boolValue ?? false }
    public var continuesOnError: Bool { continueOn?.field("error")?.boolValue ?? false }

    public var reportSpan: SourceSpan { name?.span ?? node.mappingPairs.first?.key.span ?? node.span }
}

/// `templateRef: {name, template, clusterScope}`.
public struct TemplateRef: Sendable {
    public var name: ScalarField?
    public var template: ScalarField?
    public var clusterScope: Bool
    public var node: YAMLNode

    public init?(_ node: YAMLNode) {
        guard node.isMapping else { return nil }
        self.node = node
        name = node.field("name")
        template = node.field("template")
        clusterScope = node.field("clusterScope")?.boolValue ?? false
    }
}

/// A lifecycle hook: `hooks: {exit: {...}, running: {expression: ..., template: ...}}`.
public struct LifecycleHook: Sendable {
    public var event: ScalarField?
    public var template: ScalarField?
    public var templateRef: TemplateRef?
    public var expression: ScalarField?
    public var arguments: Arguments
    public var node: YAMLNode

    public init?(event: YAMLNode, node: YAMLNode) {
        guard node.isMapping else { return nil }
        self.node = node
        self.event = ScalarField(event)
        template = node.field("template")
        templateRef = node["templateRef"].flatMap(TemplateRef.init)
        expression = node.field("expression")
        arguments = Arguments(node["arguments"])
    }

    static func decodeAll(_ node: YAMLNode?) -> [LifecycleHook] {
        node?.mappingPairs.compactMap { LifecycleHook(event: $0.key, node: $0.value) } ?? []
    }
}
