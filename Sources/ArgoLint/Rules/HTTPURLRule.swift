import YAMLTree
import ArgoModel
import ArgoSemantics
import ArgoSyntax

/// http-url: a URL that cannot be valid once its `{{...}}` placeholders are
/// filled. Each tag is opaque and may supply anything legal where it stands
/// (the whole URL, the host, a path segment), so only literal text is judged.
public struct HTTPURLRule: Rule {
    public static let info = RuleInfo(id: "http-url", defaultSeverity: .error, summary: "a URL that cannot be valid once placeholders are filled")
    public var info: RuleInfo { Self.info }
    public init() {}

    public func check(_ context: ResourceContext, _ report: inout Reporter) {
        for template in context.allTemplates {
            guard let url = template.http?.url, !url.isNull else { continue }
            if let (range, message, fix) = problem(in: url.value) {
                let span = url.sourceSpan(range, in: context.file)
                let valueBytes = Array(url.value.utf8)
                // Whitespace is encoded all at once (one per round would take a round per character).
                let edited: [(Range<Int>, String)] = fix?.encodesWhitespace == true
                    ? Self.literalWhitespace(valueBytes).map { ($0..<($0 + 1), valueBytes[$0] == 0x09 ? "%09" : "%20") }
                    : fix.map { [(range, $0.text)] } ?? []
                // Only where the source spells the value byte for byte (not an escape such as `\t`).
                let edits = edited.compactMap { edit, text -> (Range<Int>, TextEdit)? in
                    let span = url.sourceSpan(edit, in: context.file)
                    return context.file.text(of: span) == String(decoding: valueBytes[edit], as: UTF8.self) ? (edit, TextEdit(span: span, newText: text)) : nil
                }
                let edit = fix.flatMap { replacement -> Fix? in
                    edits.contains { $0.0 == range } ? Fix(description: replacement.description, edits: edits.map(\.1), applicability: replacement.applicability) : nil
                }
                report.report(span, message, fix: edit)
            }
        }
    }

    private struct Replacement {
        var text: String
        var description: String
        var applicability: Fix.Applicability = .safe
        var encodesWhitespace = false
    }

    /// Offsets of the literal spaces and tabs inside a URL (not around it, not in a tag).
    private static func literalWhitespace(_ bytes: [UInt8]) -> [Int] {
        let tags = TemplateTagScanner.scan(String(decoding: bytes, as: UTF8.self)).tags.map(\.range)
        let trimmedStart = bytes.firstIndex { $0 != 0x20 && $0 != 0x09 } ?? 0
        let trimmedEnd = bytes.lastIndex { $0 != 0x20 && $0 != 0x09 } ?? 0
        return bytes.indices.filter { i in
            i > trimmedStart && i < trimmedEnd && (bytes[i] == 0x20 || bytes[i] == 0x09) && !tags.contains { $0.contains(i) }
        }
    }

    private static func isHex(_ b: UInt8) -> Bool {
        (b >= 48 && b <= 57) || (b >= 65 && b <= 70) || (b >= 97 && b <= 102)
    }

    /// The first problem: its byte range in the value, the message, and a replacement for that range.
    private func problem(in value: String) -> (Range<Int>, String, Replacement?)? {
        let bytes = Array(value.utf8)
        let tags = TemplateTagScanner.scan(value).tags.map(\.range)
        func inTag(_ i: Int) -> Bool { tags.contains { $0.contains(i) } }
        let trimmedStart = bytes.firstIndex { $0 != 0x20 && $0 != 0x09 } ?? 0
        if bytes.isEmpty || trimmedStart >= bytes.count { return (0..<0, "the URL is empty", nil) }
        // A `|` block keeps its final line break, and Go refuses control characters in a URL.
        if let control = bytes.firstIndex(where: { $0 < 0x20 && $0 != 0x09 }) {
            return (control..<(control + 1), "the URL contains a line break or control character, which Go refuses (a `|` block keeps its final line break: use `|-` or a plain value)", nil)
        }
        // Literal whitespace is never valid in a URL (a tag may hold an encoded value).
        if let space = Self.literalWhitespace(bytes).first {
            return (space..<(space + 1), "the URL contains a space, which is not allowed in a URL; encode it as %20",
                    Replacement(text: "%20", description: "encode the space as %20 (every space and tab: %20, %09)", encodesWhitespace: true))
        }
        // A '%' must start a two-digit hex escape; Go's url.Parse rejects anything else.
        if let percent = bytes.indices.first(where: { i in
            bytes[i] == UInt8(ascii: "%") && !inTag(i) && !(i + 2 < bytes.count && !inTag(i + 1) && !inTag(i + 2) && Self.isHex(bytes[i + 1]) && Self.isHex(bytes[i + 2]))
        }) {
            return (percent..<min(percent + 3, bytes.count), "\"%\" must start a two-digit hex escape such as %20; Go's URL parser rejects this URL (write %25 for a literal %)", nil)
        }
        let layout = URLLayout(value)
        guard let scheme = layout.scheme, let schemeRange = layout.schemeRange else {
            // A tag at the start may supply the scheme.
            if tags.first?.lowerBound == trimmedStart { return nil }
            // `word:` not followed by `//` is a scheme typo — unless digits follow, as in `localhost:8080`.
            if let colon = bytes.firstIndex(of: UInt8(ascii: ":")), !inTag(colon),
               bytes[trimmedStart..<colon].allSatisfy({ ($0 >= 97 && $0 <= 122) || ($0 >= 65 && $0 <= 90) }),
               !(colon + 1 < bytes.count && bytes[colon + 1] >= 48 && bytes[colon + 1] <= 57) {
                let written = String(decoding: bytes[trimmedStart..<colon], as: UTF8.self)
                return (trimmedStart..<colon, "\"\(written):\" is not followed by \"//\"; write \"\(written.lowercased())://\"", nil)
            }
            return (trimmedStart..<trimmedStart, "the URL has no scheme, so Argo's HTTP client cannot send it; start it with https://", Replacement(text: "https://", description: "prefix https://", applicability: .unsafe))
        }
        if scheme != "http" && scheme != "https" {
            let end = schemeRange.upperBound - 3
            return (schemeRange.lowerBound..<end, "the HTTP template only speaks http and https, not \"\(scheme)\"", nil)
        }
        guard let host = layout.host else { return nil }
        if host.isEmpty {
            return (schemeRange, "the URL has no host after \"\(scheme)://\"", nil)
        }
        // Port: digits from the host's end to the authority's end, unless a tag supplies it.
        var authorityEnd = host.upperBound
        while authorityEnd < bytes.count, bytes[authorityEnd] != UInt8(ascii: "/"), bytes[authorityEnd] != UInt8(ascii: "?"), bytes[authorityEnd] != UInt8(ascii: "#") || inTag(authorityEnd) {
            authorityEnd += 1
        }
        if host.upperBound < authorityEnd, bytes[host.upperBound] == UInt8(ascii: ":") {
            let portRange = (host.upperBound + 1)..<authorityEnd
            if !portRange.contains(where: inTag) {
                let port = String(decoding: bytes[portRange], as: UTF8.self)
                if port.isEmpty || !port.allSatisfy(\.isASCII) || Int(port).map({ !(1...65535).contains($0) }) ?? true {
                    return (portRange.isEmpty ? host.upperBound..<(host.upperBound + 1) : portRange, "port \"\(port)\" is not a number from 1 to 65535", nil)
                }
            }
        }
        return nil
    }
}
