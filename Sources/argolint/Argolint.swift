import ArgumentParser
import Foundation

@main
struct Argolint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "argolint",
        abstract: "Lint, analyze and sandbox-run Argo Workflows manifests.",
        discussion: """
        Exit codes: 0 no error-severity finding; 1 at least one error finding; \
        2 usage error, unreadable input or internal failure.
        """,
        version: "0.1.0",
        subcommands: [LintCommand.self, FixCommand.self, RunCommand.self, TestCommand.self, MockCommand.self, RulesCommand.self, ExplainCommand.self, LSPCommand.self],
        defaultSubcommand: nil
    )

    /// ArgumentParser exits 64 (EX_USAGE) on bad arguments; argolint's contract is 2.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let lint = FastLint.run(arguments) {
            do { try lint.run() } catch { exitAfterFailure(error) }
        }
        do {
            let split = BulkPaths.split(arguments)
            var command = BulkPaths.appending(split.laterPaths, to: try parseAsRoot(split.forParser))
            try command.run()
        } catch {
            exitAfterFailure(error)
        }
    }

    static func exitAfterFailure(_ error: Error) -> Never {
        let code = exitCode(for: error)
        if code == .success || code.rawValue == 1 || code.rawValue == 2 {
            exit(withError: error)
        }
        let message = fullMessage(for: error)
        if !message.isEmpty {
            FileHandle.standardError.write(Data((message + "\n").utf8))
        }
        Foundation.exit(code == .validationFailure || code.rawValue == 64 ? 2 : code.rawValue)
    }
}
