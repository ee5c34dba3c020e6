import ArgoLint
import YAMLTree

/// Our diagnostics as LSP `Diagnostic`s.
enum DiagnosticConversion {
    static let source = "argolint"

    /// Where a rule's documentation is published.
    static func documentationURL(rule: String) -> String {
        "https://github.com/argolint/argolint/blob/main/rules/\(rule).md"
    }

    /// LSP severities: 1 error, 2 warning, 3 information.
    static func severityCode(_ severity: Severity) -> Int {
        switch severity {
        case .error: return 1
        case .warning: return 2
        case .info: return 3
        }
    }

    static func json(_ diagnostic: Diagnostic, uri: String, converter: PositionConverter) -> JSON {
        var object: [String: JSON] = [
            "range": converter.range(of: diagnostic.span).json,
            "severity": .int(severityCode(diagnostic.severity)),
            "code": .string(diagnostic.rule),
            "codeDescription": ["href": .string(documentationURL(rule: diagnostic.rule))],
            "source": .string(source),
            "message": .string(diagnostic.message),
        ]
        if !diagnostic.related.isEmpty {
            // Related spans are in the same file as the finding.
            object["relatedInformation"] = .array(diagnostic.related.map { related in
                ["location": ["uri": .string(uri), "range": converter.range(of: related.span).json],
                 "message": .string(related.message)]
            })
        }
        return .object(object)
    }

    static func publishParams(uri: String, version: Int?, diagnostics: [JSON]) -> JSON {
        var params: [String: JSON] = ["uri": .string(uri), "diagnostics": .array(diagnostics)]
        if let version { params["version"] = .int(version) }
        return .object(params)
    }
}
