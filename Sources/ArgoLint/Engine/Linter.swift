import YAMLTree
import ArgoModel
import ArgoSemantics
import ArgoSchema

/// One file to lint (or to read for cross-file facts only).
public struct LintInput: Sendable {
    /// The path shown in reports.
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}

/// The findings of one file, sorted by position.
public struct FileReport: Sendable {
    public var file: SourceFile
    public var diagnostics: [Diagnostic]
    /// Whether some document of the file is an Argo resource: the language
    /// server shows nothing for other YAML (a Secret, a Helm values file).
    public var holdsArgoResource: Bool = false
}

public struct LintOptions: Sendable {
    public var dialect: Dialect
    /// Per-rule severity from the configuration; `nil` turns the rule off.
    public var severities: [String: Severity?]

    public init(dialect: Dialect = .argo, severities: [String: Severity?] = [:]) {
        self.dialect = dialect
        self.severities = severities
    }
}

/// A file after parsing and decoding: the first, per-file stage.
struct AnalyzedFile: Sendable {
    var file: SourceFile
    var parseDiagnostics: [Diagnostic]
    var documents: [YAMLDocument]
    var manifests: [Manifest]
}

/// Runs the pipeline: parse → decode → schema → workspace → rules → suppressions.
public struct Linter: Sendable {
    public var options: LintOptions
    public var rules: [any Rule]

    public init(options: LintOptions = LintOptions(), rules: [any Rule] = RuleRegistry.all) {
        self.options = options
        self.rules = rules
    }

    /// Lints `inputs`; `context` files contribute WorkflowTemplates and Secrets only.
    /// Named inputs count as facts too, so a file sees templates defined in another named file.
    ///
    /// Only files that can hold cross-file facts are parsed before the checks
    /// (a byte search for the kind names decides); every other file is parsed,
    /// checked and dropped in one step, so memory stays near one tree per core.
    public func lint(_ inputs: [LintInput], context: [LintInput] = []) -> [FileReport] {
        session(inputs, context: context).check(inputs)
    }

    /// The session for a run over `inputs` with the project's other files as `context`.
    public func session(_ inputs: [LintInput], context: [LintInput] = []) -> LintSession {
        LintSession(options: options, rules: rules, facts: inputs + context)
    }

    /// secret-undefined's "no Secret is known" notice is about the run, not a
    /// file: keep only the first (by path, then position) so a run over many
    /// files says it once.
    static func keepFirstEmptyInventoryNotice(_ reports: [FileReport]) -> [FileReport] {
        func isNotice(_ d: Diagnostic) -> Bool {
            d.rule == SecretUndefinedRule.info.id && d.message == SecretUndefinedRule.emptyInventoryMessage
        }
        let holders = reports.indices.filter { reports[$0].diagnostics.contains(where: isNotice) }
        guard holders.count > 1 || holders.first.map({ i in reports[i].diagnostics.filter(isNotice).count > 1 }) == true,
              let first = holders.min(by: { reports[$0].file.path < reports[$1].file.path }) else { return reports }
        var result = reports
        for index in holders {
            var kept = false
            result[index].diagnostics.removeAll { diagnostic in
                guard isNotice(diagnostic) else { return false }
                // Diagnostics are sorted by position, so the first seen is the earliest.
                if index == first && !kept { kept = true; return false }
                return true
            }
        }
        return result
    }

    /// WorkflowTemplate, ClusterWorkflowTemplate and Secret manifests name their kind.
    /// Public so the language server's workspace index keeps only such files.
    public static func mayHoldFacts(_ bytes: [UInt8]) -> Bool {
        bytes.containsSubsequence(workflowTemplateMarker) || bytes.containsSubsequence(secretMarker)
    }

    private static let workflowTemplateMarker = Array("WorkflowTemplate".utf8)
    private static let secretMarker = Array("Secret".utf8)

    static func analyze(_ input: LintInput) -> AnalyzedFile {
        let file = SourceFile(path: input.path, bytes: input.bytes)
        let parsed = YAMLParser.parse(file)
        return AnalyzedFile(file: file, parseDiagnostics: parsed.issues.map(Diagnostic.init), documents: parsed.documents,
                            manifests: parsed.documents.map(Manifest.decode))
    }

    static func workspace(from files: [AnalyzedFile]) -> Workspace {
        var resources: [LocatedResource] = []
        var secrets: [LocatedSecret] = []
        for file in files {
            for manifest in file.manifests {
                switch manifest {
                case .argo(let resource): resources.append(LocatedResource(file: file.file, resource: resource))
                case .secret(let secret): secrets.append(LocatedSecret(file: file.file, secret: secret))
                default: break
                }
            }
        }
        return Workspace(resources: resources, secrets: secrets)
    }

