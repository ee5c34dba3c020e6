import YAMLTree

/// An input, output or argument parameter.
public final class Parameter: Sendable {
    public let name: ScalarField?
    public let value: ScalarField?
    public let defaultValue: ScalarField?
    public let valueFrom: YAMLNode?
    public let globalName: ScalarField?
    public let node: YAMLNode

    public init?(_ node: YAMLNode) {
        guard node.isMapping else { return nil }
        self.node = node
        var name, value, defaultValue, globalName: ScalarField?
        var valueFrom: YAMLNode?
        for pair in node.mappingPairs {
            switch pair.key.scalar?.value {
            case "name": name = ScalarField(pair.value, key: pair.key)
            case "value": value = ScalarField(pair.value, key: pair.key)
            case "default": defaultValue = ScalarField(pair.value, key: pair.key)
            case "valueFrom": valueFrom = pair.value
            case "globalName": globalName = ScalarField(pair.value, key: pair.key)
            default: break
            }
        }
        self.name = name
        self.value = value
        self.defaultValue = defaultValue
        self.valueFrom = valueFrom
        self.globalName = globalName
    }
}

/// An input, output or argument artifact (only what reference checks need).
public final class Artifact: Sendable {
    public let name: ScalarField?
    public let from: ScalarField?
    public let globalName: ScalarField?
    public let node: YAMLNode

    public init?(_ node: YAMLNode) {
        guard node.isMapping else { return nil }
        self.node = node
        name = node.field("name")
        from = node.field("from")
        globalName = node.field("globalName")
    }
}

/// `inputs`, `outputs` or `arguments`: parameters and artifacts.
public struct ParameterSet: Sendable {
    public var parameters: [Parameter]
    public var artifacts: [Artifact]
    public var node: YAMLNode?

    public init(_ node: YAMLNode?) {
        self.node = node
        parameters = node?["parameters"]?.sequenceItems.compactMap(Parameter.init) ?? []
        artifacts = node?["artifacts"]?.sequenceItems.compactMap(Artifact.init) ?? []
    }

    public func parameter(named name: String) -> Parameter? { parameters.first { $0.name?.value == name } }
    public func artifact(named name: String) -> Artifact? { artifacts.first { $0.name?.value == name } }
}

public typealias Arguments = ParameterSet
