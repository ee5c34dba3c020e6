import ArgumentParser

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
        subcommands: [LintCommand.self, RulesCommand.self, ExplainCommand.self],
        defaultSubcommand: nil
    )
}
