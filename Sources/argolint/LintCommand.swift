import ArgumentParser
import ArgoLint
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

    @Argument(help: "Files, folders, or - for standard input.")
    var paths: [String] = []

    @Option(help: "Output format: human, json or github.")
    var format: OutputFormat = .human

    @Option(help: "Configuration file (default: the nearest .argolint.yaml upwards).")
    var config: String?

    @Option(help: "Dialect of HTTP templates and expressions: argo (upstream) or seed.")
    var dialect: Dialect?

    @Option(help: "The file name to report for standard input.")
    var stdinFilename: String?

    @Option(help: "Extra Secret manifests (a file or a folder) for the secret inventory.")
    var secrets: [String] = []

    mutating func run() throws {
        let start = paths.first { $0 != "-" } ?? "."
        let project: Project
        do {
            // The configuration is looked up from the working folder first, then from the first input.
            var found = try Project.discover(start: ".", explicitConfigPath: config)
            if found.configuration == nil && found.root == nil && start != "." {
                found = try Project.discover(start: start, explicitConfigPath: nil)
            }
            project = found
        } catch {
            FileHandle.standardError.write(Data("argolint: \(error.message)\n".utf8))
            throw ExitCode(2)
        }

        var ioFailure = false
        var inputs: [LintInput] = []
        let named = paths.isEmpty ? ["."] : paths
        var filePaths: [String] = []
        for path in named {
            if path == "-" {
                let data = FileHandle.standardInput.readDataToEndOfFile()
                inputs.append(LintInput(path: stdinFilename ?? "<stdin>", bytes: [UInt8](data)))
                continue
            }
            let (files, errors) = project.expand([path])
            for error in errors {
                FileHandle.standardError.write(Data("argolint: \(error)\n".utf8))
                ioFailure = true
            }
            filePaths += files
        }
        for (path, bytes) in zip(filePaths, Project.read(filePaths)) {
            guard let bytes else {
                FileHandle.standardError.write(Data("argolint: \(path): cannot read the file\n".utf8))
                ioFailure = true
                continue
            }
            inputs.append(LintInput(path: path, bytes: bytes))
        }
        // A --secrets path that does not exist would silently empty the inventory: say so, like a missing input.
        for path in secrets where !FileManager.default.fileExists(atPath: path) {
            FileHandle.standardError.write(Data("argolint: --secrets \(path): no such file or directory\n".utf8))
            ioFailure = true
        }
        let inputSet = Set(filePaths.map(Project.absolute))
        let context = project.contextInputs(excluding: inputSet, extraSecretPaths: secrets)
        let options = LintOptions(
            dialect: dialect ?? project.configuration?.dialect ?? .argo,
            severities: project.configuration?.severities ?? [:])
        let reports = Linter(options: options).lint(inputs, context: context)
        let resolved = reports.resolved()
        let summary = LintSummary(reports: reports)
        let output: String
        switch format {
        case .human:
            output = HumanFormatter(colour: Terminal.wantsColour).format(resolved, summary: summary)
        case .json:
            output = JSONFormatter.format(resolved, summary: summary)
        case .github:
            output = GitHubFormatter.format(resolved)
        }
        FileHandle.standardOutput.write(Data(output.utf8))
        // Exit here rather than unwinding: freeing every parsed file on the way
        // out costs a measurable fraction of a large run, and the OS reclaims it anyway.
        Foundation.exit(ioFailure ? 2 : summary.errors > 0 ? 1 : 0)
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
