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
public struct Template: Sendable {
    public var name: ScalarField?
    /// The template types present, with the span of each type's key.
    public var types: [(type: TemplateType, keySpan: SourceSpan)]
    public var inputs: ParameterSet
    public var outputs: ParameterSet
    public var dag: DAGTemplate?
    /// `steps`: groups that run one after another; steps in a group run in parallel.
    public var steps: [[Step]]?
    public var http: HTTPTemplate?
    public var hasRetryStrategy: Bool
    public var isDaemon: Bool
    public var node: YAMLNode

    public init?(_ node: YAMLNode) {
        guard node.isMapping else { return nil }
        self.node = node
        name = node.field("name")
        var types: [(type: TemplateType, keySpan: SourceSpan)] = []
        for pair in node.mappingPairs {
            // `suspend:` with no value decodes to a nil pointer in Go, so it declares nothing; `suspend: {}` does.
            if let key = pair.key.stringValue, let type = TemplateType(rawValue: key), !pair.value.isNull {
                types.append((type, pair.key.span))
            }
        }
        self.types = types
        inputs = ParameterSet(node["inputs"])
        outputs = ParameterSet(node["outputs"])
        dag = node["dag"].flatMap(DAGTemplate.init)
        if let stepsNode = node["steps"], stepsNode.isSequence {
            var groups: [[Step]] = []
            for (groupIndex, group) in stepsNode.sequenceItems.enumerated() {
                // A group that is not a list is a schema-type error reported by the validator.
                let members = group.isSequence ? group.sequenceItems : []
                groups.append(members.enumerated().compactMap { Step($0.element, group: groupIndex, index: $0.offset) })
            }
            steps = groups
        } else {
            steps = nil
        }
        http = node["http"].flatMap(HTTPTemplate.init)
        hasRetryStrategy = node["retryStrategy"]?.isMapping == true
        isDaemon = node.field("daemon")?.boolValue ?? false
    }

    /// The single template type, when there is exactly one.
    public var type: TemplateType? { types.count == 1 ? types[0].type : nil }

    /// Where to point when talking about the template as a whole.
    public var reportSpan: SourceSpan { name?.span ?? node.mappingPairs.first?.key.span ?? node.span }
}
