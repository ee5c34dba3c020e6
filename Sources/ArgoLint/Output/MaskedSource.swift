import YAMLTree

/// The text of one file as any output may show it: every hard-coded
/// credential (a `secret-hardcoded` finding's span) replaced by one `*` per
/// character, so reports, CI logs, SARIF uploads and diffs do not spread it.
///
/// This is the only place masking happens. Line breaks inside a masked span
/// are kept and each character becomes exactly one `*`, so every line and
/// column computed from the original file still points at the same text here.
public struct MaskedSource: Sendable {
    /// The masked file. Its byte offsets differ from the original's wherever a
    /// masked character took more than one byte, so it is read by line and
    /// column only, never with the original's byte spans.
    private let masked: SourceFile

    public init(file: SourceFile, diagnostics: [Diagnostic]) {
        let spans = Self.credentialSpans(in: diagnostics)
        masked = spans.isEmpty ? file : SourceFile(path: file.path, bytes: Self.mask(file.bytes, spans))
    }

    public init(_ report: FileReport) {
        self.init(file: report.file, diagnostics: report.diagnostics)
    }

    /// The rule whose findings are credentials.
    public static let maskedRule = SecretHardcodedRule.info.id

    static func credentialSpans(in diagnostics: [Diagnostic]) -> [SourceSpan] {
        diagnostics.filter { $0.rule == maskedRule && $0.span.start < $0.span.end }.map(\.span)
    }

    /// `bytes` with every character that starts inside one of `spans` replaced by `*`.
    static func mask(_ bytes: [UInt8], _ spans: [SourceSpan]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        let sorted = spans.sorted()
        var next = 0  // first span that may still cover `i`
        for (i, byte) in bytes.enumerated() {
            while next < sorted.count && sorted[next].end <= i { next += 1 }
            let inside = sorted[next...].prefix { $0.start <= i }.contains { i < $0.end }
            if !inside || byte == 0x0A || byte == 0x0D {
                out.append(byte)
            } else if byte & 0xC0 != 0x80 {
                // Continuation bytes belong to the character already masked.
                out.append(UInt8(ascii: "*"))
            }
        }
        return out
    }

    /// The whole masked text (for diffs).
    public var text: String { masked.text }

    /// A 1-based line without its line break.
    public func line(_ number: Int) -> String { masked.lineText(number) }

    /// The text between two positions of the original file (1-based lines,
    /// columns counting Unicode scalars, end exclusive).
    public func text(from start: SourcePosition, to end: SourcePosition) -> String {
        let lower = byteOffset(start), upper = max(lower, byteOffset(end))
        return String(decoding: masked.bytes[lower..<upper], as: UTF8.self)
    }

    private func byteOffset(_ position: SourcePosition) -> Int {
        // Columns on the first line count from after a byte order mark (SourceFile.position).
        let column = position.line == 1 && masked.hasByteOrderMark ? position.column + 1 : position.column
        return masked.byteOffset(line: position.line, column: column)
    }
}