    static func check(_ analyzed: AnalyzedFile, workspace: Workspace, rules: [any Rule], options: LintOptions) -> FileReport {
        let file = analyzed.file
        var diagnostics = analyzed.parseDiagnostics
        for (manifest, document) in zip(analyzed.manifests, analyzed.documents) {
            switch manifest {
            case .argo(let resource):
                diagnostics += schemaDiagnostics(resource, document, dialect: options.dialect)
                let context = ResourceContext(file: file, resource: resource, workspace: workspace, dialect: options.dialect)
                for rule in rules {
                    if case .some(.none) = options.severities[rule.info.id] { continue }
                    var reporter = Reporter(info: rule.info)
                    rule.check(context, &reporter)
                    diagnostics += reporter.diagnostics
                }
            case .notAnObject(let node):
                // The schema's wrong-type kind, so it maps to the rule id with the validator's findings.
                diagnostics.append(Diagnostic(SchemaIssue(kind: .wrongType, severity: .warning,
                    message: "this document is \(node.kindDescription), not a Kubernetes object; argolint skips it",
                    span: node.span)))
            case .secret, .other:
                break
            }
        }
        diagnostics = applyConfiguration(diagnostics, options: options)
        diagnostics = applySuppressions(diagnostics, file: file, documents: analyzed.documents, options: options)
        diagnostics.sort { a, b in
            if a.span.start != b.span.start { return a.span.start < b.span.start }
            if a.rule != b.rule { return a.rule < b.rule }
            return a.message < b.message
        }
        let holdsArgo = analyzed.manifests.contains { if case .argo = $0 { return true } else { return false } }
        return FileReport(file: file, diagnostics: dedupe(diagnostics), holdsArgoResource: holdsArgo)
    }

    static func schemaDiagnostics(_ resource: ArgoResource, _ document: YAMLDocument, dialect: Dialect) -> [Diagnostic] {
        guard let objectID = ArgoSchema.objectID(apiVersion: resource.root["apiVersion"]?.stringValue, kind: resource.kind.rawValue) else { return [] }
        var found = SchemaValidator.validate(document.root, as: objectID)
        if dialect == .seed {
            // The seed dialect's `http.contentType` is a known field there.
            let seedFields = resource.spec.templates.compactMap { $0.http?.node.pair("contentType")?.key.span }
            found.removeAll { $0.kind == .unknownField && seedFields.contains($0.span) }
        }
        return found.map(Diagnostic.init)
    }

    static func applyConfiguration(_ diagnostics: [Diagnostic], options: LintOptions) -> [Diagnostic] {
        guard !options.severities.isEmpty else { return diagnostics }
        return diagnostics.compactMap { diagnostic in
            guard let configured = options.severities[diagnostic.rule] else { return diagnostic }
            guard let severity = configured else { return nil }
            var changed = diagnostic
            changed.severity = severity
            return changed
        }
    }

    static func applySuppressions(_ diagnostics: [Diagnostic], file: SourceFile, documents: [YAMLDocument], options: LintOptions) -> [Diagnostic] {
        var suppressions = Suppressions(file: file) { collectScalarSpans(documents) }
        guard !suppressions.entries.isEmpty else { return diagnostics }
        var kept: [Diagnostic] = []
        for diagnostic in diagnostics {
            let line = file.position(ofByte: diagnostic.span.start).line
            if !suppressions.suppresses(rule: diagnostic.rule, line: line) { kept.append(diagnostic) }
        }
        let unusedOff: Bool
        if case .some(.none) = options.severities[UnusedSuppressionRule.id] { unusedOff = true } else { unusedOff = false }
        if !unusedOff {
            for entry in suppressions.entries where !entry.used {
                let what = entry.rules.isEmpty ? "any rule" : entry.rules.joined(separator: ", ")
                var severity = UnusedSuppressionRule.info.defaultSeverity
                if case .some(.some(let configured)) = options.severities[UnusedSuppressionRule.id] { severity = configured }
                let known = Set(RuleRegistry.all.map(\.info.id))
                let unknown = entry.rules.filter { !known.contains($0) }
                let message = unknown.isEmpty
                    ? "this argolint:disable comment suppresses nothing (no \(what) finding here); remove it"
                    : "this argolint:disable comment names unknown rule \(Suggestions.quotedList(unknown))\(Suggestions.didYouMean(unknown[0], among: Array(known).sorted())); it suppresses nothing"
                kept.append(Diagnostic(rule: UnusedSuppressionRule.id, severity: severity, message: message, span: entry.span,
                                       fix: Fix(description: "remove the comment", edits: [TextEdit(span: entry.span, newText: "")])))
            }
        }
        return kept
    }

    static func collectScalarSpans(_ documents: [YAMLDocument]) -> [SourceSpan] {
        var spans: [SourceSpan] = []
        var stack = documents.map(\.root)
        while let node = stack.popLast() {
            if node.aliasSpan != nil { continue }
            switch node.content {
            case .scalar: spans.append(node.span)
            case .sequence(let items): stack.append(contentsOf: items)
            case .mapping(let pairs):
                for pair in pairs { stack.append(pair.key); stack.append(pair.value) }
            }
        }
        return spans
    }

    static func dedupe(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seen = Set<Diagnostic>()
        return diagnostics.filter { seen.insert($0).inserted }
    }
}
