/// GitHub Actions workflow commands: one `::error file=...::message` line per
/// finding (`::warning` for warnings, `::notice` for infos). Related locations
/// have no place of their own in an annotation, so they follow the message as
/// `file:line:col: note: ...` lines. GitHub shows only the first 10 error and
/// 10 warning annotations of a step: large repositories want SARIF as well.
public struct GitHubFormatter: OutputFormat {
    public init() {}

    public func render(_ result: LintResult) -> String {
        result.diagnostics.map { item in
            let command: String
            switch item.severity {
            case .error: command = "error"
            case .warning: command = "warning"
            case .info: command = "notice"
            }
            let properties = [
                "file=\(Self.property(item.path))",
                "line=\(item.start.line)", "col=\(item.start.column)",
                "endLine=\(item.end.line)", "endColumn=\(item.end.column)",
                "title=\(Self.property("argolint (\(item.rule))"))",
            ]
            var message = item.message
            for related in item.related {
                message += "\n\(related.path):\(related.start.line):\(related.start.column): note: \(related.message)"
            }
            return "::\(command) \(properties.joined(separator: ","))::\(Self.data(message))\n"
        }.joined()
    }

    /// The toolkit's escaping of a command's message: `%`, CR and LF. Done
    /// per scalar: as Characters, "\r\n" is one grapheme that neither "\r"
    /// nor "\n" would match.
    static func data(_ text: String) -> String {
        escape(text, [:])
    }

    /// A property value also escapes the characters that separate properties.
    static func property(_ text: String) -> String {
        escape(text, [":": "%3A", ",": "%2C"])
    }

    private static func escape(_ text: String, _ extra: [Unicode.Scalar: String]) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default:
                if let escaped = extra[scalar] { out += escaped } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
