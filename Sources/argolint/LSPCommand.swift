import ArgumentParser
import ArgoLSP

struct LSPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lsp",
        abstract: "Run the language server over standard input and output.",
        discussion: """
        Speaks the Language Server Protocol (JSON-RPC with Content-Length framing) on stdin/stdout; \
        logs go to stderr. Diagnostics, quick fixes and hovers for Argo manifests, with the \
        workspace's WorkflowTemplates and Secrets and each document's nearest .argolint.yaml.
        """
    )

    func run() throws {
        LanguageServerMain.run()
    }
}
