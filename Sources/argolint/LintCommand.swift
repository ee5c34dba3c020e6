import ArgumentParser
import ArgoLint
import ArgoSemantics
import Foundation

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case human, json, github
}

extension Dialect: ExpressibleByArgument {}

struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check workflow manifests and report problems.",
        discussion: """
        PATHs are files, folders (searched recursively for *.yaml and *.yml) or - for standard input. \
        With no PATH, the current folder is linted.
        """
    )

    @OptionGroup var input: InputOptions

    @Option(help: "Output format: human, json or github.")
    var format: OutputFormat = .human

    mutating func run() throws {
        let prepared = try input.prepare()
        let session = Linter(options: prepared.options).session(prepared.inputs, context: prepared.context)
        let reports = session.check(prepared.inputs)
        let resolved = reports.resolved()
        let summary = LintSummary(reports: reports)
        switch format {
        case .human: Console.out(HumanFormatter(colour: Terminal.wantsColour).format(resolved, summary: summary))
        case .json: Console.out(JSONFormatter.format(resolved, summary: summary))
        case .github: Console.out(GitHubFormatter.format(resolved))
        }
        // Exit here rather than unwinding, with the session's parsed fact files still
        // held: freeing them on the way out costs a measurable fraction of a large
        // run, and the OS reclaims the memory anyway.
        withExtendedLifetime(session) {
            Foundation.exit(prepared.ioFailure ? 2 : summary.errors > 0 ? 1 : 0)
        }
    }
}

enum Terminal {
    /// Colour only on a terminal, never with NO_COLOR set (https://no-color.org), nor for TERM=dumb.
    static var wantsColour: Bool {
        let env = ProcessInfo.processInfo.environment
        if let noColor = env["NO_COLOR"], !noColor.isEmpty { return false }
        if env["TERM"] == "dumb" { return false }
        return isatty(STDOUT_FILENO) == 1
    }
}
