import YAMLTree
import ArgoModel
import ArgoSemantics

/// A linting session: the cross-file facts (WorkflowTemplates,
/// ClusterWorkflowTemplates, Secrets) of a set of files, parsed once, and the
/// options and rules to check against them. Files are checked against the
/// session one at a time or in bulk; an editor's unsaved text replaces a
/// file's facts with `updating(_:)` without re-reading the others.
public final class LintSession: Sendable {
    public let options: LintOptions
    public let rules: [any Rule]
    public let workspace: Workspace
    /// The parsed files that hold facts, by path (kept so checking one reuses its tree).
    let factFiles: [String: AnalyzedFile]
    /// Fact files in the order they were given: the first definition of a name wins.
    let factOrder: [String]

    /// - Parameter facts: every file whose WorkflowTemplates and Secrets count — the
    ///   inputs and the project's other files. Only files naming such a kind are parsed.
    public convenience init(options: LintOptions = LintOptions(), rules: [any Rule] = RuleRegistry.all, facts: [LintInput]) {
        // Inputs named by path are read here, on all cores, and dropped again:
        // only the few that name a fact kind are parsed (and read once more).
        let holdsFacts = parallelMap(facts) { Linter.mayHoldFacts($0.bytes) }
        let candidates = zip(facts, holdsFacts).filter(\.1).map(\.0)
        // Largest files first, so one big file does not finish alone on one core at the end.
        let order = candidates.indices.sorted { candidates[$0].byteCount > candidates[$1].byteCount }
        // Large files are read in pieces cut at `---` lines, like the checks, so
        // one big stream does not hold a single core while the other idles.
        var items: [(candidate: Int, file: SourceFile?, piece: Range<Int>?)] = []
        for index in order {
            if candidates[index].byteCount > Self.pieceSize {
                let bytes = candidates[index].bytes
                let file = SourceFile(path: candidates[index].path, bytes: bytes)
                let pieces = YAMLParser.documentChunks(file, targetSize: Self.pieceSize)
                if pieces.count > 1 {
                    items += pieces.map { (index, file, $0) }
                    continue
                }
            }
            items.append((index, nil, nil))
        }
        let work = items
        let read = parallelMap(Array(work.indices)) { i -> AnalyzedFile in
            let item = work[i]
            if let file = item.file, let piece = item.piece { return Linter.analyzeFacts(file, range: piece) }
            return Linter.analyzeFacts(candidates[item.candidate])
        }
        // Pieces of one file join in order (their documents and parse problems);
        // a piece that stopped on a syntax error ends the file, as one stream would.
        var parsed: [AnalyzedFile] = []
        var stopped = Set<Int>()
        for (item, analyzed) in zip(items, read) {
            guard item.piece != nil else {
                var analyzed = analyzed
                let input = candidates[item.candidate]
                if input.isReadFromDisk, !analyzed.complete, analyzed.documents.isEmpty {
                    // Only templates' places are kept: read the file again when one is needed.
                    analyzed.file = SourceFile(path: analyzed.file.path, bytes: [])
                    analyzed.reload = input
                }
                parsed.append(analyzed)
                continue
            }
            guard !stopped.contains(item.candidate) else { continue }
            if analyzed.parseDiagnostics.contains(where: { $0.rule == "yaml-syntax" }) { stopped.insert(item.candidate) }
            if let last = parsed.last, last.file === analyzed.file {
                parsed[parsed.count - 1].documents += analyzed.documents
                parsed[parsed.count - 1].manifests += analyzed.manifests
                parsed[parsed.count - 1].parseDiagnostics += analyzed.parseDiagnostics
                parsed[parsed.count - 1].templates += analyzed.templates
            } else {
                parsed.append(analyzed)
            }
        }
        var byPath: [String: AnalyzedFile] = [:]
        for file in parsed where byPath[file.file.path] == nil { byPath[file.file.path] = file }
        var seen = Set<String>()
        let paths = candidates.map(\.path).filter { seen.insert($0).inserted }
        self.init(options: options, rules: rules, factFiles: byPath, factOrder: paths)
    }

    init(options: LintOptions, rules: [any Rule], factFiles: [String: AnalyzedFile], factOrder: [String], workspace: Workspace? = nil) {
        self.options = options
        self.rules = rules
        self.factFiles = factFiles
        self.factOrder = factOrder
        self.workspace = workspace ?? Linter.workspace(from: factOrder.compactMap { factFiles[$0] })
    }

    /// The same facts checked with other options: the language server lints each
    /// document with its own project's dialect and severities against one set of facts.
    /// Facts do not depend on options, so nothing is parsed or rebuilt.
    public func with(options: LintOptions) -> LintSession {
        LintSession(options: options, rules: rules, factFiles: factFiles, factOrder: factOrder, workspace: workspace)
    }

    /// The session with `input`'s facts in place of what its path held (or added).
    /// A file that no longer names a WorkflowTemplate or Secret drops out.
    public func updating(_ input: LintInput) -> LintSession {
        if let current = factFiles[input.path], current.file.bytes == input.bytes { return self }
        var files = factFiles
        var order = factOrder
        if Linter.mayHoldFacts(input.bytes) {
            files[input.path] = Linter.analyzeFacts(input)
            if !order.contains(input.path) { order.append(input.path) }
        } else {
            guard files.removeValue(forKey: input.path) != nil else { return self }
            order.removeAll { $0 == input.path }
        }
        return LintSession(options: options, rules: rules, factFiles: files, factOrder: order)
    }

