import YAMLTree

/// An LSP `Position`: 0-based line and a column in the negotiated unit.
public struct LSPPosition: Sendable, Hashable {
    public var line: Int
    public var character: Int

    public init(line: Int, character: Int) {
        self.line = line
        self.character = character
    }

    init?(_ json: JSON?) {
        guard let line = json?["line"]?.intValue, let character = json?["character"]?.intValue else { return nil }
        self.init(line: line, character: character)
    }

    var json: JSON { ["line": .int(line), "character": .int(character)] }
}

/// An LSP `Range`, end exclusive.
public struct LSPRange: Sendable, Hashable {
    public var start: LSPPosition
    public var end: LSPPosition

    public init(start: LSPPosition, end: LSPPosition) {
        self.start = start
        self.end = end
    }

    init?(_ json: JSON?) {
        guard let start = LSPPosition(json?["start"]), let end = LSPPosition(json?["end"]) else { return nil }
        self.init(start: start, end: end)
    }

    var json: JSON { ["start": start.json, "end": end.json] }
}

/// Converts between our UTF-8 byte offsets and LSP positions in one text.
///
/// Lines come from `SourceFile`, which breaks at `\n`, `\r\n` and `\r` only,
/// as LSP does (libyaml's own line numbers also break at U+0085, U+2028 and
/// U+2029, so they are never used here).
public struct PositionConverter: Sendable {
    public let file: SourceFile
    public let encoding: PositionEncoding

    public init(file: SourceFile, encoding: PositionEncoding) {
        self.file = file
        self.encoding = encoding
    }

    public func position(ofByte offset: Int) -> LSPPosition {
        let clamped = max(0, min(offset, file.bytes.count))
        let line = file.lineIndex(ofByte: clamped)
        let lineStart = file.lineStarts[line]
        let character: Int
        switch encoding {
        case .utf8: character = clamped - lineStart
        case .utf16: character = file.utf16Count(from: lineStart, to: clamped)
        case .utf32: character = file.scalarCount(from: lineStart, to: clamped)
        }
        return LSPPosition(line: line, character: character)
    }

    public func range(of span: SourceSpan) -> LSPRange {
        LSPRange(start: position(ofByte: span.start), end: position(ofByte: span.end))
    }

    /// The byte offset of a position. A line past the end is the end of the
    /// text; a character past the line's end is the line's end (LSP clamps so);
    /// a position inside a character (half a surrogate pair) is its start.
    public func byteOffset(of position: LSPPosition) -> Int {
        guard position.line >= 0 else { return 0 }
        guard position.line < file.lineStarts.count else { return file.bytes.count }
        let start = file.lineStarts[position.line]
        let end = file.lineContentEnd(lineIndex: position.line)
        var offset = start
        var units = 0
        while offset < end {
            let length = Self.sequenceLength(file.bytes[offset])
            let width: Int
            switch encoding {
            case .utf8: width = length
            case .utf16: width = length == 4 ? 2 : 1
            case .utf32: width = 1
            }
            if units + width > position.character { break }
            units += width
            offset = min(end, offset + length)
        }
        return offset
    }

    public func span(of range: LSPRange) -> SourceSpan {
        SourceSpan(start: byteOffset(of: range.start), end: byteOffset(of: range.end))
    }

    /// Bytes in the UTF-8 sequence a lead byte starts (1 for a stray continuation byte).
    static func sequenceLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0xF0...: return 4
        case 0xE0...: return 3
        case 0xC0...: return 2
        default: return 1
        }
    }
}
