#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A YAML node with the byte span of its source text.
///
/// Nodes live in an arena: all nodes of one parsed file sit in flat arrays
/// owned by one `YAMLTreeStorage`, and a node is that storage plus an index.
/// Copying a node is one retain, building a tree allocates a few growing
/// arrays instead of an object and a child array per node, and freeing a file
/// frees those arrays (callgrind: tree building and teardown were over a
/// quarter of a lint run's instructions with an object per node).
///
/// Aliases are resolved while parsing: an alias node is a copy of the
/// anchored node's record (its children are shared, not copied), marked with
/// the span of the `*alias` token so reports can point at the use site.
public struct YAMLNode: Sendable {
    public enum Content: Sendable {
        case scalar(YAMLScalar)
        case sequence(YAMLSequence)
        case mapping(YAMLMapping)
    }

    let tree: YAMLTreeStorage
    let id: Int

    init(tree: YAMLTreeStorage, id: Int) {
        self.tree = tree
        self.id = id
    }

    /// A stand-alone scalar node, for text that did not come from a parse
    /// (a fragment of a larger scalar that reports should point into).
    public init(scalar: YAMLScalar, span: SourceSpan) {
        var builder = YAMLTreeStorage.Builder()
        let id = builder.addScalar(scalar, span: span, anchor: nil)
        self.init(tree: builder.finish(), id: id)
    }

    private var record: YAMLTreeStorage.Record { tree.records[id] }

    public var content: Content {
        let record = self.record
        switch record.kind {
        case .scalar: return .scalar(tree.scalars[record.payload])
        case .sequence: return .sequence(YAMLSequence(tree: tree, first: record.payload, count: record.count))
        case .mapping: return .mapping(YAMLMapping(tree: tree, first: record.payload, count: record.count))
        }
    }

    /// From the first byte of the node (its tag/anchor/indicator excluded) to just past its last byte.
    public var span: SourceSpan { let r = record; return SourceSpan(start: r.start, end: r.end) }

    /// Nodes in this subtree, aliases counted at their full expanded size.
    public var weight: Int { record.weight }

    /// The explicit tag as libyaml reports it (`tag:yaml.org,2002:str` for `!!str`), nil when absent.
    public var tag: String? { let t = record.tag; return t < 0 ? nil : tree.strings[t] }

    public var anchor: String? { let a = record.anchor; return a < 0 ? nil : tree.strings[a] }

    /// Where the `*alias` was written, when this node was reached through an alias.
    public var aliasSpan: SourceSpan? {
        let r = record
        return r.aliasStart < 0 ? nil : SourceSpan(start: r.aliasStart, end: r.aliasEnd)
    }

    /// True when some scalar in this subtree (keys included) holds `{{`: walks
    /// that look for template tags skip the subtrees where this is false.
    public var containsTemplateTag: Bool { record.containsTemplateTag }

    public var scalar: YAMLScalar? {
        let r = record
        return r.kind == .scalar ? tree.scalars[r.payload] : nil
    }

    /// The scalar text, or nil for collections.
    public var stringValue: String? { scalar?.value }

    public var pairs: YAMLMapping? {
        let r = record
        return r.kind == .mapping ? YAMLMapping(tree: tree, first: r.payload, count: r.count) : nil
    }

    public var items: YAMLSequence? {
        let r = record
        return r.kind == .sequence ? YAMLSequence(tree: tree, first: r.payload, count: r.count) : nil
    }

    public var isMapping: Bool { record.kind == .mapping }
    public var isSequence: Bool { record.kind == .sequence }
    public var isScalar: Bool { record.kind == .scalar }

    /// The value of the first pair whose key is the scalar `key`.
    public subscript(key: String) -> YAMLNode? {
        pairs?.first(key: key)?.value
    }

    /// The pair whose key is the scalar `key`.
    public func pair(_ key: String) -> YAMLPair? {
        pairs?.first(key: key)
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
        scalar?.isNull ?? false
    }
}

/// The items of a sequence node, in order.
public struct YAMLSequence: RandomAccessCollection, Sendable {
    let tree: YAMLTreeStorage
    let first: Int
    public let count: Int

    /// A sequence with no items, for callers that want "no items" rather than nil.
    public static let empty = YAMLSequence(tree: YAMLTreeStorage.empty, first: 0, count: 0)

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(position: Int) -> YAMLNode {
        precondition(position >= 0 && position < count, "sequence index out of range")
        return YAMLNode(tree: tree, id: tree.children[first + position])
    }
}

/// The key/value pairs of a mapping node, in order.
public struct YAMLMapping: RandomAccessCollection, Sendable {
    let tree: YAMLTreeStorage
    let first: Int
    public let count: Int

    /// A mapping with no pairs, for callers that want "no pairs" rather than nil.
    public static let empty = YAMLMapping(tree: YAMLTreeStorage.empty, first: 0, count: 0)

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(position: Int) -> YAMLPair {
        precondition(position >= 0 && position < count, "mapping index out of range")
        let base = first + 2 * position
        return YAMLPair(key: YAMLNode(tree: tree, id: tree.children[base]),
                        value: YAMLNode(tree: tree, id: tree.children[base + 1]))
    }

