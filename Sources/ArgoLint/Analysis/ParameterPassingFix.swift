import YAMLTree
import ArgoModel
import ArgoSemantics
import ArgoSyntax

/// The fix for a leaf template that reads `{{tasks.X.outputs.result}}` in its
/// own body (the seed's `http-post`): Argo resolves `tasks.*` only in a DAG
/// task's fields, so the value must travel as an argument. The fix declares an
/// input parameter on the template, reads it in place of the tag, and passes
/// the original reference from every DAG task that calls the template.
enum ParameterPassingFix {
    static func make(template: Template, tag: TemplateTag, field: ScalarField, resolver: VariableScope, file: SourceFile) -> Fix? {
        let parts = tag.text.splitBytes(".", omittingEmpty: true)
        guard parts.count >= 4, parts[0] == "tasks" else { return nil }
        let parameter = ([parts[1]] + parts.dropFirst(3).suffix(1)).joined(separator: "-")
        let callers = resolver.callingTasks(of: template)
        guard !callers.isEmpty else { return nil }
        var edits: [TextEdit] = []
        // 1. The tag itself.
        let tagSpan = field.sourceSpan(tag.range, in: file)
        guard file.text(of: tagSpan) == "{{\(String(decoding: Array(field.value.utf8)[tag.innerRange], as: UTF8.self))}}" else { return nil }
        edits.append(TextEdit(span: tagSpan, newText: "{{inputs.parameters.\(parameter)}}"))
        // 2. The input parameter, unless the template already declares it.
        if template.inputs.parameter(named: parameter) == nil {
            guard let edit = YAMLInsertion.appendListItem(["name": parameter], to: template.node, path: ["inputs", "parameters"], file: file) else { return nil }
            edits.append(edit)
        }
        // 3. The argument on each calling task.
        for (_, task) in callers where task.call.arguments.parameter(named: parameter) == nil {
            guard let edit = YAMLInsertion.appendListItem(["name": parameter, "value": "\"{{\(tag.text)}}\""], to: task.node, path: ["arguments", "parameters"], file: file) else { return nil }
            edits.append(edit)
        }
        let callerNames = callers.compactMap { $0.1.name?.value }.map { "\"\($0)\"" }.joined(separator: ", ")
        return Fix(description: "declare input parameter \"\(parameter)\" on template \"\(template.name?.value ?? "?")\", read it here, and pass {{\(tag.text)}} from task \(callerNames)", edits: edits.sorted { $0.span.start < $1.span.start })
    }
}

/// Text insertions into block-style YAML that keep the surrounding layout.
enum YAMLInsertion {
    /// Appends `- k: v` (keys in the given order: name first) to the block list at
    /// `path` under `mapping`, creating the missing keys. Nil when the layout is
    /// flow style or otherwise not safely editable.
    static func appendListItem(_ entry: KeyValuePairs<String, String>, to mapping: YAMLNode, path: [String], file: SourceFile) -> TextEdit? {
        guard let pairs = mapping.pairs, let firstKey = pairs.first?.key, !isFlow(mapping, file) else { return nil }
        let keyIndent = file.position(ofByte: firstKey.span.start).column - 1
        var node = mapping
        var depth = 0
        var indent = keyIndent
        // Descend as far as the path exists.
        while depth < path.count, let pair = node.pair(path[depth]) {
            if depth == path.count - 1 {
                // The list itself: append after its last item, at the items' indentation.
                guard let items = pair.value.items, let last = items.last, !isFlow(pair.value, file) else { return nil }
                let dashColumn = lineIndent(of: last.span.start, file)
                let at = nextLineStart(after: last.span.end, file)
                return TextEdit(span: SourceSpan(start: at, end: at), newText: newlineIfNeeded(at, file) + render(entry, dashIndent: dashColumn))
            }
            guard pair.value.isMapping, !isFlow(pair.value, file), let first = pair.value.pairs?.first else { return nil }
            indent = file.position(ofByte: first.key.span.start).column - 1
            node = pair.value
            depth += 1
        }
        // Create the remaining keys after the last line of `node`.
        var text = ""
        var currentIndent = depth == 0 ? keyIndent : indent
        for key in path[depth...].dropLast() {
            text += String(repeating: " ", count: currentIndent) + key + ":\n"
            currentIndent += 2
        }
        text += String(repeating: " ", count: currentIndent) + (path.last ?? "") + ":\n"
        text += render(entry, dashIndent: currentIndent + 2)
        let at = nextLineStart(after: node.span.end, file)
        return TextEdit(span: SourceSpan(start: at, end: at), newText: newlineIfNeeded(at, file) + text)
    }

    /// A file that does not end with a line break needs one before appended lines.
    private static func newlineIfNeeded(_ at: Int, _ file: SourceFile) -> String {
        at == file.bytes.count && at > 0 && file.bytes[at - 1] != 0x0A && file.bytes[at - 1] != 0x0D ? "\n" : ""
    }

    private static func render(_ entry: KeyValuePairs<String, String>, dashIndent: Int) -> String {
        var text = ""
        for (i, (key, value)) in entry.enumerated() {
            text += String(repeating: " ", count: i == 0 ? dashIndent : dashIndent + 2) + (i == 0 ? "- " : "") + "\(key): \(value)\n"
        }
        return text
    }

    private static func isFlow(_ node: YAMLNode, _ file: SourceFile) -> Bool {
        guard node.span.start < file.bytes.count else { return true }
        let b = file.bytes[node.span.start]
        return b == UInt8(ascii: "{") || b == UInt8(ascii: "[")
    }

    private static func lineIndent(of offset: Int, _ file: SourceFile) -> Int {
        let line = file.lineIndex(ofByte: offset)
        var i = file.lineStarts[line]
        var n = 0
        while i < file.bytes.count && file.bytes[i] == UInt8(ascii: " ") { i += 1; n += 1 }
        return n
    }

    /// Start of the line after the one holding the last byte before `offset`.
    private static func nextLineStart(after offset: Int, _ file: SourceFile) -> Int {
        let line = file.lineIndex(ofByte: max(0, offset - 1))
        return line + 1 < file.lineStarts.count ? file.lineStarts[line + 1] : file.bytes.count
    }
}
