#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of one input and the arithmetic that turns byte offsets into
/// line/column positions.
///
/// Nodes and diagnostics store only UTF-8 byte offsets; lines and columns are
/// computed when something is reported, so parsing never pays for them.
/// Lines break at `\n`, `\r\n` and `\r` only (the editor and LSP convention),
/// not at U+0085/U+2028/U+2029 which libyaml also treats as breaks.
public final class SourceFile: Sendable {
    public let path: String
    public let bytes: [UInt8]
    /// Byte offset of the first byte of every line.
    public let lineStarts: [Int]
    /// True when the file starts with a UTF-8 byte order mark (skipped by libyaml).
    public let hasByteOrderMark: Bool
    public let isASCII: Bool

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        (lineStarts, isASCII) = bytes.withUnsafeBufferPointer { Self.scan($0) }
        self.hasByteOrderMark = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    }

    /// Line starts and whether every byte is ASCII. Every input goes through
    /// this, so the common case (no `\r`) finds line feeds with memchr and
    /// tests for ASCII eight bytes at a time.
    static func scan(_ buffer: UnsafeBufferPointer<UInt8>) -> (lineStarts: [Int], isASCII: Bool) {
        let count = buffer.count
        guard let base = buffer.baseAddress, count > 0 else { return ([0], true) }
        var highBits: UInt64 = 0
        var index = 0
        while index + 8 <= count {
            highBits |= UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            index += 8
        }
        while index < count { highBits |= UInt64(buffer[index]); index += 1 }
        let ascii = highBits & 0x8080_8080_8080_8080 == 0
        var starts = [0]
        if memchr(base, 0x0D, count) == nil {
            var offset = 0
            while offset < count, let found = memchr(base + offset, 0x0A, count - offset) {
                offset = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base + 1
                starts.append(offset)
            }
            return (starts, ascii)
        }
        index = 0
        while index < count {
            let byte = buffer[index]
            if byte == 0x0A {
                starts.append(index + 1)
            } else if byte == 0x0D {
                if index + 1 < count && buffer[index + 1] == 0x0A {
                    index += 1
                }
                starts.append(index + 1)
            }
            index += 1
        }
        return (starts, ascii)
    }

    public convenience init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    /// 1-based line and column (columns count Unicode scalars) of a byte offset.
    public func position(ofByte offset: Int) -> SourcePosition {
        let clamped = max(0, min(offset, bytes.count))
        let lineIndex = lineIndex(ofByte: clamped)
        let start = lineStarts[lineIndex]
        // Editors hide a byte order mark, so columns on the first line start after it.
        let columnStart = lineIndex == 0 && hasByteOrderMark ? min(3, clamped) : start
        return SourcePosition(line: lineIndex + 1, column: scalarCount(from: columnStart, to: clamped) + 1, offset: clamped)
    }

    /// 0-based index of the line holding `offset`.
    public func lineIndex(ofByte offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// Number of Unicode scalars in bytes[from..<to] (continuation bytes do not count).
    public func scalarCount(from: Int, to: Int) -> Int {
        if isASCII { return to - from }
        var n = 0
        var i = from
        while i < to {
            if bytes[i] & 0xC0 != 0x80 { n += 1 }
            i += 1
        }
        return n
    }

    /// Number of UTF-16 code units in bytes[from..<to].
    public func utf16Count(from: Int, to: Int) -> Int {
        if isASCII { return to - from }
        var n = 0
        var i = from
        while i < to {
            let b = bytes[i]
            if b & 0xC0 != 0x80 { n += b >= 0xF0 ? 2 : 1 }
            i += 1
        }
        return n
    }

    /// Byte offset of a 1-based line and 1-based scalar column (clamped to the line).
    public func byteOffset(line: Int, column: Int) -> Int {
        guard line >= 1 else { return 0 }
        guard line <= lineStarts.count else { return bytes.count }
        let start = lineStarts[line - 1]
        let end = lineContentEnd(lineIndex: line - 1)
        var i = start
        var remaining = column - 1
        while i < end && remaining > 0 {
            i += 1
            while i < end && bytes[i] & 0xC0 == 0x80 { i += 1 }
            remaining -= 1
        }
        return i
    }

    /// End of a line's content, before its line break.
    public func lineContentEnd(lineIndex: Int) -> Int {
        var end = lineIndex + 1 < lineStarts.count ? lineStarts[lineIndex + 1] : bytes.count
        while end > lineStarts[lineIndex] && (bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D) {
            end -= 1
        }
        return end
    }

    /// The text of a 1-based line without its line break (lossy for invalid UTF-8).
    public func lineText(_ line: Int) -> String {
        guard line >= 1 && line <= lineStarts.count else { return "" }
        let start = lineStarts[line - 1]
        return String(decoding: bytes[start..<lineContentEnd(lineIndex: line - 1)], as: UTF8.self)
    }

    public func text(of span: SourceSpan) -> String {
        let lower = max(0, min(span.start, bytes.count))
        let upper = max(lower, min(span.end, bytes.count))
        return String(decoding: bytes[lower..<upper], as: UTF8.self)
    }

    /// The whole file as text (lossy for invalid UTF-8).
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// A resolved, human-facing position. Lines and columns are 1-based; columns
/// count Unicode scalars; `offset` is the UTF-8 byte offset.
public struct SourcePosition: Sendable, Hashable, Comparable {
    public var line: Int
    public var column: Int
    public var offset: Int

    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    public static func < (a: SourcePosition, b: SourcePosition) -> Bool { a.offset < b.offset }
}

/// A half-open range of UTF-8 byte offsets in one `SourceFile`.
public struct SourceSpan: Sendable, Hashable, Comparable {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = max(start, end)
    }

    public static func < (a: SourceSpan, b: SourceSpan) -> Bool {
        a.start != b.start ? a.start < b.start : a.end < b.end
    }

    public var length: Int { end - start }
}
