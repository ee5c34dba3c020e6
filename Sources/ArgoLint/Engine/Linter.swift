#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import YAMLTree
import ArgoModel
import ArgoSemantics
import ArgoSchema

/// One file to lint (or to read for cross-file facts only).
///
/// An input named by path is read when its bytes are asked for (by the worker
/// that checks it), so a run over many files does not hold them all at once.
public struct LintInput: Sendable {
    /// The path shown in reports.
    public var path: String
    private var storage: Storage

    private enum Storage: Sendable {
        case bytes([UInt8])
        /// Read from this file on each use; `size` as found when the run started.
        case file(String, size: Int)
    }

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.storage = .bytes(bytes)
    }

    /// An input whose bytes stay on disk until needed (an unreadable file then reads as empty).
    public init(path: String, readingFile file: String, size: Int) {
        self.path = path
        self.storage = .file(file, size: size)
    }

    public var bytes: [UInt8] {
        get {
            switch storage {
            case .bytes(let bytes): return bytes
            case .file(let file, _): return Self.readFile(file) ?? []
            }
        }
        set { storage = .bytes(newValue) }
    }

    /// Whether the bytes are read from `path` on use.
    public var isReadFromDisk: Bool {
        if case .file = storage { return true }
        return false
    }

    /// The size in bytes, without reading a lazy input.
    public var byteCount: Int {
        switch storage {
        case .bytes(let bytes): return bytes.count
        case .file(_, let size): return size
        }
    }

    /// The whole file, or nil when it cannot be opened or read.
    public static func readFile(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        // One byte more than the size, so a file that grew meanwhile is noticed.
        var capacity = max(Int(info.st_size), 0) + 1
        var bytes: [UInt8] = []
        while true {
            var failed = false
            let start = bytes.count
            var filled = start
            let chunk = [UInt8](unsafeUninitializedCapacity: capacity - start) { buffer, initialized in
                var got = 0
                while got < buffer.count {
                    let n = read(fd, buffer.baseAddress! + got, buffer.count - got)
                    if n < 0 { if errno == EINTR { continue }; failed = true; break }
                    if n == 0 { break }
                    got += n
                }
                initialized = got
            }
            if failed { return nil }
            if start == 0 { bytes = chunk } else { bytes += chunk }
            filled += chunk.count
            if filled < capacity { return bytes }
            capacity *= 2
        }
    }
}

/// The findings of one file, sorted by position.
public struct FileReport: Sendable {
    public var file: SourceFile
    public var diagnostics: [Diagnostic]
    /// Whether some document of the file is an Argo resource: the language
    /// server shows nothing for other YAML (a Secret, a Helm values file).
    public var holdsArgoResource: Bool = false

    /// The report with its file's path only: for a run that prints findings and
    /// has none here, so the file's bytes need not stay until the output.
    var withoutSource: FileReport {
        FileReport(file: SourceFile(path: file.path, bytes: []), diagnostics: diagnostics, holdsArgoResource: holdsArgoResource)
    }
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
    /// WorkflowTemplates and ClusterWorkflowTemplates found by `Linter.analyzeFacts`,
    /// by name and place only: their trees are not kept.
    var templates: [TemplateFact] = []
    /// Set when `file` was emptied to save memory: where to read it again.
    var reload: LintInput?
    /// False when only the documents holding cross-file facts were kept (see
    /// `Linter.analyzeFacts`): such a file is parsed again to be checked.
    var complete: Bool = true
}

/// Where a WorkflowTemplate's document lies, to parse it again when a reference needs it.
struct TemplateFact: Sendable {
    var name: String
    var clusterScope: Bool
    /// The document's own bytes, or (when the file has directives) the piece it was parsed in.
    var range: Range<Int>?
    var documentIndex: Int
    /// The document's index within `range` when `range` is a whole piece.
    var pickIndex: Int?
}

