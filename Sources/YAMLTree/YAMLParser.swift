import CLibYAML

/// What parsing one file produced: the documents that parsed completely and
/// the problems found (syntax errors, duplicate keys, limits hit).
public struct YAMLParseResult: Sendable {
    public var documents: [YAMLDocument]
    public var diagnostics: [Diagnostic]
}

/// Limits that keep hostile input from exhausting the stack or memory.
public struct YAMLLimits: Sendable {
    /// Deepest collection nesting accepted (libyaml's newer releases use 1000 too).
    public var maxDepth: Int = 1000
    /// Most nodes one document may expand to through aliases ("billion laughs").
    public var maxExpandedNodes: Int = 1_000_000

    public init() {}
}

/// Builds `YAMLNode` trees from libyaml's event stream.
public enum YAMLParser {
    public static let syntaxRule = "yaml-syntax"
    public static let duplicateKeyRule = "yaml-duplicate-key"

    public static func parse(_ file: SourceFile, limits: YAMLLimits = YAMLLimits()) -> YAMLParseResult {
        var builder = TreeBuilder(file: file, limits: limits)
        builder.run()
        return YAMLParseResult(documents: builder.documents, diagnostics: builder.diagnostics)
    }
}

/// Maps libyaml's marks (code-point indexes counted after any BOM) to byte offsets.
struct MarkMapper {
    let base: Int
    let codePointStarts: [Int32]?

    init(file: SourceFile) {
        base = file.hasByteOrderMark ? 3 : 0
        if file.isASCII {
            codePointStarts = nil
        } else {
            var starts: [Int32] = []
            starts.reserveCapacity(file.bytes.count)
            var i = base
            let bytes = file.bytes
            while i < bytes.count {
                if bytes[i] & 0xC0 != 0x80 { starts.append(Int32(i)) }
                i += 1
            }
            starts.append(Int32(bytes.count))
            codePointStarts = starts
        }
    }

    func offset(_ index: Int) -> Int {
        guard let starts = codePointStarts else { return base + index }
        if index < 0 { return base }
        if index >= starts.count { return Int(starts[starts.count - 1]) }
        return Int(starts[index])
    }

    func offset(_ mark: yaml_mark_t) -> Int { offset(Int(mark.index)) }
}

private struct TreeBuilder {
    let file: SourceFile
    let limits: YAMLLimits
    let marks: MarkMapper
    var documents: [YAMLDocument] = []
    var diagnostics: [Diagnostic] = []

    /// A collection being built. Its children sit at the end of the builder's
    /// shared scratch stacks (`pendingItems`, `pendingPairs`) from `firstChild`
    /// on; when it ends they are copied once into an array of the exact size, so
    /// no per-collection array grows by repeated reallocation.
    private struct Frame {
        var isMapping: Bool
        var start: Int
        var tag: String?
        var anchor: String?
        var flow: Bool
        var firstChild: Int
        var weight = 1
        var pendingKey: YAMLNode?
        /// Key → pair index, built only once a mapping is large (see `index(ofKey:in:)`).
        var keys: [String: Int]?

        /// Index (relative to `firstChild`) of the pair with this key. Small mappings
        /// are scanned; a large one gets a dictionary so hostile inputs with many keys stay linear.
        mutating func index(ofKey key: String, in scratch: [YAMLPair]) -> Int? {
            let pairs = scratch[firstChild...]
            if keys == nil && pairs.count >= 32 {
                var table: [String: Int] = [:]
                for (i, pair) in pairs.enumerated() {
                    if let text = pair.key.scalar?.value, table[text] == nil { table[text] = i }
                }
                keys = table
            }
            if let keys { return keys[key] }
            for (i, pair) in pairs.enumerated() where pair.key.scalar?.value == key { return i }
            return nil
        }
    }

    private var stack: [Frame] = []
    private var pendingItems: [YAMLNode] = []
    private var pendingPairs: [YAMLPair] = []
    private var anchors: [String: YAMLNode] = [:]
    private var root: YAMLNode?
    private var expanded = 0
    private var documentIndex = 0

    init(file: SourceFile, limits: YAMLLimits) {
        self.file = file
        self.limits = limits
        self.marks = MarkMapper(file: file)
    }

