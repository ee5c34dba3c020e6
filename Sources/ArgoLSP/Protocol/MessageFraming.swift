/// Splits the byte stream from the client into message bodies: ASCII header
/// lines (`Content-Length: N` required, names case-insensitive, unknown ones
/// skipped), an empty line, then exactly N bytes of JSON.
///
/// Bytes arrive in arbitrary chunks: a message may be split across reads or
/// several may come in one. A broken header block is reported once and the
/// decoder skips ahead to the next `Content-Length`, so one bad frame costs
/// one error response, not the session.
public struct FrameDecoder: Sendable {
    public enum Event: Sendable, Equatable {
        /// One complete body (not yet known to be JSON).
        case message([UInt8])
        /// A header block the decoder could not use, or bytes it dropped.
        case malformed(String)
    }

    /// A header block longer than this is garbage, not a slow client.
    public static let maxHeaderBytes = 8 * 1024
    public let maxContentLength: Int

    private var buffer: [UInt8] = []
    /// Bytes before `start` are consumed; compacted now and then.
    private var start = 0
    /// After an error: drop bytes until the next `Content-Length`, without more errors.
    private var discarding = false

    public init(maxContentLength: Int = 64 * 1024 * 1024) {
        self.maxContentLength = maxContentLength
    }

    public mutating func append(_ bytes: [UInt8]) {
        buffer += bytes
    }

    /// Bytes received and not yet part of a message.
    public var bufferedByteCount: Int { buffer.count - start }

    /// Called when a body turns out not to be JSON. If its declared length was
    /// too large, the body swallowed the start of the next message: the body's
    /// bytes (after its first) go back in front of the stream and the decoder
    /// skips to the next `Content-Length`, wherever it is, so that message is
    /// not lost. No further error is reported for the skipped bytes.
    public mutating func rescan(unparsableBody body: [UInt8]) {
        guard body.count > 1 else { return }
        buffer = Array(body.dropFirst()) + buffer[start...]
        start = 0
        discarding = true
    }

    /// Drops whatever is buffered (an incomplete message the client stopped
    /// sending) and says what it was; nil when there was nothing to report.
    public mutating func discardPending() -> Event? {
        defer {
            buffer.removeAll(keepingCapacity: false)
            start = 0
            discarding = false
        }
        guard bufferedByteCount > 0, !discarding, !buffer[start...].allSatisfy(Self.isLineBreak) else { return nil }
        if case .complete(let bodyStart, let length) = parseHeaders() {
            return .malformed("incomplete message: Content-Length \(length) announced, \(buffer.count - bodyStart) body bytes received")
        }
        return .malformed("incomplete message header (\(bufferedByteCount) bytes)")
    }

    /// The next complete message or error, or nil when more bytes are needed.
    public mutating func next() -> Event? {
        compact()
        while true {
            if discarding {
                guard resynchronize() else { return nil }
            }
            // Line breaks between messages are tolerated silently.
            while start < buffer.count, Self.isLineBreak(buffer[start]) { start += 1 }
            guard start < buffer.count else { return nil }
            switch parseHeaders() {
            case .needMore:
                return nil
            case .invalid(let reason):
                discarding = true
                start += 1
                return .malformed(reason)
            case .complete(let bodyStart, let length):
                guard buffer.count - bodyStart >= length else { return nil }
                let body = Array(buffer[bodyStart..<bodyStart + length])
                start = bodyStart + length
                return .message(body)
            }
        }
    }

    private enum HeaderResult {
        case needMore
        case invalid(String)
        case complete(bodyStart: Int, length: Int)
    }

    private func parseHeaders() -> HeaderResult {
        var position = start
        var length: Int?
        var lengthError: String?
        while true {
            let limit = min(buffer.count, start + Self.maxHeaderBytes)
            guard let lineFeed = buffer[position..<limit].firstIndex(of: 0x0A) else {
                return buffer.count - start >= Self.maxHeaderBytes
                    ? .invalid("header block longer than \(Self.maxHeaderBytes) bytes")
                    : .needMore
            }
            var lineEnd = lineFeed
            if lineEnd > position && buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            let line = buffer[position..<lineEnd]
            position = lineFeed + 1
            if line.isEmpty {
                if let lengthError { return .invalid(lengthError) }
                guard let length else { return .invalid("header block without Content-Length") }
                return .complete(bodyStart: position, length: length)
            }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")),
                  colon > line.startIndex, line[line.startIndex..<colon].allSatisfy(Self.isTokenByte) else {
                return .invalid("invalid header line \"\(Self.preview(line))\"")
            }
            let name = String(decoding: line[line.startIndex..<colon], as: UTF8.self).lowercased()
            guard name == "content-length" else { continue }
            let value = String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingASCIISpaces
            if let parsed = Int(value), parsed >= 0, value.allSatisfy(\.isASCIIDigit) {
                if parsed > maxContentLength {
                    lengthError = "Content-Length \(parsed) exceeds the limit of \(maxContentLength) bytes"
                } else {
                    length = parsed
                }
            } else {
                lengthError = "invalid Content-Length \"\(Self.preview(Array(value.utf8)[...]))\""
            }
        }
    }

    /// Moves `start` to the next `Content-Length` (any case); false when none is buffered yet.
    private mutating func resynchronize() -> Bool {
        let needle = Self.contentLengthName
        var index = start
        while index + needle.count <= buffer.count {
            if Self.matchesIgnoringCase(buffer, at: index, needle) {
                start = index
                discarding = false
                return true
            }
            index += 1
        }
        // Keep a tail that could be the beginning of the name, split across reads.
        start = max(start, buffer.count - (needle.count - 1))
        return false
    }

    private mutating func compact() {
        if start > 0 && (start >= buffer.count || start > 64 * 1024) {
            buffer.removeFirst(start)
            start = 0
        }
    }

    static let contentLengthName = Array("content-length".utf8)

    static func matchesIgnoringCase(_ bytes: [UInt8], at index: Int, _ lowercaseNeedle: [UInt8]) -> Bool {
        for offset in 0..<lowercaseNeedle.count {
            var byte = bytes[index + offset]
            if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { byte += 32 }
            if byte != lowercaseNeedle[offset] { return false }
        }
        return true
    }

    static func isLineBreak(_ byte: UInt8) -> Bool { byte == 0x0A || byte == 0x0D }

    /// RFC 9110 token characters, the only ones a header name may have.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }

    static func preview(_ bytes: ArraySlice<UInt8>) -> String {
        let text = String(decoding: bytes.prefix(40), as: UTF8.self)
        return bytes.count > 40 ? text + "…" : text
    }
}

/// Frames one outgoing message.
public enum FrameEncoder {
    public static func encode(_ message: JSON) -> [UInt8] {
        let body = message.serialized()
        return Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body
    }
}

extension String {
    var trimmingASCIISpaces: String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