    /// The session without the facts of `path` (a deleted file).
    public func removing(path: String) -> LintSession {
        guard factFiles[path] != nil else { return self }
        var files = factFiles
        files.removeValue(forKey: path)
        return LintSession(options: options, rules: rules, factFiles: files, factOrder: factOrder.filter { $0 != path })
    }

    /// Paths whose facts the session holds.
    public var factPaths: [String] { factOrder }

    /// Checks one file against the session's facts.
    public func check(_ input: LintInput) -> FileReport {
        if let parsed = factFiles[input.path], parsed.complete, parsed.file.bytes == input.bytes {
            return Linter.check(parsed, workspace: workspace, rules: rules, options: options)
        }
        let file = sourceFile(input)
        let partial = Linter.checkStreaming(file, collectSpans: Linter.mayHoldSuppressions(file),
                                            workspace: workspace, rules: rules, options: options)
        return Linter.finish(file, [partial], options: options)
    }

    /// The input as a source file: for a file read from disk whose facts the
    /// session holds, the facts pass's copy (a large file is then in memory once).
    private func sourceFile(_ input: LintInput) -> SourceFile {
        if input.isReadFromDisk, let facts = factFiles[input.path], facts.file.bytes.count == input.byteCount {
            return facts.file
        }
        return SourceFile(path: input.path, bytes: input.bytes)
    }

    /// Files larger than this are cut at `---` lines into pieces of about this
    /// size, checked on several cores: one big stream of documents is no slower
    /// than the same documents as separate files.
    static let pieceSize = 1 << 20

    /// Checks files on all cores, in input order; the empty-inventory notice is said once.
    /// The work items are whole files and pieces of large ones; concurrency is
    /// bounded by `parallelMap` (one worker per core), and each worker holds one
    /// document's tree at a time.
    ///
    /// Inputs named by path are read by the worker that checks them. With
    /// `keepingSources` false, a report without findings keeps only its file's
    /// path, not its bytes (a command that only prints findings needs no more);
    /// so does one whose only finding is the empty-inventory notice, said once
    /// per run: the file that keeps it is read again.
    public func check(_ inputs: [LintInput], keepingSources: Bool = true) -> [FileReport] {
        // Large files first, so one big file does not finish alone on one core at the end.
        let order = inputs.indices.sorted { inputs[$0].byteCount > inputs[$1].byteCount }
        var items: [WorkItem] = []
        var pieceFiles: [Int: SourceFile] = [:]
        // Whether each cut file has a directive comment: asked once per file, not
        // per piece (a whole-file search per piece made big files quadratic again).
        var wantsSpans: [Int: Bool] = [:]
        for index in order {
            let input = inputs[index]
            if input.byteCount > Self.pieceSize, factFiles[input.path]?.complete != true {
                let file = sourceFile(input)
                let pieces = YAMLParser.documentChunks(file, targetSize: Self.pieceSize)
                if pieces.count > 1 {
                    pieceFiles[index] = file
                    wantsSpans[index] = Linter.mayHoldSuppressions(file)
                    items += pieces.map { WorkItem(input: index, piece: $0) }
                    continue
                }
            }
            items.append(WorkItem(input: index, piece: nil))
        }
        let files = pieceFiles
        let spans = wantsSpans
        let checked = parallelMap(items) { item -> WorkResult in
            if let piece = item.piece, let file = files[item.input] {
                return .piece(Linter.checkStreaming(file, range: piece, collectSpans: spans[item.input] ?? true,
                                                    workspace: self.workspace, rules: self.rules, options: self.options))
            }
            let report = self.check(inputs[item.input])
            return .whole(keepingSources || !Self.onlyNotices(report) ? report : report.withoutSource)
        }
        var reports = [FileReport?](repeating: nil, count: inputs.count)
        var pieces: [Int: [PartialReport]] = [:]
        for (item, result) in zip(items, checked) {
            switch result {
            case .whole(let report): reports[item.input] = report
            case .piece(let partial): pieces[item.input, default: []].append(partial)
            }
        }
        for (index, parts) in pieces {
            guard let file = pieceFiles[index] else { continue }
            // libyaml stops at a file's first syntax error; checked whole, the
            // file says exactly that (no findings from the documents after it).
            if parts.contains(where: \.stoppedOnSyntaxError) {
                reports[index] = check(inputs[index])
            } else {
                let report = Linter.finish(file, parts, options: options)
                reports[index] = keepingSources || !Self.onlyNotices(report) ? report : report.withoutSource
            }
        }
        var result = Linter.keepFirstEmptyInventoryNotice(reports.compactMap { $0 })
        if !keepingSources && result.count == inputs.count {
            for index in result.indices where !result[index].diagnostics.isEmpty && result[index].file.bytes.count != inputs[index].byteCount {
                result[index].file = sourceFile(inputs[index])
            }
        }
        return result
    }

    /// No findings, or only the empty-inventory notice (all but one of which are dropped).
    private static func onlyNotices(_ report: FileReport) -> Bool {
        report.diagnostics.allSatisfy(Linter.isEmptyInventoryNotice)
    }
}

/// A file, or one piece of a large file, to check.
private struct WorkItem: Sendable {
    var input: Int
    var piece: Range<Int>?
}

private enum WorkResult: Sendable {
    case whole(FileReport)
    case piece(PartialReport)
}
