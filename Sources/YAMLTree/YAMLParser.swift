import CLibYAML

/// What parsing one file produced: the documents that parsed completely and
/// the problems found (syntax errors, duplicate keys, limits hit).
public struct YAMLParseResult: Sendable {
    public var documents: [YAMLDocument]
    public var issues: [YAMLIssue]
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
    public static func parse(_ file: SourceFile, limits: YAMLLimits = YAMLLimits()) -> YAMLParseResult {
        var documents: [YAMLDocument] = []
        let issues = parse(file, limits: limits) { documents.append($0) }
        return YAMLParseResult(documents: documents, issues: issues)
    }

    /// Parses `file` (or the part of it in `range`), handing each document to
    /// `each` as soon as it is complete. Every document has its own node arena,
    /// so a caller that drops a document after looking at it frees its tree:
    /// memory stays at one document, however many the stream holds.
    ///
    /// `range` lets a large stream be parsed in pieces cut at `---` lines
    /// (see `documentChunks`); spans stay offsets into the whole file, and
    /// documents are numbered from `firstDocumentIndex`.
    /// Returns the problems found, in the order met.
    public static func parse(_ file: SourceFile, range: Range<Int>? = nil, firstDocumentIndex: Int = 0,
                             limits: YAMLLimits = YAMLLimits(), each: (YAMLDocument) -> Void) -> [YAMLIssue] {
        withoutActuallyEscaping(each) { each in
            var builder = TreeBuilder(file: file, range: range ?? 0..<file.bytes.count, limits: limits, onDocument: each)
            builder.documentIndex = firstDocumentIndex
            builder.run()
            return builder.issues
        }
    }

    /// Byte ranges of `file` that each start at a `---` document marker (the first
    /// starts at 0) and hold about `targetSize` bytes, for parsing a large
    /// multi-document stream on several cores. A line beginning with `---`
    /// followed by a space, tab or line break is a document marker wherever it
    /// appears (YAML forbids it inside any scalar), so pieces never split a document.
    /// Every document-level directive (`%YAML`, `%TAG`) sits just before its
    /// marker; a file holding one makes this return the whole file as one piece.
    public static func documentChunks(_ file: SourceFile, targetSize: Int) -> [Range<Int>] {
        let bytes = file.bytes
        let count = bytes.count
        guard count > targetSize else { return [0..<count] }
        var cuts: [Int] = [0]
        var lastCut = 0
        for lineIndex in 1..<file.lineStarts.count {
            let start = file.lineStarts[lineIndex]
            guard start < count else { break }
            if bytes[start] == UInt8(ascii: "%") { return [0..<count] }
            guard start - lastCut >= targetSize, start + 3 <= count,
                  bytes[start] == UInt8(ascii: "-"), bytes[start + 1] == UInt8(ascii: "-"), bytes[start + 2] == UInt8(ascii: "-") else { continue }
            if start + 3 < count {
                let next = bytes[start + 3]
                guard next == 0x20 || next == 0x09 || next == 0x0A || next == 0x0D else { continue }
            }
            cuts.append(start)
            lastCut = start
        }
        if bytes.first == UInt8(ascii: "%") { return [0..<count] }
        cuts.append(count)
        return zip(cuts, cuts.dropFirst()).map { $0..<$1 }
    }
}

/// Maps libyaml's marks (code-point indexes counted after any BOM) to byte offsets.
struct MarkMapper {
    let base: Int
    let codePointStarts: [Int32]?

