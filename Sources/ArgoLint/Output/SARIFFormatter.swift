import YAMLTree

/// `--format sarif`: a SARIF 2.1.0 log with one run, for GitHub code scanning
/// and other SARIF viewers. Columns count Unicode code points (as argolint's
/// JSON does) and region ends are exclusive; every rule is described in
/// `tool.driver.rules` whether or not it reported anything.
public struct SARIFFormatter: OutputFormat {
    /// Paths under this folder are written relative to it (`%SRCROOT%`).
    public var workingDirectory: String

    public init(workingDirectory: String) {
        self.workingDirectory = workingDirectory
    }

    public func render(_ result: LintResult) -> String {
        let artifacts = SARIFArtifacts(workingDirectory: workingDirectory)
        var fingerprints = SARIFFingerprints()
        let results = result.diagnostics.map { item in
            self.result(item, source: result.source(for: item), artifacts: artifacts, fingerprints: &fingerprints)
        }
        let driver: JSONTree = .object([
            ("name", .string("argolint")),
            ("version", .string(JSONFormatter.toolVersion)),
            ("semanticVersion", .string(JSONFormatter.toolVersion)),
            ("rules", .array(SARIFRules.descriptors())),
        ])
        let run: JSONTree = .object([
            ("tool", .object([("driver", driver)])),
            ("originalUriBaseIds", artifacts.originalUriBaseIds),
            ("columnKind", .string("unicodeCodePoints")),
            ("results", .array(results)),
        ])
        return JSONTree.object([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            ("runs", .array([run])),
        ]).text
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .info: return "note"
        }
    }

    private func result(_ item: ResolvedDiagnostic, source: MaskedSource, artifacts: SARIFArtifacts,
                        fingerprints: inout SARIFFingerprints) -> JSONTree {
        var fields: [(String, JSONTree)] = [("ruleId", .string(item.rule))]
        if let index = SARIFRules.indices[item.rule] { fields.append(("ruleIndex", .int(index))) }
        fields.append(("level", .string(Self.level(item.severity))))
        fields.append(("message", .object([("text", .string(item.message))])))
        let location = artifacts.location(for: item.path)
        fields.append(("locations", .array([.object([("physicalLocation", physical(location, item.start, item.end))])])))
        if !item.related.isEmpty {
            let related = item.related.enumerated().map { index, r -> JSONTree in
                .object([
                    ("id", .int(index)),
                    ("physicalLocation", physical(artifacts.location(for: r.path), r.start, r.end)),
                    ("message", .object([("text", .string(r.message))])),
                ])
            }
            fields.append(("relatedLocations", .array(related)))
        }
        var text = source.text(from: item.start, to: item.end).blankTrimmed
        if text.isEmpty { text = source.line(item.start.line).blankTrimmed }
        let fingerprint = fingerprints.next(rule: item.rule, uri: artifacts.uri(for: item.path).uri, text: text)
        fields.append(("partialFingerprints", .object([(SARIFFingerprints.key, .string(fingerprint))])))
        if let fix = item.diagnostic.fix {
            let replacements = fix.edits.map { edit -> JSONTree in
                let start = item.file.position(ofByte: edit.span.start), end = item.file.position(ofByte: edit.span.end)
                return .object([("deletedRegion", region(start, end)), ("insertedContent", .object([("text", .string(edit.newText))]))])
            }
            fields.append(("fixes", .array([.object([
                ("description", .object([("text", .string(fix.description))])),
                ("artifactChanges", .array([.object([("artifactLocation", location), ("replacements", .array(replacements))])])),
            ])])))
        }
        return .object(fields)
    }

    private func physical(_ location: JSONTree, _ start: SourcePosition, _ end: SourcePosition) -> JSONTree {
        .object([("artifactLocation", location), ("region", region(start, end))])
    }

    private func region(_ start: SourcePosition, _ end: SourcePosition) -> JSONTree {
        .object([
            ("startLine", .int(start.line)), ("startColumn", .int(start.column)),
            ("endLine", .int(end.line)), ("endColumn", .int(end.column)),
        ])
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces, tabs and line breaks.
    var blankTrimmed: String {
        let blank: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        let scalars = Array(unicodeScalars)
        guard let first = scalars.firstIndex(where: { !blank($0) }), let last = scalars.lastIndex(where: { !blank($0) }) else { return "" }
        var out = ""
        out.unicodeScalars.append(contentsOf: scalars[first...last])
        return out
    }
}
