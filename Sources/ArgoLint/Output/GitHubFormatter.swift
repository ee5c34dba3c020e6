/// GitHub Actions workflow commands: one `::error file=...::message` line per finding.
public enum GitHubFormatter {
    public static func format(_ diagnostics: [ResolvedDiagnostic]) -> String {
        diagnostics.map { item in
            let command: String
            switch item.severity {
            case .error: command = "error"
            case .warning: command = "warning"
            case .info: command = "notice"
            }
            let properties = [
                "file=\(property(item.path))",
                "line=\(item.start.line)", "col=\(item.start.column)",
                "endLine=\(item.end.line)", "endColumn=\(item.end.column)",
                "title=\(property("argolint " + item.rule))",
            ]
            return "::\(command) \(properties.joined(separator: ","))::\(data(item.message))\n"
        }.joined()
    }

    private static func data(_ text: String) -> String {
        text.replacingAll("%", "%25").replacingAll("\r", "%0D").replacingAll("\n", "%0A")
    }

    private static func property(_ text: String) -> String {
        data(text).replacingAll(":", "%3A").replacingAll(",", "%2C")
    }
}

extension String {
    func replacingAll(_ target: String, _ replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
