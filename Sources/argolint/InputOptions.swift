import ArgumentParser
import ArgoLint
import ArgoSemantics
import Foundation

/// Options shared by the commands that read manifests.
struct InputOptions: ParsableArguments {
    @Argument(help: "Files, folders (searched recursively for *.yaml and *.yml), or - for standard input.")
    var paths: [String] = []

    @Option(help: "Configuration file (default: the nearest .argolint.yaml upwards).")
    var config: String?

    @Option(help: "Dialect of HTTP templates and expressions: argo (upstream) or seed.")
    var dialect: Dialect?

    @Option(help: "The file name to report for standard input.")
    var stdinFilename: String?

    @Option(help: "Extra Secret manifests (a file or a folder) for the secret inventory.")
    var secrets: [String] = []

    /// What a command needs to run the linter over the named inputs.
    struct Prepared {
        var project: Project
        var inputs: [LintInput]
        /// Paths of the inputs read from files (stdin excluded), in input order.
        var filePaths: [String]
        var stdinIndex: Int?
        var context: [LintInput]
        var options: LintOptions
        var ioFailure: Bool
    }

    func prepare() throws -> Prepared {
        // The project (configuration, cross-file facts) is the one holding the
        // first named input, so linting another tree from here uses its facts, not ours.
        let first = paths.first { $0 != "-" } ?? "."
        var isDirectory: ObjCBool = false
        let start = FileManager.default.fileExists(atPath: first, isDirectory: &isDirectory) && !isDirectory.boolValue
            ? (first as NSString).deletingLastPathComponent : first
        var project: Project
        do {
            project = try Project.discover(start: start.isEmpty ? "." : start, explicitConfigPath: config)
        } catch {
            Console.error(error.message)
            throw ExitCode(2)
        }
        var ioFailure = false
        var inputs: [LintInput] = []
        var filePaths: [String] = []
        var stdinIndex: Int?
        var named: [String] = []
        for path in paths.isEmpty ? ["."] : paths {
            if path == "-" {
                let data = FileHandle.standardInput.readDataToEndOfFile()
                stdinIndex = inputs.count
                inputs.append(LintInput(path: stdinFilename ?? "<stdin>", bytes: [UInt8](data)))
                continue
            }
            let (files, errors) = project.expand([path])
            for error in errors {
                Console.error(error)
                ioFailure = true
            }
            named += files
        }
        for (path, bytes) in zip(named, Project.read(named)) {
            guard let bytes else {
                Console.error("\(path): cannot read the file")
                ioFailure = true
                continue
            }
            filePaths.append(path)
            inputs.append(LintInput(path: path, bytes: bytes))
        }
        // A --secrets path that does not exist would silently empty the inventory: say so, like a missing input.
        for path in secrets where !FileManager.default.fileExists(atPath: path) {
            Console.error("--secrets \(path): no such file or directory")
            ioFailure = true
        }
        let context = project.contextInputs(excluding: Set(filePaths.map(Project.absolute)), extraSecretPaths: secrets)
        let options = LintOptions(
            dialect: dialect ?? project.configuration?.dialect ?? .argo,
            severities: project.configuration?.severities ?? [:])
        return Prepared(project: project, inputs: inputs, filePaths: filePaths, stdinIndex: stdinIndex, context: context, options: options, ioFailure: ioFailure)
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
