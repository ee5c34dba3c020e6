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
        let candidates = facts.filter { Linter.mayHoldFacts($0.bytes) }
        // Largest files first, so one big file does not finish alone on one core at the end.
        let order = candidates.indices.sorted { candidates[$0].bytes.count > candidates[$1].bytes.count }
        let parsed = parallelMap(order) { Linter.analyze(candidates[$0]) }
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
            files[input.path] = Linter.analyze(input)
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
        let analyzed: AnalyzedFile
        if let parsed = factFiles[input.path], parsed.file.bytes == input.bytes {
            analyzed = parsed
        } else {
            analyzed = Linter.analyze(input)
        }
        return Linter.check(analyzed, workspace: workspace, rules: rules, options: options)
    }

    /// Checks files on all cores, in input order; the empty-inventory notice is said once.
    public func check(_ inputs: [LintInput]) -> [FileReport] {
        let order = inputs.indices.sorted { inputs[$0].bytes.count > inputs[$1].bytes.count }
        let checked = parallelMap(order) { self.check(inputs[$0]) }
        var reports = [FileReport?](repeating: nil, count: inputs.count)
        for (index, report) in zip(order, checked) { reports[index] = report }
        return Linter.keepFirstEmptyInventoryNotice(reports.compactMap { $0 })
    }
}
