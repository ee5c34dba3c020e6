import ArgoLint
import YAMLTree

/// Hover over a finding: its rule's id, severity and summary, with the
/// message and a link to the rule's documentation, as Markdown.
enum HoverContent {
    static func hover(for diagnostics: [Diagnostic], at offset: Int, converter: PositionConverter) -> JSON {
        let hits = diagnostics.filter { contains($0.span, offset) }
        guard let first = hits.first else { return .null }
        let sections = hits.map(markdown)
        return [
            "contents": ["kind": "markdown", "value": .string(sections.joined(separator: "\n\n---\n\n"))],
            "range": converter.range(of: first.span).json,
        ]
    }

    static func markdown(_ diagnostic: Diagnostic) -> String {
        let summary = RuleRegistry.rule(id: diagnostic.rule)?.info.summary
        var lines = ["**argolint** `\(diagnostic.rule)` (\(diagnostic.severity.rawValue))"]
        if let summary { lines.append(summary.prefix(1).uppercased() + summary.dropFirst() + ".") }
        lines.append(escaped(diagnostic.message))
        lines.append("[Rule documentation](\(DiagnosticConversion.documentationURL(rule: diagnostic.rule)))")
        return lines.joined(separator: "\n\n")
    }

    /// A finding under the cursor: the character at `offset` is inside its span
    /// (an empty span counts at its position).
    static func contains(_ span: SourceSpan, _ offset: Int) -> Bool {
        span.length == 0 ? offset == span.start : span.start <= offset && offset < span.end
    }

    /// Messages quote YAML and expressions; keep Markdown from reading them as markup.
    static func escaped(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\`*_[]<>#|".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
