/// The shape a field's value must have.
///
/// The scalar cases follow the Go types Argo decodes into, as read through
/// Kubernetes' YAML reader (sigs.k8s.io/yaml): a plain `3` is an integer, a
/// quoted `"3"` is a string, `yes` is a boolean.
public indirect enum FieldType: Sendable, Hashable {
    /// A Go `string`. Plain scalars of other YAML types are accepted (the reader
    /// converts them), with a warning when the conversion changes the text.
    case string
    /// A Go integer: a plain integer scalar (or a `{{...}}` template tag).
    case int
    /// A Go `bool`: a plain boolean scalar (or a `{{...}}` template tag).
    case bool
    /// A JSON number (`json.Number`): integer or float, quoted or not.
    case number
    /// Kubernetes `IntOrString`: an integer or any string (quoted or not).
    case intOrString
    /// A mapping checked against an object of the table.
    case object(ObjectID)
    /// A list whose items have the element type.
    case array(FieldType)
    /// A mapping with free keys whose values have the element type.
    case map(FieldType)
    /// Free-form JSON (`withItems` elements, plugin bodies): anything goes.
    case any
    /// A Kubernetes-owned structure argolint does not check (volumes, affinity, probes...).
    case opaque

    /// What a value of this type is, in words ("an integer", "a list", ...).
    public var description: String {
        switch self {
        case .string: return "a string"
        case .int: return "an integer"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .intOrString: return "an integer or a string"
        case .object: return "a mapping"
        case .array: return "a list"
        case .map: return "a mapping"
        case .any, .opaque: return "any value"
        }
    }
}

/// When a field must be present.
public enum Requirement: Sendable, Hashable {
    case optional
    case required
    /// Required unless one of these sibling fields is present (a deprecated spelling, say).
    case requiredUnless([String])
}

/// One key of an object.
public struct FieldSpec: Sendable, Hashable {
    public var name: String
    public var type: FieldType
    public var requirement: Requirement

    public init(_ name: String, _ type: FieldType, _ requirement: Requirement = .optional) {
        self.name = name
        self.type = type
        self.requirement = requirement
    }

    public var isRequired: Bool { requirement != .optional }
}

/// One object type of the schema: the keys it has and how to speak of it.
public struct ObjectSpec: Sendable {
    public var id: ObjectID
    /// How messages name the object: "a DAG task", "an HTTP template".
    public var displayName: String
    public let fields: [FieldSpec]
    /// When true, keys outside `fields` are accepted without a finding.
    public var allowsUnknownFields: Bool
    /// The upstream definition this object mirrors (`io.argoproj.workflow.v1alpha1.DAGTask`), for the drift test.
    public var upstream: String?
    /// The fields whose absence is a finding, in table order.
    public let requiredFields: [FieldSpec]
    /// `fields` by name (see `field(_:)`).
    let fieldIndex: FieldIndex

    public init(_ id: ObjectID, _ displayName: String, upstream: String?, allowsUnknownFields: Bool = false, fields: [FieldSpec]) {
        self.id = id
        self.displayName = displayName
        self.fields = fields
        self.allowsUnknownFields = allowsUnknownFields
        self.upstream = upstream
        var seen = Set<String>()
        for field in fields {
            precondition(seen.insert(field.name).inserted, "duplicate field \(field.name) in \(id)")
        }
        self.requiredFields = fields.filter(\.isRequired)
        self.fieldIndex = FieldIndex(fields.map(\.name))
    }

    public func field(_ name: String) -> FieldSpec? { fieldIndex.position(of: name).map { fields[$0] } }
    public var fieldNames: [String] { fields.map(\.name) }
}

/// Every object type of the table.
public enum ObjectID: String, Sendable, Hashable, CaseIterable {
    // Resources
    case workflow, workflowTemplate, clusterWorkflowTemplate, cronWorkflow
    case objectMeta
    // Specs
    case workflowSpec, cronWorkflowSpec, stopStrategy
    // Templates
    case template, templateDefaults, inlineTemplate
    case dagTemplate, dagTask, workflowStep
    case http, httpHeader, httpHeaderSource, httpBodySource
    case inputs, outputs, arguments, parameter, valueFrom
    case artifact, artifactPaths, artifactLocation, archiveStrategy, tarStrategy, rawArtifact, artifactGC
    case retryStrategy, backoff, retryAffinity, continueOn
    case lifecycleHook, templateRef, workflowTemplateRef, sequence
    case synchronization, mutex, semaphoreRef, syncDatabaseRef
    case metrics, prometheus, gauge, counter, histogram, metricLabel
    case memoize, cache
    case artifactRepositoryRef
    case metadata, workflowMetadata, labelValueFrom
    case ttlStrategy, podGC, workflowLevelArtifactGC, volumeClaimGC
    case executorConfig
    case resourceTemplate, manifestFrom
    case suspendTemplate
    case data, dataSource, transformationStep
    case containerSetTemplate, containerNode, containerSetRetryStrategy
    case scriptTemplate, userContainer
    // Kubernetes
    case container, envVar, secretKeySelector, configMapKeySelector, localObjectReference
}
