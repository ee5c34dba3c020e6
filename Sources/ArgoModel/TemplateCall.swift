import YAMLTree

/// What a DAG task and a step have in common: the template they call and how.
public final class TemplateCall: Sendable {
    public let name: ScalarField?
    public let template: ScalarField?
    public let templateRef: TemplateRef?
    public let inline: Template?
    public let arguments: Arguments
    public let when: ScalarField?
    public let withItems: YAMLNode?
    public let withParam: ScalarField?
    public let withSequence: YAMLNode?
    public let continueOn: YAMLNode?
    public let onExit: ScalarField?
    public let hooks: [LifecycleHook]
    public let node: YAMLNode

    public init(_ node: YAMLNode) {
        self.node = node
        // One pass over the keys: this runs for every task and step of every file.
        var name, template, when, withParam, onExit: ScalarField?
        var templateRef: TemplateRef?
        var inline: Template?
        var arguments: YAMLNode?
        var withItems, withSequence, continueOn, hooks: YAMLNode?
        for pair in node.mappingPairs {
            guard let key = pair.key.scalar?.value else { continue }
            switch key {
            case "name": name = ScalarField(pair.value, key: pair.key)
            case "template": template = ScalarField(pair.value, key: pair.key)
            case "templateRef": templateRef = TemplateRef(pair.value)
            case "inline": inline = Template(pair.value)
            case "arguments": arguments = pair.value
            case "when": when = ScalarField(pair.value, key: pair.key)
            case "withItems": withItems = pair.value
            case "withParam": withParam = ScalarField(pair.value, key: pair.key)
            case "withSequence": withSequence = pair.value
            case "continueOn": continueOn = pair.value
            case "onExit": onExit = ScalarField(pair.value, key: pair.key)
            case "hooks": hooks = pair.value
            default: break
            }
        }
        self.name = name
        self.template = template
        self.templateRef = templateRef
        self.inline = inline
        self.arguments = Arguments(arguments)
        self.when = when
        self.withItems = withItems
        self.withParam = withParam
        self.withSequence = withSequence
        self.continueOn = continueOn
        self.onExit = onExit
        self.hooks = LifecycleHook.decodeAll(hooks)
    }

    /// True when the call runs once per item.
    public var isLooped: Bool { withItems != nil || withParam != nil || withSequence != nil }

    public var continuesOnFailed: Bool { continueOn?.field("failed")?.boolValue ?? false }
    public var continuesOnError: Bool { continueOn?.field("error")?.boolValue ?? false }

    public var reportSpan: SourceSpan { name?.span ?? node.mappingPairs.first?.key.span ?? node.span }
}

/// `templateRef: {name, template, clusterScope}`.
public final class TemplateRef: Sendable {
    public let name: ScalarField?
    public let template: ScalarField?
    public let clusterScope: Bool
    public let node: YAMLNode

    public init?(_ node: YAMLNode) {
        guard node.isMapping else { return nil }
        self.node = node
        name = node.field("name")
        template = node.field("template")
        clusterScope = node.field("clusterScope")?.boolValue ?? false
    }
}

/// A lifecycle hook: `hooks: {exit: {...}, running: {expression: ..., template: ...}}`.
public final class LifecycleHook: Sendable {
    public let event: ScalarField?
    public let template: ScalarField?
    public let templateRef: TemplateRef?
    public let expression: ScalarField?
    public let arguments: Arguments
    public let node: YAMLNode

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