    /// The first pair whose key is the scalar `key`, compared without building pairs.
    public func first(key: String) -> YAMLPair? {
        for position in 0..<count {
            let keyID = tree.children[first + 2 * position]
            let record = tree.records[keyID]
            if record.kind == .scalar && tree.scalars[record.payload].value == key { return self[position] }
        }
        return nil
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

/// The arena behind every node of one parse.
final class YAMLTreeStorage: Sendable {
    enum Kind: UInt8, Sendable { case scalar, sequence, mapping }

    struct Record: Sendable {
        var kind: Kind
        var containsTemplateTag: Bool
        var start: Int
        var end: Int
        var weight: Int
        /// The scalar's index in `scalars`, or the first child's index in `children`.
        var payload: Int
        /// Items of a sequence, pairs of a mapping (each pair is two `children` entries).
        var count: Int
        /// Indexes into `strings`, -1 when absent.
        var tag: Int
        var anchor: Int
        /// The span of the `*alias` this copy was reached through; -1 when not an alias.
        var aliasStart: Int
        var aliasEnd: Int
    }

    let records: [Record]
    /// Node ids: a sequence's items, or a mapping's keys and values interleaved.
    let children: [Int]
    let scalars: [YAMLScalar]
    /// Tags and anchors of collections.
    let strings: [String]

    init(records: [Record], children: [Int], scalars: [YAMLScalar], strings: [String]) {
        self.records = records
        self.children = children
        self.scalars = scalars
        self.strings = strings
    }

    static let empty = YAMLTreeStorage(records: [], children: [], scalars: [], strings: [])

    /// Appends nodes bottom-up; a collection's children must already exist.
    struct Builder {
        var records: [Record] = []
        var children: [Int] = []
        var scalars: [YAMLScalar] = []
        var strings: [String] = []

        mutating func string(_ text: String?) -> Int {
            guard let text else { return -1 }
            strings.append(text)
            return strings.count - 1
        }

        mutating func addScalar(_ scalar: YAMLScalar, span: SourceSpan, anchor: String?) -> Int {
            scalars.append(scalar)
            records.append(Record(kind: .scalar, containsTemplateTag: scalar.value.hasTemplateTag, start: span.start, end: span.end,
                                  weight: 1, payload: scalars.count - 1, count: 0, tag: string(scalar.tag), anchor: string(anchor),
                                  aliasStart: -1, aliasEnd: -1))
            return records.count - 1
        }

        /// A sequence of `items`, or a mapping of `items` read as key, value, key, value...
        mutating func addCollection<Items: Collection>(mapping: Bool, items: Items, span: SourceSpan, tag: String?, anchor: String?, weight: Int) -> Int where Items.Element == Int {
            let first = children.count
            var containsTag = false
            for item in items {
                children.append(item)
                containsTag = containsTag || records[item].containsTemplateTag
            }
            let count = children.count - first
            records.append(Record(kind: mapping ? .mapping : .sequence, containsTemplateTag: containsTag, start: span.start, end: span.end,
                                  weight: weight, payload: first, count: mapping ? count / 2 : count, tag: string(tag), anchor: string(anchor),
                                  aliasStart: -1, aliasEnd: -1))
            return records.count - 1
        }

        /// A copy of `target` reached through an alias written at `span`.
        mutating func addAlias(of target: Int, span: SourceSpan) -> Int {
            var record = records[target]
            record.anchor = -1
            record.aliasStart = span.start
            record.aliasEnd = span.end
            records.append(record)
            return records.count - 1
        }

        /// The text of a scalar node, nil for collections.
        func scalarText(_ id: Int) -> String? {
            let record = records[id]
            return record.kind == .scalar ? scalars[record.payload].value : nil
        }

        func span(of id: Int) -> SourceSpan {
            SourceSpan(start: records[id].start, end: records[id].end)
        }

        /// Where the node ends as written: an alias ends with its `*name`.
        func outerEnd(of id: Int) -> Int {
            let record = records[id]
            return record.aliasStart >= 0 ? record.aliasEnd : record.end
        }

        func finish() -> YAMLTreeStorage {
            YAMLTreeStorage(records: records, children: children, scalars: scalars, strings: strings)
        }
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
    /// Bytes from the document's start event to its end event: parsing just
    /// this range (with `firstDocumentIndex: index`) gives the same document.
    public var byteRange: Range<Int>?

    public init(root: YAMLNode, index: Int, byteRange: Range<Int>? = nil) {
        self.root = root
        self.index = index
        self.byteRange = byteRange
    }
}

extension String {
    /// True when the text holds `{{`, the start of an Argo template tag.
    /// A memchr scan over the UTF-8 bytes: `String.contains(String)` goes
    /// through Foundation, and the parser asks this of every scalar it builds.
    public var hasTemplateTag: Bool {
        var text = self
        return text.withUTF8 { Self.containsDoubleBrace($0) }
    }

    static func containsDoubleBrace(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard var cursor = bytes.baseAddress, bytes.count >= 2 else { return false }
        var remaining = bytes.count
        while remaining >= 2, let found = memchr(cursor, Int32(UInt8(ascii: "{")), remaining - 1) {
            let brace = UnsafePointer(found.assumingMemoryBound(to: UInt8.self))
            if brace[1] == UInt8(ascii: "{") { return true }
            let skipped = brace - cursor + 1
            cursor += skipped
            remaining -= skipped
        }
        return false
    }
}