/// What checking some documents of a file found, before suppressions and sorting.
struct PartialReport: Sendable {
    var parseDiagnostics: [Diagnostic] = []
    var diagnostics: [Diagnostic] = []
    /// Spans of every scalar, gathered only when the file holds an `argolint:`
    /// comment (suppressions must not fire inside scalars).
    var scalarSpans: [SourceSpan] = []
    var holdsArgoResource = false
    /// True when libyaml stopped on a syntax error in these bytes.
    var stoppedOnSyntaxError = false
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
    static func isEmptyInventoryNotice(_ d: Diagnostic) -> Bool {
        d.rule == SecretUndefinedRule.info.id && d.message == SecretUndefinedRule.emptyInventoryMessage
    }

    static func keepFirstEmptyInventoryNotice(_ reports: [FileReport]) -> [FileReport] {
        func isNotice(_ d: Diagnostic) -> Bool { isEmptyInventoryNotice(d) }
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
    ///
    /// A byte search, not a parse: a hit counts only as the value of a `kind`
    /// key on its line (`kind: WorkflowTemplate`, quoted or JSON-style too), so
    /// the many Workflows whose comments mention a WorkflowTemplate are not
    /// parsed twice (once for facts, once to be checked).
    public static func mayHoldFacts(_ bytes: [UInt8]) -> Bool {
        namesKind(workflowTemplateMarker, in: bytes) || namesKind(secretMarker, in: bytes)
    }

    private static func namesKind(_ marker: [UInt8], in bytes: [UInt8]) -> Bool {
        var from = 0
        while let hit = bytes.firstOffset(of: marker, from: from) {
            from = hit + 1
            if followsKindKey(bytes, hit) { return true }
        }
        return false
    }

    /// Whether the text before `offset` on its line ends with `kind:` (quotes and blanks aside).
    private static func followsKindKey(_ bytes: [UInt8], _ offset: Int) -> Bool {
        func isBlankOrQuote(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x22 || b == 0x27 }
        var i = offset - 1
        // ClusterWorkflowTemplate: the marker sits after "Cluster".
        if i >= 6, bytes[(i - 6)...i].elementsEqual("Cluster".utf8) { i -= 7 }
        while i >= 0 && isBlankOrQuote(bytes[i]) { i -= 1 }
        guard i >= 0, bytes[i] == UInt8(ascii: ":") else { return false }
        i -= 1
        while i >= 0 && isBlankOrQuote(bytes[i]) { i -= 1 }
        guard i >= 3, bytes[(i - 3)...i].elementsEqual("kind".utf8) else { return false }
        guard i >= 4 else { return true }
        let before = bytes[i - 4]
        let isNameByte = (before >= 0x30 && before <= 0x39) || (before | 0x20 >= 0x61 && before | 0x20 <= 0x7A) || before == 0x5F || before == 0x2D
        return !isNameByte
    }

    private static let workflowTemplateMarker = Array("WorkflowTemplate".utf8)
    private static let secretMarker = Array("Secret".utf8)

    static func analyze(_ input: LintInput) -> AnalyzedFile {
        let file = SourceFile(path: input.path, bytes: input.bytes)
        let parsed = YAMLParser.parse(file)
        return AnalyzedFile(file: file, parseDiagnostics: parsed.issues.map(Diagnostic.init), documents: parsed.documents,
                            manifests: parsed.documents.map(Manifest.decode))
    }

    /// The first pass over a file that may hold cross-file facts: only its
    /// WorkflowTemplate, ClusterWorkflowTemplate and Secret documents are kept
    /// (each with its own tree), so a large stream of Workflows costs one
    /// document's memory here. When every document was kept the result is
    /// complete and the check reuses it instead of parsing the file again.
    static func analyzeFacts(_ input: LintInput) -> AnalyzedFile {
        analyzeFacts(SourceFile(path: input.path, bytes: input.bytes), range: nil)
    }

    /// The facts of the documents in one piece of a large file (see `YAMLParser.documentChunks`);
    /// never complete, so the file is checked from its bytes.
    static func analyzeFacts(_ file: SourceFile, range: Range<Int>?) -> AnalyzedFile {
        var documents: [YAMLDocument] = []
        var manifests: [Manifest] = []
        var templates: [TemplateFact] = []
        var complete = range == nil
        // With a %YAML or %TAG directive a document cannot be parsed on its own.
        let directives = file.bytes.first == UInt8(ascii: "%") || file.bytes.containsSubsequence(directiveMarker)
        let issues = YAMLParser.parse(file, range: range) { document in
            let manifest = Manifest.decode(document)
            guard manifest.isFact else { complete = false; return }
            if case .argo(let resource) = manifest {
                // Kept by name and place only; the tree is parsed again when a reference needs it.
                complete = false
                guard let name = resource.metadata.name?.value else { return }
                let own = directives ? nil : document.byteRange
                templates.append(TemplateFact(name: name, clusterScope: resource.kind == .clusterWorkflowTemplate,
                                              range: own ?? range, documentIndex: document.index,
                                              pickIndex: own == nil ? document.index : nil))
                return
            }
            documents.append(document)
            manifests.append(manifest)
        }
        return AnalyzedFile(file: file, parseDiagnostics: issues.map(Diagnostic.init), documents: documents,
                            manifests: manifests, templates: templates, complete: complete)
    }

    private static let directiveMarker = Array("\n%".utf8)

    static func workspace(from files: [AnalyzedFile]) -> Workspace {
        var entries: [WorkflowTemplateEntry] = []
        var secrets: [LocatedSecret] = []
        let cache = TemplateCache()
        for file in files {
            for manifest in file.manifests {
                switch manifest {
                case .argo(let resource):
                    guard let name = resource.metadata.name?.value,
                          resource.kind == .workflowTemplate || resource.kind == .clusterWorkflowTemplate else { continue }
                    let located = LocatedResource(file: file.file, resource: resource)
                    entries.append(WorkflowTemplateEntry(name: name, clusterScope: resource.kind == .clusterWorkflowTemplate) { located })
                case .secret(let secret): secrets.append(LocatedSecret(file: file.file, secret: secret))
                default: break
                }
            }
            let source = file.file
            let reload = file.reload
            for fact in file.templates {
                let key = cache.newKey()
                entries.append(WorkflowTemplateEntry(name: fact.name, clusterScope: fact.clusterScope) {
                    cache.value(key) {
                        Self.loadTemplate(fact, in: reload.map { SourceFile(path: $0.path, bytes: $0.bytes) } ?? source)
                    }
                })
            }
        }
        return Workspace(templates: entries, secrets: secrets)
    }

    /// Parses the document of `fact` again.
    static func loadTemplate(_ fact: TemplateFact, in file: SourceFile) -> LocatedResource? {
        var found: LocatedResource?
        let first = fact.pickIndex == nil ? fact.documentIndex : 0
        _ = YAMLParser.parse(file, range: fact.range, firstDocumentIndex: first) { document in
            guard found == nil, fact.pickIndex == nil || document.index == fact.pickIndex,
                  case .argo(let resource) = Manifest.decode(document) else { return }
            found = LocatedResource(file: file, resource: resource)
        }
        return found
    }

    /// Checks a file parsed and kept whole.
    static func check(_ analyzed: AnalyzedFile, workspace: Workspace, rules: [any Rule], options: LintOptions) -> FileReport {
        var partial = PartialReport(parseDiagnostics: analyzed.parseDiagnostics)
        let wantsSpans = mayHoldSuppressions(analyzed.file)
        for (manifest, document) in zip(analyzed.manifests, analyzed.documents) {
            checkDocument(document, manifest, file: analyzed.file, workspace: workspace, rules: rules, options: options,
                          collectSpans: wantsSpans, into: &partial)
        }
        return finish(analyzed.file, [partial], options: options)
    }

    /// Parses and checks the documents of `file` in `range`, one at a time:
    /// each document's tree is dropped once checked, so only the findings stay.
    static func checkStreaming(_ file: SourceFile, range: Range<Int>? = nil, collectSpans: Bool,
                               workspace: Workspace, rules: [any Rule], options: LintOptions) -> PartialReport {
        var partial = PartialReport()
        let issues = YAMLParser.parse(file, range: range) { document in
            checkDocument(document, Manifest.decode(document), file: file, workspace: workspace, rules: rules, options: options,
                          collectSpans: collectSpans, into: &partial)
        }
        partial.parseDiagnostics = issues.map(Diagnostic.init)
        partial.stoppedOnSyntaxError = issues.contains { $0.kind == .syntax }
        return partial
    }

    /// Whether the file has a directive comment at all; when not, nobody needs its scalars' spans.
    static func mayHoldSuppressions(_ file: SourceFile) -> Bool {
        file.bytes.containsSubsequence(suppressionMarker)
    }

    private static let suppressionMarker = Array("argolint:".utf8)

    static func checkDocument(_ document: YAMLDocument, _ manifest: Manifest, file: SourceFile, workspace: Workspace,
                              rules: [any Rule], options: LintOptions, collectSpans: Bool, into partial: inout PartialReport) {
        if collectSpans { partial.scalarSpans += collectScalarSpans([document]) }
        switch manifest {
        case .argo(let resource):
            partial.holdsArgoResource = true
            partial.diagnostics += schemaDiagnostics(resource, document, dialect: options.dialect)
            let context = ResourceContext(file: file, resource: resource, workspace: workspace, dialect: options.dialect)
            for rule in rules {
                if case .some(.none) = options.severities[rule.info.id] { continue }
                var reporter = Reporter(info: rule.info)
                rule.check(context, &reporter)
                partial.diagnostics += reporter.diagnostics
            }
        case .notAnObject(let node):
            // The schema's wrong-type kind, so it maps to the rule id with the validator's findings.
            partial.diagnostics.append(Diagnostic(SchemaIssue(kind: .wrongType, severity: .warning,
                message: "this document is \(node.kindDescription), not a Kubernetes object; argolint skips it",
                span: node.span)))
        case .secret, .other:
            break
        }
    }

    /// The report of a file from the partial reports of its pieces, in order.
    static func finish(_ file: SourceFile, _ parts: [PartialReport], options: LintOptions) -> FileReport {
        var diagnostics = parts.flatMap(\.parseDiagnostics)
        for part in parts { diagnostics += part.diagnostics }
        diagnostics = applyConfiguration(diagnostics, options: options)
        diagnostics = applySuppressions(diagnostics, file: file, options: options) { parts.flatMap(\.scalarSpans) }
        diagnostics.sort { a, b in
            if a.span.start != b.span.start { return a.span.start < b.span.start }
            if a.rule != b.rule { return a.rule < b.rule }
            return a.message < b.message
        }
        return FileReport(file: file, diagnostics: dedupe(diagnostics), holdsArgoResource: parts.contains { $0.holdsArgoResource })
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

    static func applySuppressions(_ diagnostics: [Diagnostic], file: SourceFile, options: LintOptions,
                                  scalarSpans: () -> [SourceSpan]) -> [Diagnostic] {
        var suppressions = Suppressions(file: file, scalarSpans: scalarSpans)
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

extension Manifest {
    /// WorkflowTemplates, ClusterWorkflowTemplates and Secrets: what other files may refer to.
    var isFact: Bool {
        switch self {
        case .argo(let resource): return resource.kind == .workflowTemplate || resource.kind == .clusterWorkflowTemplate
        case .secret: return true
        case .other, .notAnObject: return false
        }
    }
}
