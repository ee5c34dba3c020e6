import YAMLTree

/// One step of a steps template: `steps[group][index]`.
public struct Step: Sendable {
    public var group: Int
    public var index: Int
    public var call: TemplateCall

    public init?(_ node: YAMLNode, group: Int, index: Int) {
        guard node.isMapping else { return nil }
        self.group = group
        self.index = index
        call = TemplateCall(node)
    }

    public var name: ScalarField? { call.name }
    public var node: YAMLNode { call.node }
}
