/// Finds `{{...}}` tags the way Argo's template engine does: a tag ends at
/// the first `}}` after its `{{`, tags never nest, and only `{{=` (no space)
/// starts an expression tag.
public enum TemplateTagScanner {
    public static func scan(_ text: String) -> TemplateTagScan {
        scan(bytes: Array(text.utf8))
    }

    static func scan(bytes: [UInt8]) -> TemplateTagScan {
        var tags: [TemplateTag] = []
        var issues: [SyntaxIssue] = []
        let count = bytes.count
        var index = 0
        while index + 1 < count {
            guard bytes[index] == UInt8(ascii: "{"), bytes[index + 1] == UInt8(ascii: "{") else {
                index += 1
                continue
            }
            let start = index
            let innerStart = index + 2
            guard let close = findClose(bytes, from: innerStart) else {
                issues.append(SyntaxIssue(
                    code: .unterminatedTag,
                    message: "'{{' is never closed by '}}'",
                    range: start..<count,
                    hint: "add '}}' or remove the stray '{{'"))
                // Nothing after an unclosed '{{' can close a later tag either.
                break
            }
            let innerRange = innerStart..<close
            let end = close + 2
            if innerStart < close, bytes[innerStart] == UInt8(ascii: "=") {
                let sourceRange = (innerStart + 1)..<close
                tags.append(TemplateTag(
                    kind: .expression, range: start..<end, innerRange: innerRange,
                    text: UTF8Text.string(bytes, sourceRange), textRange: sourceRange))
            } else {
                let nameRange = UTF8Text.trimmed(bytes, innerRange)
                tags.append(TemplateTag(
                    kind: .simple, range: start..<end, innerRange: innerRange,
                    text: UTF8Text.string(bytes, nameRange), textRange: nameRange))
            }
            index = end
        }
        return TemplateTagScan(tags: tags, issues: issues)
    }

    private static func findClose(_ bytes: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "}"), bytes[index + 1] == UInt8(ascii: "}") { return index }
            index += 1
        }
        return nil
    }

    /// The tag when the whole string (ignoring surrounding whitespace) is exactly
    /// one tag — i.e. a pure reference rather than a literal with tags mixed in.
    public static func entireTag(_ text: String) -> TemplateTag? {
        let bytes = Array(text.utf8)
        let trimmed = UTF8Text.trimmed(bytes, 0..<bytes.count)
        guard trimmed.count >= 4 else { return nil }
        let scan = scan(bytes: bytes)
        guard scan.issues.isEmpty, scan.tags.count == 1, let tag = scan.tags.first,
              tag.range == trimmed else { return nil }
        return tag
    }

    /// True when the trimmed string is exactly one `{{...}}` tag.
    public static func isEntirelyTag(_ text: String) -> Bool {
        entireTag(text) != nil
    }

    /// True when the string contains at least one complete tag.
    public static func containsTag(_ text: String) -> Bool {
        !scan(text).tags.isEmpty
    }
}
