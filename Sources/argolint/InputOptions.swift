import ArgumentParser
import ArgoLint
import ArgoSemantics
import Foundation

/// Options shared by the commands that read manifests.
struct InputOptions: ParsableArguments {
    @Argument(help: "Files, folders (searched recursively for *.yaml and *.yml), or - for standard input.")
    var paths: [String] = []

    @Option(help: "Configuration file for every input (default: each file's nearest .argolint.yaml upwards).")
    var config: String?

    @Option(help: "Dialect of HTTP templates and expressions: argo (upstream) or seed.")
    var dialect: Dialect?

    @Option(help: "The file name to report for standard input.")
    var stdinFilename: String?

    @Option(help: "Extra Secret manifests (a file or a folder) for the secret inventory.")
    var secrets: [String] = []

    /// The values, as a plain value the `lint` fast path can build without the parser.
    var selection: InputSelection {
        InputSelection(paths: paths, config: config, dialect: dialect, stdinFilename: stdinFilename, secrets: secrets)
    }

    func prepare() throws -> InputSelection.Prepared { try selection.prepare() }
}

/// Which inputs to lint and how: the values of InputOptions.
struct InputSelection {
    var paths: [String] = []
    var config: String?
    var dialect: Dialect?
    var stdinFilename: String?
    var secrets: [String] = []

    /// What a command needs to run the linter over the named inputs.
    struct Prepared {
        var inputs: [LintInput]
        /// Paths of the inputs read from files (stdin excluded), in input order.
        var filePaths: [String]
        var stdinIndex: Int?
        /// The inputs by project: each lints with its own configuration.
        var groups: [InputGroup]
        var ioFailure: Bool

        /// The first input's group: its options and facts, for a command that
        /// lints every input with one configuration (fix, until it uses `groups`).
        var options: LintOptions { groups.first?.options ?? LintOptions() }
        var context: [LintInput] { groups.first?.context ?? [] }
    }

    func prepare() throws -> Prepared {
        do {
            return try prepareInputs()
        } catch let error as ConfigurationError {
            // An unusable configuration is a usage error, reported with its position.
            Console.error(error.message)
            throw ExitCode(2)
        }
    }

    private func prepareInputs() throws -> Prepared {
        // Every input has the project (configuration, cross-file facts) of the
        // nearest .argolint.yaml above it, so linting several trees, or a tree
        // with nested configurations, gives each file its own answers.
        var resolver = try ProjectResolver(explicitConfigPath: config)
        var ioFailure = false
        var inputs: [LintInput] = []
        // The project of each input, in the order of `inputs`.
        var projects: [Project] = []
        var filePaths: [String] = []
        var stdinIndex: Int?
        var named: [(path: String, project: Project)] = []
        var seen = Set<String>()
        for path in paths.isEmpty ? ["."] : paths {
            if path == "-" {
                let data = FileHandle.standardInput.readDataToEndOfFile()
                stdinIndex = inputs.count
                // The buffer is configured as the file it names would be (editors pipe unsaved files).
                projects.append(try stdinFilename.map { try resolver.project(forFile: $0) } ?? resolver.project(forFolder: "."))
                inputs.append(LintInput(path: stdinFilename ?? "<stdin>", bytes: [UInt8](data)))
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                Console.error("\(path): no such file or directory")
                ioFailure = true
                continue
            }
            for file in isDirectory.boolValue ? Project.yamlFiles(under: path) : [path] {
                let project = try resolver.project(forFile: file)
                guard !project.isIgnored(file), seen.insert(Project.absolute(file)).inserted else { continue }
                named.append((file, project))
            }
        }
        for (entry, size) in zip(named, Project.readableSizes(named.map(\.path))) {
            guard let size else {
                Console.error("\(entry.path): cannot read the file")
                ioFailure = true
                continue
            }
            filePaths.append(entry.path)
            projects.append(entry.project)
            inputs.append(LintInput(path: entry.path, readingFile: entry.path, size: size))
        }
        // A --secrets path that does not exist would silently empty the inventory: say so, like a missing input.
        for path in secrets where !FileManager.default.fileExists(atPath: path) {
            Console.error("--secrets \(path): no such file or directory")
            ioFailure = true
        }
        let excluded = Set(filePaths.map(Project.absolute))
        var groups: [InputGroup] = []
        var groupOf: [String: Int] = [:]
        for (index, project) in projects.enumerated() {
            if let existing = groupOf[project.identity] {
                groups[existing].inputIndices.append(index)
                continue
            }
            groupOf[project.identity] = groups.count
            let context = project.contextInputs(excluding: excluded, extraSecretPaths: secrets)
            groups.append(InputGroup(project: project, options: options(for: project), inputIndices: [index], context: context))
        }
        if groups.isEmpty {
            // No input at all: `options` still reflects the configuration here.
            let project = try resolver.project(forFolder: ".")
            groups.append(InputGroup(project: project, options: options(for: project), inputIndices: [], context: []))
        }
        return Prepared(inputs: inputs, filePaths: filePaths, stdinIndex: stdinIndex, groups: groups, ioFailure: ioFailure)
    }

    /// `--dialect` wins over the configuration's; severities come from the configuration.
    private func options(for project: Project) -> LintOptions {
        LintOptions(dialect: dialect ?? project.configuration?.dialect ?? .argo,
                    severities: project.configuration?.severities ?? [:])
    }
}

enum Console {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("argolint: \(message)\n".utf8))
    }

    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
