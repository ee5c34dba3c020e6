import ArgumentParser
import ArgoLint
import ArgoSemantics
import Foundation

/// The names `--format` accepts.
enum FormatName: String, ExpressibleByArgument, CaseIterable {
    case human, json, sarif, github
}

extension Dialect: ExpressibleByArgument {}

struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check workflow manifests and report problems.",
        discussion: """
        PATHs are files, folders (searched recursively for *.yaml and *.yml) or - for standard input. \
        With no PATH, the current folder is linted. Each file is linted with the configuration of the \
        nearest .argolint.yaml above it, unless --config names one for all. Exit codes: 0 no error \
        (and, with --strict or --max-warnings, no warning or not too many); 1 otherwise; 2 usage error, \
        unusable configuration or unreadable input.
        """
    )

    @OptionGroup var input: InputOptions

    @Option(help: "Output format: human, json, sarif (SARIF 2.1.0, for code scanning) or github (workflow command annotations).")
    var format: FormatName = .human

    @Flag(help: "Human format: one line per finding and per note, without the source lines.")
    var noSource = false

    @Option(help: ArgumentHelp("Fail (exit 1) when there are more than N warnings.", valueName: "N"))
    var maxWarnings: Int?

    @Flag(help: "Fail (exit 1) on any warning, not only on errors.")
    var strict = false

    func validate() throws {
        if let maxWarnings, maxWarnings < 0 {
            throw ValidationError("--max-warnings must be 0 or more")
        }
    }

    mutating func run() throws {
        try LintRun(selection: input.selection, format: format, noSource: noSource, maxWarnings: maxWarnings, strict: strict).run()
    }
}

/// One `argolint lint`: what LintCommand parsed, or what the fast path read
/// straight from the command line (FastLint).
struct LintRun {
    var selection: InputSelection
    var format: FormatName = .human
    var noSource = false
    var maxWarnings: Int?
    var strict = false

    func run() throws -> Never {
        let prepared = try selection.prepare()
        let (reports, sessions) = InputGroup.lint(prepared.inputs, groups: prepared.groups)
        let result = LintResult(reports: reports)
        Console.out(outputFormat.render(result))
        let summary = result.summary
        var failed = summary.errors > 0
        if strict && summary.warnings > 0 {
            failed = true
        }
        if let maxWarnings, summary.warnings > maxWarnings {
            Console.error("\(summary.warnings) warning\(summary.warnings == 1 ? "" : "s"), more than --max-warnings \(maxWarnings) allows")
            failed = true
        }
        // Exit here rather than unwinding, with the sessions' parsed fact files still
        // held: freeing them on the way out costs a measurable fraction of a large
        // run, and the OS reclaims the memory anyway.
        withExtendedLifetime(sessions) {
            Foundation.exit(prepared.ioFailure ? 2 : failed ? 1 : 0)
        }
    }

    private var outputFormat: any OutputFormat {
        switch format {
        case .human: return HumanFormatter(colour: Terminal.wantsColour, showSource: !noSource)
        case .json: return JSONFormatter()
        case .sarif: return SARIFFormatter(workingDirectory: FileManager.default.currentDirectoryPath)
        case .github: return GitHubFormatter()
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
