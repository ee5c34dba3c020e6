import YAMLTree

/// A scalar value from the manifest with where it was written. Numbers and
/// booleans are kept as their source text; the schema validator has already
/// reported values of the wrong type.
public struct ScalarField: Sendable {
    public var value: String
    /// The value's span (quotes and block indicators included).
    public var span: SourceSpan
    /// The key's span, when the value sits under a key.
    public var keySpan: SourceSpan?
    public var style: ScalarStyle
    public var tag: String?

    public init(value: String, span: SourceSpan, keySpan: SourceSpan?, style: ScalarStyle, tag: String? = nil) {
        self.value = value
        self.span = span
        self.keySpan = keySpan
        self.style = style
        self.tag = tag
    }

    /// From a scalar node; nil for collections (a type error reported elsewhere).
    public init?(_ node: YAMLNode?, key: YAMLNode? = nil) {
        guard let node, let scalar = node.scalar else { return nil }
        self.init(value: scalar.value, span: node.span, keySpan: key?.span, style: scalar.style, tag: scalar.tag)
    }

    public var scalar: YAMLScalar { YAMLScalar(value: value, style: style, tag: tag) }

    /// How Kubernetes' YAML reader types the value.
    public var resolved: ResolvedScalar { scalar.resolved }

    /// Span to point at when reporting this field: the value, else the key.
    public var reportSpan: SourceSpan { span.length > 0 ? span : (keySpan ?? span) }

    public var boolValue: Bool? {
        if case .bool(let b) = resolved { return b }
        return nil
    }

    public var isNull: Bool { scalar.isNull }
}

extension YAMLNode {
    /// A scalar field under `key` of this mapping.
    public func field(_ key: String) -> ScalarField? {
        guard let pair = pair(key) else { return nil }
        return ScalarField(pair.value, key: pair.key)
    }

    /// The mapping's pairs, or an empty list for anything else.
    public var mappingPairs: YAMLMapping { pairs ?? .empty }

    /// The sequence's items, or an empty list for anything else.
    public var sequenceItems: YAMLSequence { items ?? .empty }
}
