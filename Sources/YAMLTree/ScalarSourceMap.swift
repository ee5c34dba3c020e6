/// Maps byte offsets inside a scalar's *value* back to byte offsets in the
/// file, through the scalar's style: quotes, escapes (`\u00e9` is six source
/// bytes for two value bytes), line folding, and block-scalar indentation.
/// This is what lets a diagnostic inside an expression in a `|` block or a
/// double-quoted string point at the exact column.
///
/// The mapping is rebuilt from the source with YAML's rules and checked
/// against the value libyaml produced; if they ever disagree, it falls back to
/// locating the value verbatim, then to the scalar's start, never to a wrong
/// place past the scalar.
public struct ScalarSourceMap: Sendable {
    /// What each one-character double-quoted escape (`\n`, `\t`, ...) stands for, by
    /// the byte after the backslash; built once, not per escape.
    static let simpleEscapes: [UInt32?] = {
        var table = [UInt32?](repeating: nil, count: 256)
        let pairs: [(Character, UInt32)] = [
            ("0", 0), ("a", 7), ("b", 8), ("t", 9), ("\t", 9), ("n", 10), ("v", 11), ("f", 12), ("r", 13),
            ("e", 0x1B), (" ", 0x20), ("\"", 0x22), ("/", 0x2F), ("\\", 0x5C), ("N", 0x85), ("_", 0xA0),
            ("L", 0x2028), ("P", 0x2029),
        ]
        for (character, value) in pairs { if let byte = character.asciiValue { table[Int(byte)] = value } }
        return table
    }()

    /// `offsets[i]` is the file offset of value byte `i`; one extra entry for the end.
    public let offsets: [Int]

    public init(file: SourceFile, node: YAMLNode) {
        guard let scalar = node.scalar else {
            offsets = [node.span.start]
            return
        }
        let value = Array(scalar.value.utf8)
        var builder = Builder(bytes: file.bytes, start: node.span.start, end: min(node.span.end, file.bytes.count))
        switch scalar.style {
        case .plain: builder.flow(from: builder.start, to: builder.end, quote: nil)
        case .singleQuoted: builder.flow(from: builder.start + 1, to: max(builder.start + 1, builder.end - 1), quote: UInt8(ascii: "'"))
        case .doubleQuoted: builder.flow(from: builder.start + 1, to: max(builder.start + 1, builder.end - 1), quote: UInt8(ascii: "\""))
        case .literal: builder.block(folded: false)
        case .folded: builder.block(folded: true)
        }
        if builder.out == value {
            offsets = builder.map + [builder.map.last.map { $0 + 1 } ?? node.span.start]
            return
        }
        // Fallback: the value written verbatim somewhere in the span (plain one-liners, unusual layouts).
        if let at = Self.find(value, in: file.bytes, from: node.span.start, to: node.span.end) {
            offsets = Array(at...(at + value.count))
        } else {
            offsets = Array(repeating: node.span.start, count: value.count + 1)
        }
    }

    /// File offset of a value offset (clamped).
    public func sourceOffset(_ valueOffset: Int) -> Int {
        offsets[max(0, min(valueOffset, offsets.count - 1))]
    }

    /// File span of a value range.
    public func sourceSpan(_ range: Range<Int>) -> SourceSpan {
        let start = sourceOffset(range.lowerBound)
        let end = range.isEmpty ? start : sourceOffset(range.upperBound - 1) + 1
        // Extend over the rest of a multi-byte character or escape at the end.
        return SourceSpan(start: start, end: max(end, start))
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from: Int, to: Int) -> Int? {
        guard !needle.isEmpty, to - from >= needle.count else { return needle.isEmpty ? from : nil }
        var i = from
        while i + needle.count <= min(to, bytes.count) {
            if bytes[i] == needle[0] && Array(bytes[i..<(i + needle.count)]) == needle { return i }
            i += 1
        }
        return nil
    }

    private struct Builder {
        let bytes: [UInt8]
        let start: Int
        let end: Int
        var out: [UInt8] = []
        var map: [Int] = []

        init(bytes: [UInt8], start: Int, end: Int) {
            self.bytes = bytes
            self.start = start
            self.end = end
        }

        mutating func emit(_ byte: UInt8, _ at: Int) {
            out.append(byte)
            map.append(at)
        }

        func isBreak(_ i: Int) -> Bool { i < end && (bytes[i] == 0x0A || bytes[i] == 0x0D) }
        func isBlank(_ i: Int) -> Bool { i < end && (bytes[i] == 0x20 || bytes[i] == 0x09) }

        /// Skips one line break (`\r\n` counts as one); returns the next offset.
        func skipBreak(_ i: Int) -> Int {
            if i + 1 < end && bytes[i] == 0x0D && bytes[i + 1] == 0x0A { return i + 2 }
            return i + 1
        }

        /// Plain and quoted scalars: line folding, and quote escapes.
        mutating func flow(from: Int, to: Int, quote: UInt8?) {
            var i = from
            while i < to {
                let b = bytes[i]
                if b == 0x0A || b == 0x0D {
                    // Trailing blanks before a break are not content.
                    while let last = out.last, last == 0x20 || last == 0x09, let at = map.last, at >= from, bytes[at] == last {
                        out.removeLast(); map.removeLast()
                    }
                    let breakAt = i
                    i = skipBreak(i)
                    var extraBreaks = 0
                    while true {
                        while i < to && isBlank(i) { i += 1 }
                        if i < to && isBreak(i) { extraBreaks += 1; i = skipBreak(i) } else { break }
                    }
                    if extraBreaks == 0 { emit(0x20, breakAt) } else { for _ in 0..<extraBreaks { emit(0x0A, breakAt) } }
                    continue
                }
                if quote == UInt8(ascii: "'") && b == UInt8(ascii: "'") && i + 1 < to && bytes[i + 1] == UInt8(ascii: "'") {
                    emit(b, i)
                    i += 2
                    continue
                }
                if quote == UInt8(ascii: "\"") && b == UInt8(ascii: "\\") && i + 1 < to {
                    i = escape(at: i, to: to)
                    continue
                }
                emit(b, i)
                i += 1
            }
        }

