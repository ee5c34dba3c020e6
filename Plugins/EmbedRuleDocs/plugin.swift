import Foundation
import PackagePlugin

/// Compiles rules/*.md into the ArgoLint module, so `argolint explain` prints
/// exactly the docs the test suite runs, with no resource bundle to lose.
@main
struct EmbedRuleDocs: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let rules = context.package.directoryURL.appendingPathComponent("rules").resolvingSymlinksInPath()
        let docs = try FileManager.default.contentsOfDirectory(at: rules, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "md" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("EmbeddedRuleDocs.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(docs.count) rule docs",
                executable: try context.tool(named: "EmbedRuleDocsTool").url,
                arguments: [output.path] + docs.map(\.path),
                inputFiles: docs,
                outputFiles: [output]
            ),
        ]
    }
}
