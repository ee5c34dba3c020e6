import YAMLTree

/// The `--format json` document of DESIGN.md, written by hand so the key
/// order is the documented one and the output is byte-for-byte deterministic.
/// `related` appears only on diagnostics that have related locations, so the
/// documented shape is unchanged for every other finding.
public struct JSONFormatter: OutputFormat {
    public static let toolVersion = "0.1.0"

    public init() {}

    public func render(_ result: LintResult) -> String {
        let summary = result.summary
        var out = "{\"tool\": {\"name\": \"argolint\", \"version\": \(Self.quote(Self.toolVersion))},\n \"diagnostics\": ["
        out += result.diagnostics.map { "\n  " + Self.diagnostic($0) }.joined(separator: ",")
        out += result.diagnostics.isEmpty ? "],\n" : "\n ],\n"
        out += " \"summary\": {\"files\": \(summary.files), \"errors\": \(summary.errors), \"warnings\": \(summary.warnings), \"infos\": \(summary.infos)}}\n"
        return out
    }

    public static func diagnostic(_ item: ResolvedDiagnostic) -> String {
        var out = "{\"file\": \(quote(item.path)), \"line\": \(item.start.line), \"column\": \(item.start.column), "
        out += "\"endLine\": \(item.end.line), \"endColumn\": \(item.end.column), "
        out += "\"severity\": \(quote(item.severity.rawValue)), \"rule\": \(quote(item.rule)), \"message\": \(quote(item.message))"
        if let fix = item.diagnostic.fix {
            let edits = fix.edits.map { edit -> String in
                let s = item.file.position(ofByte: edit.span.start), e = item.file.position(ofByte: edit.span.end)
                return "{\"line\": \(s.line), \"column\": \(s.column), \"endLine\": \(e.line), \"endColumn\": \(e.column), \"newText\": \(quote(edit.newText))}"
            }
            out += ", \"fix\": {\"description\": \(quote(fix.description)), \"applicability\": \(quote(fix.applicability.rawValue)), \"edits\": [\(edits.joined(separator: ", "))]}"
        }
        if !item.related.isEmpty {
            let related = item.related.map { r in
                "{\"file\": \(quote(r.path)), \"line\": \(r.start.line), \"column\": \(r.start.column), \"endLine\": \(r.end.line), \"endColumn\": \(r.end.column), \"message\": \(quote(r.message))}"
            }
            out += ", \"related\": [\(related.joined(separator: ", "))]"
        }
        return out + "}"
    }

    /// A JSON string literal.
    public static func quote(_ text: String) -> String { doubleQuoted(text) }
}
