/// A YAML node with the byte span of its source text.
///
/// Aliases are resolved while parsing: an alias node is a copy of the
/// anchored node (arrays are shared copy-on-write, so this is cheap), marked
/// with the span of the `*alias` token so reports can point at the use site.
public struct YAMLNode: Sendable {
    public enum Content: Sendable {
        case scalar(YAMLScalar)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }

    public var content: Content
    /// From the first byte of the node (its tag/anchor/indicator excluded) to just past its last byte.
    public var span: SourceSpan
    /// Nodes in this subtree, aliases counted at their full expanded size.
    public var weight: Int
    /// Tags, anchors and aliases are rare; keeping them out of line keeps every
    /// node small, which matters when a corpus has millions of them.
    private var extras: Extras?

    private final class Extras: Sendable {
        let tag: String?
        let anchor: String?
        let aliasSpan: SourceSpan?

        init(tag: String?, anchor: String?, aliasSpan: SourceSpan?) {
            self.tag = tag
            self.anchor = anchor
            self.aliasSpan = aliasSpan
        }
    }

    public init(content: Content, span: SourceSpan, tag: String? = nil, anchor: String? = nil, weight: Int = 1) {
        self.content = content
        self.span = span
        self.weight = weight
        if tag != nil || anchor != nil { extras = Extras(tag: tag, anchor: anchor, aliasSpan: nil) }
    }

    /// The explicit tag as libyaml reports it (`tag:yaml.org,2002:str` for `!!str`), nil when absent.
    public var tag: String? {
        get { extras?.tag }
        set { setExtras(tag: newValue, anchor: anchor, aliasSpan: aliasSpan) }
    }

    public var anchor: String? {
        get { extras?.anchor }
        set { setExtras(tag: tag, anchor: newValue, aliasSpan: aliasSpan) }
    }

    /// Where the `*alias` was written, when this node was reached through an alias.
    public var aliasSpan: SourceSpan? {
        get { extras?.aliasSpan }
        set { setExtras(tag: tag, anchor: anchor, aliasSpan: newValue) }
    }

    private mutating func setExtras(tag: String?, anchor: String?, aliasSpan: SourceSpan?) {
        extras = tag == nil && anchor == nil && aliasSpan == nil ? nil : Extras(tag: tag, anchor: anchor, aliasSpan: aliasSpan)
    }

    public var scalar: YAMLScalar? {
        if case .scalar(let s) = content { return s }
        return nil
    }

    /// The scalar text, or nil for collections.
    public var stringValue: String? { scalar?.value }

    public var pairs: [YAMLPair]? {
        if case .mapping(let p) = content { return p }
        return nil
    }

    public var items: [YAMLNode]? {
        if case .sequence(let i) = content { return i }
        return nil
    }

    public var isMapping: Bool { pairs != nil }
    public var isSequence: Bool { items != nil }
    public var isScalar: Bool { scalar != nil }

    /// The value of the first pair whose key is the scalar `key`.
    public subscript(key: String) -> YAMLNode? {
        guard case .mapping(let pairs) = content else { return nil }
        for pair in pairs where pair.key.scalar?.value == key { return pair.value }
        return nil
    }

    /// The pair whose key is the scalar `key`.
    public func pair(_ key: String) -> YAMLPair? {
        guard case .mapping(let pairs) = content else { return nil }
        for pair in pairs where pair.key.scalar?.value == key { return pair }
        return nil
    }

    /// What the node is, in words, for messages ("a mapping", "a string", ...).
    public var kindDescription: String {
        switch content {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let s):
            switch s.resolved {
            case .null: return "null"
            case .bool: return "a boolean"
            case .int: return "an integer"
            case .float: return "a number"
            case .string: return "a string"
            }
        }
    }

    /// True for an explicit null or an empty plain scalar.
    public var isNull: Bool {
        if case .scalar(let s) = content { return s.isNull }
        return false
    }
}

public struct YAMLPair: Sendable {
    public var key: YAMLNode
    public var value: YAMLNode

    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}

public enum ScalarStyle: String, Sendable {
    case plain, singleQuoted, doubleQuoted, literal, folded
}

public struct YAMLScalar: Sendable {
    public var value: String
    public var style: ScalarStyle
    /// The explicit tag, if any (it decides the type before the text does).
    public var tag: String?

    public init(value: String, style: ScalarStyle, tag: String?) {
        self.value = value
        self.style = style
        self.tag = tag
    }

    /// The type the scalar resolves to the way Kubernetes' YAML reader sees it.
    /// Computed on demand: most scalars are never asked.
    public var resolved: ResolvedScalar { ScalarResolver.resolve(value, style: style, tag: tag) }

    /// A null: `~`, `null` or nothing at all, unquoted and untagged (or tagged `!!null`).
    public var isNull: Bool {
        if let tag { return tag == "tag:yaml.org,2002:null" }
        guard style == .plain else { return false }
        switch value {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }

    public var isQuoted: Bool { style == .singleQuoted || style == .doubleQuoted }
    public var isBlock: Bool { style == .literal || style == .folded }
}

/// One document of a YAML stream.
public struct YAMLDocument: Sendable {
    public var root: YAMLNode
    /// 0-based position of the document in its stream.
    public var index: Int

    public init(root: YAMLNode, index: Int) {
        self.root = root
        self.index = index
    }
}

extension String {
    /// True when the text holds `{{`, the start of an Argo template tag.
    /// A byte scan: `String.contains(String)` goes through Foundation and is
    /// far slower on the hot paths that ask this of every name and value.
    public var hasTemplateTag: Bool {
        var previous: UInt8 = 0
        for byte in utf8 {
            if byte == UInt8(ascii: "{") && previous == UInt8(ascii: "{") { return true }
            previous = byte
        }
        return false
    }
}
