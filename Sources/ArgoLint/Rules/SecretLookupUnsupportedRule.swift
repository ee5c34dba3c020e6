import YAMLTree
import ArgoModel
import ArgoSemantics

/// secret-lookup-unsupported: `{{=lookup 'secret' 'NAME' 'KEY'}}` is the seed
/// dialect's way to read a Secret; upstream expr has no `lookup`, so under the
/// argo dialect the tag fails at run time. A header whose whole value is the
/// lookup gets a fix to `valueFrom.secretKeyRef`.
public struct SecretLookupUnsupportedRule: Rule {
    public static let info = RuleInfo(id: "secret-lookup-unsupported", defaultSeverity: .error, summary: "`{{=lookup 'secret' ...}}` under the argo dialect")
    public var info: RuleInfo { Self.info }
    public init() {}

    public func check(_ context: ResourceContext, _ report: inout Reporter) {
        guard context.dialect == .argo else { return }
        for occurrence in SecretLookups.collect(context) {
            let lookup = occurrence.lookup
            let span = occurrence.field.sourceSpan(occurrence.tag.range, in: context.file)
            let whole = occurrence.field.value.utf8.count == occurrence.tag.range.count
            if let header = occurrence.header, whole {
                let fix = SecretKeyRefFix.make(header: header, name: lookup.name, key: lookup.key, file: context.file)
                report.report(span, "Argo has no lookup function, so this header value fails at run time; read Secret \"\(lookup.name)\" key \"\(lookup.key)\" with valueFrom.secretKeyRef instead", fix: fix)
            } else {
                let what = occurrence.header != nil ? "header value" : "value"
                report.report(span, "Argo has no lookup function, so this \(what) fails at run time; read Secret \"\(lookup.name)\" key \"\(lookup.key)\" through an HTTP header's valueFrom.secretKeyRef or a container's env instead")
            }
        }
    }
}

/// Rewrites a header's `value: "{{=lookup ...}}"` into `valueFrom.secretKeyRef`,
/// in block style only, leaving every other byte of the file as it was.
enum SecretKeyRefFix {
    static func make(header: HTTPHeader, name: String, key: String, file: SourceFile) -> Fix? {
        guard let pair = header.node.pair("value"), header.node.pair("valueFrom") == nil,
              let nameText = scalarText(name), let keyText = scalarText(key) else { return nil }
        let keySpan = pair.key.span, valueSpan = pair.value.span
        guard keySpan.end <= valueSpan.start, valueSpan.end <= file.bytes.count,
              file.text(of: keySpan) == "value",
              file.lineIndex(ofByte: keySpan.start) == file.lineIndex(ofByte: max(valueSpan.start, valueSpan.end - 1)),
              !isFlow(header.node, file) else { return nil }
        // Nested keys sit two columns right of `value`, which is where the mapping's keys are.
        let line = file.lineIndex(ofByte: keySpan.start)
        let lineStart = file.lineStarts[line]
        var indent = keySpan.start - lineStart
        if line == 0 && file.hasByteOrderMark { indent -= 3 }
        let prefix = file.bytes[lineStart..<keySpan.start]
        // Only spaces and a sequence dash may precede the key; anything else (a tab, a flow brace) is not safely editable.
        guard prefix.allSatisfy({ $0 == 0x20 || $0 == UInt8(ascii: "-") || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF }) else { return nil }
        let newline = lineEnding(file, afterByte: valueSpan.end)
        let pad = String(repeating: " ", count: indent)
        let text = "valueFrom:" + newline
            + pad + "  secretKeyRef:" + newline
            + pad + "    name: " + nameText + newline
            + pad + "    key: " + keyText
        return Fix(description: "read the header from Secret \"\(name)\" key \"\(key)\" with valueFrom.secretKeyRef",
                   edits: [TextEdit(span: SourceSpan(start: keySpan.start, end: valueSpan.end), newText: text)])
    }

    /// The name or key as a YAML scalar that stays a string: plain when safe, else double-quoted.
    static func scalarText(_ text: String) -> String? {
        guard !text.isEmpty, text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F && $0 != "\"" && $0 != "\\" }) else { return nil }
        let plainSafe = text.utf8.allSatisfy { b in
            (b >= 97 && b <= 122) || (b >= 65 && b <= 90) || (b >= 48 && b <= 57) || b == UInt8(ascii: "-") || b == UInt8(ascii: ".") || b == UInt8(ascii: "_")
        }
        if plainSafe && YAMLScalar(value: text, style: .plain, tag: nil).resolved == .string { return text }
        return "\"\(text)\""
    }

    /// The file's line break after the given byte, so a CRLF file stays CRLF.
    private static func lineEnding(_ file: SourceFile, afterByte offset: Int) -> String {
        var i = offset
        while i < file.bytes.count && file.bytes[i] != 0x0A { i += 1 }
        return i < file.bytes.count && i > 0 && file.bytes[i - 1] == 0x0D ? "\r\n" : "\n"
    }

    private static func isFlow(_ node: YAMLNode, _ file: SourceFile) -> Bool {
        guard node.span.start < file.bytes.count else { return true }
        return file.bytes[node.span.start] == UInt8(ascii: "{")
    }
}
