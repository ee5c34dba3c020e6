import YAMLTree

/// One step of a steps template: `steps[group][index]`.
public final class Step: Sendable {
    public let group: Int
    public let index: Int
    public let call: TemplateCall

    public init?(_ node: YAMLNode, group: Int, index: Int) {
        guard node.isMapping else { return nil }
        self.group = group
        self.index = index
        call = TemplateCall(node)
    }

    public var name: ScalarField? { call.name }
    public var node: YAMLNode { call.node }
}