    init(file: SourceFile, range: Range<Int>? = nil) {
        let range = range ?? 0..<file.bytes.count
        // A BOM is skipped by libyaml only at the very start of the input.
        base = range.lowerBound == 0 && file.hasByteOrderMark ? 3 : range.lowerBound
        if file.isASCII {
            codePointStarts = nil
        } else {
            var starts: [Int32] = []
            starts.reserveCapacity(range.count)
            var i = base
            let bytes = file.bytes[..<range.upperBound]
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
    /// The bytes of `file` parsed: all of it, or one piece of a large stream.
    let range: Range<Int>
    let limits: YAMLLimits
    let marks: MarkMapper
    /// Receives each document when it ends.
    let onDocument: (YAMLDocument) -> Void
    var issues: [YAMLIssue] = []
    /// The current document's nodes; a new arena starts with each document, so
    /// a document the caller drops takes its whole tree with it.
    private var arena = YAMLTreeStorage.Builder()

    /// A collection being built. Its children sit at the end of the builder's
    /// shared scratch stacks (`pendingItems`, `pendingPairs`) from `firstChild`
    /// on; when it ends they are copied once into the arena.
    private struct Frame {
        var isMapping: Bool
        var start: Int
        var tag: String?
        var anchor: String?
        var flow: Bool
        var firstChild: Int
        var weight = 1
        var pendingKey: Int?
        /// Key → pair index, built only once a mapping is large (see `index(ofKey:in:arena:)`).
        var keys: [String: Int]?

        /// Index (in pairs, relative to `firstChild`) of the pair with this key. Small
        /// mappings are scanned; a large one gets a dictionary so hostile inputs with
        /// many keys stay linear.
        mutating func index(ofKey key: String, in scratch: [Int], arena: YAMLTreeStorage.Builder) -> Int? {
            let pairCount = (scratch.count - firstChild) / 2
            if keys == nil && pairCount >= 32 {
                var table: [String: Int] = [:]
                for i in 0..<pairCount {
                    if let text = arena.scalarText(scratch[firstChild + 2 * i]), table[text] == nil { table[text] = i }
                }
                keys = table
            }
            if let keys { return keys[key] }
            for i in 0..<pairCount where arena.scalarText(scratch[firstChild + 2 * i]) == key { return i }
            return nil
        }
    }

    private var stack: [Frame] = []
    private var pendingItems: [Int] = []
    /// Keys and values interleaved.
    private var pendingPairs: [Int] = []
    private var anchors: [String: Int] = [:]
    private var root: Int?
    private var expanded = 0
    var documentIndex = 0
    private var documentStart = 0

    init(file: SourceFile, range: Range<Int>, limits: YAMLLimits, onDocument: @escaping (YAMLDocument) -> Void) {
        self.file = file
        self.range = range
        self.limits = limits
        self.marks = MarkMapper(file: file, range: range)
        self.onDocument = onDocument
    }

    mutating func run() {
        parseEvents()
    }

    private mutating func parseEvents() {
        if file.bytes.count >= 2 && ((file.bytes[0] == 0xFE && file.bytes[1] == 0xFF) || (file.bytes[0] == 0xFF && file.bytes[1] == 0xFE)) {
            issues.append(YAMLIssue(kind: .syntax, message: "the file is UTF-16; Kubernetes manifests must be UTF-8", span: SourceSpan(start: 0, end: 2)))
            return
        }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            issues.append(YAMLIssue(kind: .syntax, message: "the YAML parser could not be initialised", span: SourceSpan(start: 0, end: 0)))
            return
        }
        defer { yaml_parser_delete(&parser) }
        let range = self.range
        file.bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress.map { $0 + range.lowerBound }, range.count)
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
            // Reader errors (bad encoding) carry a byte offset into the input, not a mark.
            offset = range.lowerBound + Int(parser.problem_offset)
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
        issues.append(YAMLIssue(kind: .syntax, message: message, span: SourceSpan(start: offset, end: end)))
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
            documentStart = marks.offset(event.start_mark)
            anchors.removeAll(keepingCapacity: true)
            root = nil
            expanded = 0
            stack.removeAll(keepingCapacity: true)
            pendingItems.removeAll(keepingCapacity: true)
            pendingPairs.removeAll(keepingCapacity: true)
        case YAML_DOCUMENT_END_EVENT:
            if let root {
                let end = max(documentStart, marks.offset(event.end_mark))
                onDocument(YAMLDocument(root: YAMLNode(tree: arena.finish(), id: root), index: documentIndex,
                                        byteRange: documentStart..<end))
            }
            arena = YAMLTreeStorage.Builder()
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
            return add(arena.addScalar(YAMLScalar(value: value, style: style, tag: tag), span: trimmedScalarSpan(span, style: style), anchor: anchor))
        case YAML_ALIAS_EVENT:
            let name = event.data.alias.anchor.map { String(cString: $0) } ?? ""
            let span = SourceSpan(start: marks.offset(event.start_mark), end: marks.offset(event.end_mark))
            guard let target = anchors[name] else {
                issues.append(YAMLIssue(kind: .syntax, message: "alias \"*\(name)\" refers to an anchor that is not defined before it", span: span))
                return add(arena.addScalar(YAMLScalar(value: "", style: .plain, tag: nil), span: span, anchor: nil))
            }
            expanded += arena.records[target].weight
            if expanded > limits.maxExpandedNodes {
                issues.append(YAMLIssue(kind: .syntax, message: "aliases expand this document to more than \(limits.maxExpandedNodes) nodes; refusing to expand it (an alias bomb?)", span: span))
                return false
            }
            return add(arena.addAlias(of: target, span: span))
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
                let id = addMapping(frame, endMark: endMark)
                pendingPairs.removeSubrange(frame.firstChild...)
                return add(id)
            } else {
                let end = frame.flow || pendingItems.count == frame.firstChild ? endMark : arena.outerEnd(of: pendingItems[pendingItems.count - 1])
                let id = arena.addCollection(mapping: false, items: pendingItems[frame.firstChild...], span: SourceSpan(start: start, end: max(start, end)), tag: frame.tag, anchor: frame.anchor, weight: frame.weight)
                pendingItems.removeSubrange(frame.firstChild...)
                return add(id)
            }
        default:
            break
        }
        return true
    }

    /// The arena node of a finished mapping, its merge keys applied. The pairs
    /// are read from the scratch stack here, so no slice of it outlives the call
    /// (one would make the caller's `removeSubrange` copy the stack).
    private mutating func addMapping(_ frame: Frame, endMark: Int) -> Int {
        let pairs = pendingPairs[frame.firstChild...]
        let end = frame.flow || pairs.isEmpty ? endMark : arena.outerEnd(of: pairs[pairs.endIndex - 1])
        let span = SourceSpan(start: frame.start, end: max(frame.start, end))
        if let merged = resolvingMergeKeys(pairs) {
            return arena.addCollection(mapping: true, items: merged, span: span, tag: frame.tag, anchor: frame.anchor, weight: frame.weight)
        }
        return arena.addCollection(mapping: true, items: pairs, span: span, tag: frame.tag, anchor: frame.anchor, weight: frame.weight)
    }

    private mutating func checkDepth(_ event: yaml_event_t) -> Bool {
        guard stack.count < limits.maxDepth else {
            let offset = marks.offset(event.start_mark)
            issues.append(YAMLIssue(kind: .syntax, message: "nesting is deeper than \(limits.maxDepth) levels; refusing to read further", span: SourceSpan(start: offset, end: nextCharacterEnd(after: offset))))
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
    /// `pairs` holds keys and values interleaved, as the arena stores them;
    /// nil when there is no merge key (the pairs stand as written).
    func resolvingMergeKeys(_ written: ArraySlice<Int>) -> [Int]? {
        func isMerge(_ key: Int) -> Bool {
            let record = arena.records[key]
            guard record.kind == .scalar else { return false }
            let scalar = arena.scalars[record.payload]
            return scalar.value == "<<" && scalar.style == .plain && (scalar.tag == nil || scalar.tag == "tag:yaml.org,2002:merge")
        }
        guard stride(from: written.startIndex, to: written.endIndex, by: 2).contains(where: { isMerge(written[$0]) }) else { return nil }
        let pairs = Array(written)
        var explicit: [Int] = []
        var merged: [Int] = []
        var mergedKeys = Set<String>()
        for i in stride(from: 0, to: pairs.count, by: 2) {
            guard isMerge(pairs[i]) else { explicit += [pairs[i], pairs[i + 1]]; continue }
            // Earlier mappings in a merge list take precedence over later ones.
            let value = arena.records[pairs[i + 1]]
            let sources = value.kind == .sequence ? Array(arena.children[value.payload..<(value.payload + value.count)]) : [pairs[i + 1]]
            for source in sources {
                let mapping = arena.records[source]
                guard mapping.kind == .mapping else { continue }
                for p in 0..<mapping.count {
                    let key = arena.children[mapping.payload + 2 * p]
                    let text = arena.scalarText(key) ?? ""
                    guard mergedKeys.insert(text).inserted else { continue }
                    merged += [key, arena.children[mapping.payload + 2 * p + 1]]
                }
            }
        }
        var explicitKeys = Set<String>()
        for i in stride(from: 0, to: explicit.count, by: 2) { if let text = arena.scalarText(explicit[i]) { explicitKeys.insert(text) } }
        var result = explicit
        for i in stride(from: 0, to: merged.count, by: 2) where !explicitKeys.contains(arena.scalarText(merged[i]) ?? "") {
            result += [merged[i], merged[i + 1]]
        }
        return result
    }

    /// Attaches a finished node to its parent (or makes it the document root).
    private mutating func add(_ node: Int) -> Bool {
        let record = arena.records[node]
        if record.anchor >= 0 { anchors[arena.strings[record.anchor]] = node }
        let top = stack.count - 1
        guard top >= 0 else {
            root = node
            return true
        }
        stack[top].weight += record.weight
        guard stack[top].isMapping else {
            pendingItems.append(node)
            return true
        }
        guard let key = stack[top].pendingKey else {
            stack[top].pendingKey = node
            return true
        }
        stack[top].pendingKey = nil
        if let keyText = arena.scalarText(key), keyText != "<<" {
            if let firstIndex = stack[top].index(ofKey: keyText, in: pendingPairs, arena: arena) {
                let firstSpan = arena.span(of: pendingPairs[stack[top].firstChild + 2 * firstIndex])
                let firstPos = file.position(ofByte: firstSpan.start)
                issues.append(YAMLIssue(
                    kind: .duplicateKey,
                    message: "key \"\(keyText)\" is already defined at line \(firstPos.line) column \(firstPos.column); Kubernetes keeps only the last one, so the earlier value is silently dropped",
                    span: arena.span(of: key),
                    related: [RelatedLocation(span: firstSpan, message: "first definition of \"\(keyText)\"")]))
            } else if stack[top].keys != nil {
                let index = (pendingPairs.count - stack[top].firstChild) / 2
                stack[top].keys?[keyText] = index
            }
        }
        pendingPairs.append(key)
        pendingPairs.append(node)
        return true
    }
}

extension Array {
    subscript(safe index: Int) -> Element? {
        index >= 0 && index < count ? self[index] : nil
    }
}
