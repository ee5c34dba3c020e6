/// Finds `{{...}}` tags the way Argo's template engine does: a tag ends at
/// the first `}}` after its `{{`, and only `{{=` (no space) starts an
/// expression tag. One exception, from Argo 4.1: a simple tag may hold a
/// placeholder of its own (`{{steps.run-{{inputs.parameters.d}}.status}}`,
/// naming a step whose name holds that placeholder). Both are reported: the
/// inner tag, then the outer one, whose text keeps the inner tag as written.
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
            let isExpression = innerStart < close && bytes[innerStart] == UInt8(ascii: "=")
            if !isExpression, let nested = nestedClose(bytes, from: innerStart, firstClose: close) {
                // The placeholder inside is a tag of its own; the outer tag ends after it.
                let inner = scan(bytes: Array(bytes[nested.innerOpen..<(close + 2)]))
                for tag in inner.tags {
                    let shift = nested.innerOpen
                    tags.append(TemplateTag(kind: tag.kind, range: (tag.range.lowerBound + shift)..<(tag.range.upperBound + shift),
                                            innerRange: (tag.innerRange.lowerBound + shift)..<(tag.innerRange.upperBound + shift),
                                            text: tag.text, textRange: (tag.textRange.lowerBound + shift)..<(tag.textRange.upperBound + shift)))
                }
                let outerInner = innerStart..<nested.close
                let nameRange = UTF8Text.trimmed(bytes, outerInner)
                tags.append(TemplateTag(
                    kind: .simple, range: start..<(nested.close + 2), innerRange: outerInner,
                    text: UTF8Text.string(bytes, nameRange), textRange: nameRange))
                index = nested.close + 2
                continue
            }
            let innerRange = innerStart..<close
            let end = close + 2
            if isExpression {
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

    /// For `{{a{{b}}c}}`: when a `{{` opens before the first `}}` and the text after
    /// that `}}` runs on (without a space or another `{{`) to a second `}}`, the
    /// outer tag's close. Only a name can hold a placeholder this way.
    private static func nestedClose(_ bytes: [UInt8], from start: Int, firstClose: Int) -> (innerOpen: Int, close: Int)? {
        var index = start
        var innerOpen: Int?
        while index + 1 < firstClose {
            if bytes[index] == UInt8(ascii: "{"), bytes[index + 1] == UInt8(ascii: "{") { innerOpen = index; break }
            index += 1
        }
        guard let innerOpen, innerOpen > start else { return nil }
        var after = firstClose + 2
        while after + 1 < bytes.count {
            let b = bytes[after]
            if b == UInt8(ascii: "}"), bytes[after + 1] == UInt8(ascii: "}") { return (innerOpen, after) }
            if b == UInt8(ascii: " ") || b == UInt8(ascii: "\n") || b == UInt8(ascii: "\t") || b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") { return nil }
            if b == UInt8(ascii: "{"), bytes[after + 1] == UInt8(ascii: "{") { return nil }
            after += 1
        }
        return nil
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