    mutating func run() {
        if file.bytes.count >= 2 && ((file.bytes[0] == 0xFE && file.bytes[1] == 0xFF) || (file.bytes[0] == 0xFF && file.bytes[1] == 0xFE)) {
            diagnostics.append(Diagnostic(rule: YAMLParser.syntaxRule, severity: .error, message: "the file is UTF-16; Kubernetes manifests must be UTF-8", span: SourceSpan(start: 0, end: 2)))
            return
        }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            diagnostics.append(Diagnostic(rule: YAMLParser.syntaxRule, severity: .error, message: "the YAML parser could not be initialised", span: SourceSpan(start: 0, end: 0)))
            return
        }
        defer { yaml_parser_delete(&parser) }
        file.bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    reportParserError(parser)
                    return
                }
                let keepGoing = handle(event)
                let done = event.type == YAML_STREAM_END_EVENT
                yaml_event_delete(&event)
                if done || !keepGoing { return }
            }
        }
    }

    private mutating func reportParserError(_ parser: yaml_parser_t) {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        var offset: Int
        if parser.error == YAML_READER_ERROR {
            // Reader errors (bad encoding) carry a byte offset, not a mark.
            offset = Int(parser.problem_offset)
        } else {
            offset = marks.offset(parser.problem_mark)
        }
        offset = min(max(0, offset), file.bytes.count)
        var message = problem
        if parser.error == YAML_READER_ERROR {
            message = "the file is not valid UTF-8: \(problem) (byte \(offset))"
        } else if let context = parser.context.map({ String(cString: $0) }) {
            let contextOffset = marks.offset(parser.context_mark)
            let pos = file.position(ofByte: contextOffset)
            message = "\(problem) \(context) started at line \(pos.line) column \(pos.column)"
        }
        if problem.contains("cannot start any token") && offset < file.bytes.count && file.bytes[offset] == 0x09 {
            message += "; YAML does not allow tabs for indentation, use spaces"
        }
        let end = nextCharacterEnd(after: offset)
        diagnostics.append(Diagnostic(rule: YAMLParser.syntaxRule, severity: .error, message: message, span: SourceSpan(start: offset, end: end)))
    }

    private func nextCharacterEnd(after offset: Int) -> Int {
        guard offset < file.bytes.count else { return offset }
        var end = offset + 1
        while end < file.bytes.count && file.bytes[end] & 0xC0 == 0x80 { end += 1 }
        return end
    }

    /// Returns false to stop parsing (a limit was hit).
    private mutating func handle(_ event: yaml_event_t) -> Bool {
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            anchors.removeAll(keepingCapacity: true)
            root = nil
            expanded = 0
            stack.removeAll(keepingCapacity: true)
            pendingItems.removeAll(keepingCapacity: true)
            pendingPairs.removeAll(keepingCapacity: true)
        case YAML_DOCUMENT_END_EVENT:
            if let root {
                documents.append(YAMLDocument(root: root, index: documentIndex))
            }
            documentIndex += 1
            root = nil
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            let value: String
            if let pointer = data.value, data.length > 0 {
                value = String(decoding: UnsafeBufferPointer(start: pointer, count: Int(data.length)), as: UTF8.self)
            } else {
                value = ""
            }
            let style: ScalarStyle
            switch data.style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
            case YAML_LITERAL_SCALAR_STYLE: style = .literal
            case YAML_FOLDED_SCALAR_STYLE: style = .folded
            default: style = .plain
            }
            let tag = data.tag.map { String(cString: $0) }
            let anchor = data.anchor.map { String(cString: $0) }
            let span = SourceSpan(start: marks.offset(event.start_mark), end: marks.offset(event.end_mark))
            let node = YAMLNode(content: .scalar(YAMLScalar(value: value, style: style, tag: tag)), span: trimmedScalarSpan(span, style: style), tag: tag, anchor: anchor)
            return add(node)
        case YAML_ALIAS_EVENT:
            let name = event.data.alias.anchor.map { String(cString: $0) } ?? ""
            let span = SourceSpan(start: marks.offset(event.start_mark), end: marks.offset(event.end_mark))
            guard var target = anchors[name] else {
                diagnostics.append(Diagnostic(rule: YAMLParser.syntaxRule, severity: .error, message: "alias \"*\(name)\" refers to an anchor that is not defined before it", span: span))
                return add(YAMLNode(content: .scalar(YAMLScalar(value: "", style: .plain, tag: nil)), span: span))
            }
            expanded += target.weight
            if expanded > limits.maxExpandedNodes {
                diagnostics.append(Diagnostic(rule: YAMLParser.syntaxRule, severity: .error, message: "aliases expand this document to more than \(limits.maxExpandedNodes) nodes; refusing to expand it (an alias bomb?)", span: span))
                return false
            }
            target.aliasSpan = span
            target.anchor = nil
            return add(target)
        case YAML_SEQUENCE_START_EVENT:
            let data = event.data.sequence_start
            guard checkDepth(event) else { return false }
            stack.append(Frame(isMapping: false, start: marks.offset(event.start_mark), tag: data.tag.map { String(cString: $0) }, anchor: data.anchor.map { String(cString: $0) }, flow: data.style == YAML_FLOW_SEQUENCE_STYLE, firstChild: pendingItems.count))
        case YAML_MAPPING_START_EVENT:
            let data = event.data.mapping_start
            guard checkDepth(event) else { return false }
            stack.append(Frame(isMapping: true, start: marks.offset(event.start_mark), tag: data.tag.map { String(cString: $0) }, anchor: data.anchor.map { String(cString: $0) }, flow: data.style == YAML_FLOW_MAPPING_STYLE, firstChild: pendingPairs.count))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = stack.popLast() else { return true }
            let endMark = marks.offset(event.end_mark)
            let start = frame.start
            if frame.isMapping {
                let pairs = Array(pendingPairs[frame.firstChild...])
                pendingPairs.removeSubrange(frame.firstChild...)
                let end = frame.flow ? endMark : (pairs.last.map { $0.value.aliasSpan?.end ?? $0.value.span.end } ?? endMark)
                return add(YAMLNode(content: .mapping(Self.resolvingMergeKeys(pairs)), span: SourceSpan(start: start, end: max(start, end)), tag: frame.tag, anchor: frame.anchor, weight: frame.weight))
            } else {
                let items = Array(pendingItems[frame.firstChild...])
                pendingItems.removeSubrange(frame.firstChild...)
                let end = frame.flow ? endMark : (items.last.map { $0.aliasSpan?.end ?? $0.span.end } ?? endMark)
                return add(YAMLNode(content: .sequence(items), span: SourceSpan(start: start, end: max(start, end)), tag: frame.tag, anchor: frame.anchor, weight: frame.weight))
            }
        default:
            break
        }
        return true
    }

    private mutating func checkDepth(_ event: yaml_event_t) -> Bool {
        guard stack.count < limits.maxDepth else {
            let offset = marks.offset(event.start_mark)
            diagnostics.append(Diagnostic(rule: YAMLParser.syntaxRule, severity: .error, message: "nesting is deeper than \(limits.maxDepth) levels; refusing to read further", span: SourceSpan(start: offset, end: nextCharacterEnd(after: offset))))
            return false
        }
        return true
    }

    /// Plain multi-line scalars end where libyaml stopped looking, which can be past trailing blanks.
    private func trimmedScalarSpan(_ span: SourceSpan, style: ScalarStyle) -> SourceSpan {
        guard style == .plain else { return span }
        var end = span.end
        while end > span.start, let b = file.bytes[safe: end - 1], b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D {
            end -= 1
        }
        return SourceSpan(start: span.start, end: end)
    }

    /// YAML 1.1 merge keys, as Kubernetes' reader applies them: `<<: *base`
    /// (or a list of aliases) copies the merged mappings' pairs in, and keys
    /// written explicitly win. The merged pairs keep the spans where they were
    /// defined; the `<<` entry itself is dropped, as Kubernetes never sees it.
    static func resolvingMergeKeys(_ pairs: [YAMLPair]) -> [YAMLPair] {
        func isMerge(_ key: YAMLNode) -> Bool {
            guard let scalar = key.scalar, scalar.value == "<<" else { return false }
            return scalar.style == .plain && (key.tag == nil || key.tag == "tag:yaml.org,2002:merge")
        }
        guard pairs.contains(where: { isMerge($0.key) }) else { return pairs }
        var explicit: [YAMLPair] = []
        var merged: [YAMLPair] = []
        for pair in pairs {
            guard isMerge(pair.key) else { explicit.append(pair); continue }
            // Earlier mappings in a merge list take precedence over later ones.
            let sources = pair.value.items ?? [pair.value]
            for source in sources {
                for inner in source.pairs ?? [] where !merged.contains(where: { $0.key.scalar?.value == inner.key.scalar?.value }) {
                    merged.append(inner)
                }
            }
        }
        let explicitKeys = Set(explicit.compactMap { $0.key.scalar?.value })
        return explicit + merged.filter { !explicitKeys.contains($0.key.scalar?.value ?? "") }
    }

    /// Attaches a finished node to its parent (or makes it the document root).
    private mutating func add(_ node: YAMLNode) -> Bool {
        if let anchor = node.anchor { anchors[anchor] = node }
        let top = stack.count - 1
        guard top >= 0 else {
            root = node
            return true
        }
        stack[top].weight += node.weight
        guard stack[top].isMapping else {
            pendingItems.append(node)
            return true
        }
        guard let key = stack[top].pendingKey else {
            stack[top].pendingKey = node
            return true
        }
        stack[top].pendingKey = nil
        if let keyText = key.scalar?.value, keyText != "<<" {
            if let firstIndex = stack[top].index(ofKey: keyText, in: pendingPairs) {
                let first = pendingPairs[stack[top].firstChild + firstIndex].key
                let firstPos = file.position(ofByte: first.span.start)
                diagnostics.append(Diagnostic(
                    rule: YAMLParser.duplicateKeyRule, severity: .error,
                    message: "key \"\(keyText)\" is already defined at line \(firstPos.line) column \(firstPos.column); Kubernetes keeps only the last one, so the earlier value is silently dropped",
                    span: key.span,
                    related: [RelatedLocation(span: first.span, message: "first definition of \"\(keyText)\"")]))
            } else if stack[top].keys != nil {
                let index = pendingPairs.count - stack[top].firstChild
                stack[top].keys?[keyText] = index
            }
        }
        pendingPairs.append(YAMLPair(key: key, value: node))
        return true
    }
}

extension Array {
    subscript(safe index: Int) -> Element? {
        index >= 0 && index < count ? self[index] : nil
    }
}
