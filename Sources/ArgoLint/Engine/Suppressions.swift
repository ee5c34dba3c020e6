import YAMLTree

/// `# argolint:disable-next-line RULE[,RULE]` and `# argolint:disable RULE`
/// comments of one file, and which of them suppressed something.
struct Suppressions {
    struct Entry {
        /// Rule ids; empty means every rule.
        var rules: [String]
        /// The line (1-based) it applies to, or nil for the whole file.
        var line: Int?
        var span: SourceSpan
        var used = false
    }

    private(set) var entries: [Entry] = []

    /// Finds the directives. libyaml drops comments, so the text is scanned for
    /// the marker and a hit counts only when its `#` lies outside every scalar:
    /// the same words inside a script's source are not a directive.
    init(file: SourceFile, scalarSpans: () -> [SourceSpan]) {
        let marker = Array("argolint:".utf8)
        let bytes = file.bytes
        guard let first = Self.find(marker, in: bytes, from: 0) else { return }
        let spans = scalarSpans().sorted { $0.start < $1.start }
        var searchFrom = first
        while let hit = Self.find(marker, in: bytes, from: searchFrom) {
            searchFrom = hit + marker.count
            // Walk back over spaces to the `#` that opens the comment.
            var hash = hit - 1
            while hash >= 0 && bytes[hash] == 0x20 { hash -= 1 }
            guard hash >= 0, bytes[hash] == UInt8(ascii: "#") else { continue }
            guard hash == 0 || bytes[hash - 1] == 0x20 || bytes[hash - 1] == 0x09 || bytes[hash - 1] == 0x0A || bytes[hash - 1] == 0x0D else { continue }
            if Self.isInside(hash, spans) { continue }
            let lineIndex = file.lineIndex(ofByte: hit)
            let lineEnd = file.lineContentEnd(lineIndex: lineIndex)
            let directive = String(decoding: bytes[searchFrom..<lineEnd], as: UTF8.self)
            let words = directive.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            guard let verb = words.first else { continue }
            let rules = words.count > 1
                ? words[1].split(separator: ",").map { $0.trimmingCharacters(in: " \t") }.filter { !$0.isEmpty }
                : []
            let span = SourceSpan(start: hash, end: lineEnd)
            switch verb {
            case "disable-next-line": entries.append(Entry(rules: rules, line: lineIndex + 2, span: span))
            case "disable-line": entries.append(Entry(rules: rules, line: lineIndex + 1, span: span))
            case "disable": entries.append(Entry(rules: rules, line: nil, span: span))
            default: continue
            }
        }
    }

    /// True (and marks the directive used) when `diagnostic` on `line` is suppressed.
    mutating func suppresses(rule: String, line: Int) -> Bool {
        var hit = false
        for i in entries.indices where entries[i].line == nil || entries[i].line == line {
            if entries[i].rules.isEmpty || entries[i].rules.contains(rule) {
                entries[i].used = true
                hit = true
            }
        }
        return hit
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        haystack.firstOffset(of: needle, from: start)
    }

    private static func isInside(_ offset: Int, _ spans: [SourceSpan]) -> Bool {
        // Spans are sorted by start; a binary search finds the last one starting at or before offset.
        var low = 0, high = spans.count - 1, candidate = -1
        while low <= high {
            let mid = (low + high) / 2
            if spans[mid].start <= offset { candidate = mid; low = mid + 1 } else { high = mid - 1 }
        }
        var i = candidate
        // Scalars do not nest, but a long block scalar may start well before offset.
        while i >= 0 && i > candidate - 64 {
            if spans[i].start <= offset && offset < spans[i].end { return true }
            i -= 1
        }
        return false
    }
}

extension Substring {
    func trimmingCharacters(in set: String) -> String {
        let chars = Set(set)
        var s = self[...]
        while let f = s.first, chars.contains(f) { s = s.dropFirst() }
        while let l = s.last, chars.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
