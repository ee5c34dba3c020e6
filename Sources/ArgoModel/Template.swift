import YAMLTree

/// The ten template types; a template must have exactly one.
public enum TemplateType: String, Sendable, CaseIterable {
    case container, containerSet, script, resource, suspend, dag, steps, http, data, plugin

    /// Leaf templates do work themselves; steps and dag orchestrate; suspend waits.
    public var isLeaf: Bool {
        switch self {
        case .container, .containerSet, .script, .resource, .data, .http, .plugin: return true
        case .steps, .dag, .suspend: return false
        }
    }

    /// Templates that run in a pod (so `pod.name` and artifacts paths make sense).
    public var runsInPod: Bool {
        switch self {
        case .container, .containerSet, .script, .resource, .data: return true
        default: return false
        }
    }

    /// Whether `outputs.result` and `exitCode` exist for a node of this template.
    public var producesResult: Bool {
        switch self {
        case .container, .containerSet, .script, .data, .http, .plugin: return true
        default: return false
        }
    }
}

/// One entry of `spec.templates` (or an `inline` template).
public final class Template: Sendable {
    public let name: ScalarField?
    /// The template types present, with the span of each type's key.
    public let types: [(type: TemplateType, keySpan: SourceSpan)]
    public let inputs: ParameterSet
    public let outputs: ParameterSet
    public let dag: DAGTemplate?
    /// `steps`: groups that run one after another; steps in a group run in parallel.
    public let steps: [[Step]]?
    public let http: HTTPTemplate?
    public let hasRetryStrategy: Bool
    public let isDaemon: Bool
    public let node: YAMLNode

    public init?(_ node: YAMLNode) {
        guard node.isMapping else { return nil }
        self.node = node
        // One pass over the keys: this runs for every template of every file.
        var name: ScalarField?
        var types: [(type: TemplateType, keySpan: SourceSpan)] = []
        var inputs, outputs, dagNode, stepsNode, httpNode: YAMLNode?
        var hasRetryStrategy = false
        var isDaemon = false
        for pair in node.mappingPairs {
            guard let key = pair.key.scalar?.value else { continue }
            // `suspend:` with no value decodes to a nil pointer in Go, so it declares nothing; `suspend: {}` does.
            if let type = TemplateType(rawValue: key), !pair.value.isNull {
                types.append((type, pair.key.span))
            }
            switch key {
            case "name": name = ScalarField(pair.value, key: pair.key)
            case "inputs": inputs = pair.value
            case "outputs": outputs = pair.value
            case "dag": dagNode = pair.value
            case "steps": stepsNode = pair.value
            case "http": httpNode = pair.value
            case "retryStrategy": hasRetryStrategy = pair.value.isMapping
            case "daemon": isDaemon = ScalarField(pair.value)?.boolValue ?? false
            default: break
            }
        }
        self.name = name
        self.types = types
        self.inputs = ParameterSet(inputs)
        self.outputs = ParameterSet(outputs)
        dag = dagNode.flatMap(DAGTemplate.init)
        if let stepsNode, stepsNode.isSequence {
            var groups: [[Step]] = []
            for (groupIndex, group) in stepsNode.sequenceItems.enumerated() {
                // A group that is not a list is a wrong-type issue of the schema validator.
                let members = group.isSequence ? group.sequenceItems : .empty
                groups.append(members.enumerated().compactMap { Step($0.element, group: groupIndex, index: $0.offset) })
            }
            steps = groups
        } else {
            steps = nil
        }
        http = httpNode.flatMap(HTTPTemplate.init)
        self.hasRetryStrategy = hasRetryStrategy
        self.isDaemon = isDaemon
    }

    /// The single template type, when there is exactly one.
    public var type: TemplateType? { types.count == 1 ? types[0].type : nil }

    /// Where to point when talking about the template as a whole.
    public var reportSpan: SourceSpan { name?.span ?? node.mappingPairs.first?.key.span ?? node.span }
}
