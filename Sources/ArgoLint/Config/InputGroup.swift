/// The inputs of one run that share a project, hence one configuration
/// (dialect, severities) and one set of project facts.
public struct InputGroup: Sendable {
    public var project: Project
    public var options: LintOptions
    /// Indices into the run's inputs, in input order.
    public var inputIndices: [Int]
    /// The project's other files that may hold WorkflowTemplates or Secrets.
    public var context: [LintInput]

    public init(project: Project, options: LintOptions, inputIndices: [Int], context: [LintInput]) {
        self.project = project
        self.options = options
        self.inputIndices = inputIndices
        self.context = context
    }
}

extension InputGroup {
    /// Lints every group with its own options. Each file also sees the facts
    /// of the inputs named in other groups, as it would in a run with one
    /// configuration. Reports come back in input order; the sessions are
    /// returned so a process about to exit can keep their trees alive instead
    /// of freeing them (see LintCommand).
    public static func lint(_ inputs: [LintInput], groups: [InputGroup]) -> (reports: [FileReport], sessions: [LintSession]) {
        var reports = [FileReport?](repeating: nil, count: inputs.count)
        var sessions: [LintSession] = []
        for group in groups {
            let members = group.inputIndices.map { inputs[$0] }
            let memberSet = Set(group.inputIndices)
            let others = inputs.indices.filter { !memberSet.contains($0) }.map { inputs[$0] }
            let session = Linter(options: group.options).session(members, context: group.context + others)
            for (index, report) in zip(group.inputIndices, session.check(members, keepingSources: false)) { reports[index] = report }
            sessions.append(session)
        }
        // Each group's check says the empty-inventory notice once; the run says it once.
        return (Linter.keepFirstEmptyInventoryNotice(reports.compactMap { $0 }), sessions)
    }
}