        /// A double-quoted escape starting at `at`; returns the offset after it.
        mutating func escape(at: Int, to: Int) -> Int {
            let code = bytes[at + 1]
            func scalar(_ v: UInt32) { for byte in Array(String(Unicode.Scalar(v).map(Character.init) ?? "\u{FFFD}").utf8) { emit(byte, at) } }
            switch code {
            case 0x0A, 0x0D:
                // Escaped line break: joins the lines, leading blanks of the next line dropped.
                var i = skipBreak(at + 1)
                while i < to && isBlank(i) { i += 1 }
                return i
            case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
                let width = code == UInt8(ascii: "x") ? 2 : code == UInt8(ascii: "u") ? 4 : 8
                let digits = String(decoding: bytes[(at + 2)..<min(at + 2 + width, to)], as: UTF8.self)
                scalar(UInt32(digits, radix: 16) ?? 0xFFFD)
                return at + 2 + width
            default:
                scalar(ScalarSourceMap.simpleEscapes[Int(code)] ?? 0xFFFD)
                return at + 2
            }
        }

        /// Literal (`|`) and folded (`>`) block scalars.
        mutating func block(folded: Bool) {
            var i = start + 1
            var explicitIndent: Int?
            var chomp: UInt8 = 0
            while i < end, !isBreak(i) {
                let b = bytes[i]
                if b >= UInt8(ascii: "1") && b <= UInt8(ascii: "9") && explicitIndent == nil { explicitIndent = Int(b - 48) }
                else if b == UInt8(ascii: "+") || b == UInt8(ascii: "-") { chomp = b }
                else if b == UInt8(ascii: "#") { while i < end && !isBreak(i) { i += 1 }; break }
                i += 1
            }
            guard i < end else { return }
            i = skipBreak(i)
            // The parent's indentation is that of the line holding the indicator.
            var lineStart = start
            while lineStart > 0 && bytes[lineStart - 1] != 0x0A && bytes[lineStart - 1] != 0x0D { lineStart -= 1 }
            var parentIndent = 0
            while lineStart + parentIndent < start && bytes[lineStart + parentIndent] == 0x20 { parentIndent += 1 }
            var indent: Int
            if let explicitIndent {
                indent = parentIndent + explicitIndent
            } else {
                // Auto-detect from the first non-empty line.
                var j = i
                indent = 0
                while j < end {
                    var k = j
                    while k < end && bytes[k] == 0x20 { k += 1 }
                    if k < end && !isBreak(k) { indent = k - j; break }
                    if k >= end { break }
                    j = skipBreak(k)
                }
            }
            // Collect lines: (contentStart, contentEnd, breakOffset?).
            var lines: [(start: Int, end: Int, breakAt: Int?)] = []
            while i < end {
                var k = i
                var spaces = 0
                while k < end && bytes[k] == 0x20 && spaces < indent { k += 1; spaces += 1 }
                var e = k
                while e < end && !isBreak(e) { e += 1 }
                if spaces < indent && e > k && !(bytes[k] == 0x0A || bytes[k] == 0x0D) {
                    // Less indented non-empty line: the scalar ended.
                    break
                }
                lines.append((k, e, e < end ? e : nil))
                i = e < end ? skipBreak(e) : end
            }
            // Trailing empty lines are subject to chomping.
            var lastContent = lines.count - 1
            while lastContent >= 0 && lines[lastContent].start == lines[lastContent].end { lastContent -= 1 }
            var previousWasNormal = false
            var pendingBreak: Int?
            var emptyRun: [Int] = []
            // lastContent is -1 when every line is empty (`>` alone): no iteration.
            for index in 0..<(lastContent + 1) {
                let line = lines[index]
                let isEmpty = line.start == line.end
                if isEmpty {
                    emptyRun.append(line.breakAt ?? line.start)
                    continue
                }
                let moreIndented = bytes[line.start] == 0x20 || bytes[line.start] == 0x09
                if let breakAt = pendingBreak {
                    if folded && previousWasNormal && !moreIndented {
                        if emptyRun.isEmpty { emit(0x20, breakAt) }
                    } else {
                        emit(0x0A, breakAt)
                    }
                    for at in emptyRun { emit(0x0A, at) }
                }
                emptyRun.removeAll()
                for k in line.start..<line.end { emit(bytes[k], k) }
                previousWasNormal = !moreIndented
                pendingBreak = line.breakAt ?? line.end
            }
            guard lastContent >= 0 else {
                if chomp == UInt8(ascii: "+") { for line in lines { emit(0x0A, line.breakAt ?? line.start) } }
                return
            }
            switch chomp {
            case UInt8(ascii: "-"): break
            case UInt8(ascii: "+"):
                if let breakAt = lines[lastContent].breakAt { emit(0x0A, breakAt) }
                for line in lines[(lastContent + 1)...] { emit(0x0A, line.breakAt ?? line.start) }
            default:
                if let breakAt = lines[lastContent].breakAt { emit(0x0A, breakAt) }
            }
        }
    }
}
