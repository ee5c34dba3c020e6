import Foundation
import Testing

/// The repository's .pre-commit-hooks.yaml, run by pre-commit itself
/// (`pre-commit try-repo`) in a throwaway git repository. The `argolint-system`
/// hook runs the argolint on PATH: the debug build this test suite uses, so CI
/// does not spend minutes on the release build the `swift` hook would make.
@Suite(.serialized) struct PreCommitHookTests {
    static func preCommit() throws -> String {
        try ExternalTool.require("pre-commit", install: "pip install pre-commit==4.7.0")
    }

    @Test func manifestIsValid() throws {
        let run = try ExternalTool.run(try Self.preCommit(), ["validate-manifest", Repo.path(".pre-commit-hooks.yaml")])
        #expect(run.code == 0, "\(run.out)\(run.err)")
        let manifest = try String(contentsOfFile: Repo.path(".pre-commit-hooks.yaml"), encoding: .utf8)
        for line in ["- id: argolint\n", "- id: argolint-system\n", "language: swift\n", "language: system\n", "args: [lint]\n", "types: [yaml]\n", "require_serial: true\n"] {
            #expect(manifest.contains(line), "the manifest has no \(line)")
        }
    }

    @Test func systemHookFailsOnABadWorkflowAndPassesOnceFixed() throws {
        let preCommit = try Self.preCommit()
        let git = try ExternalTool.require("git", install: "apt-get install git")
        let repo = try temporaryDirectory()
        let home = try temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(atPath: repo)
            try? FileManager.default.removeItem(atPath: home)
        }
        try CLITests.clean.write(toFile: repo + "/good.yaml", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: repo + "/workflows", withIntermediateDirectories: true)
        try CLITests.broken.write(toFile: repo + "/workflows/bad.yaml", atomically: true, encoding: .utf8)
        try "not yaml, not checked\n".write(toFile: repo + "/notes.txt", atomically: true, encoding: .utf8)
        #expect(try ExternalTool.run(git, ["init", "-q", "."], cwd: repo).code == 0)
        #expect(try ExternalTool.run(git, ["add", "."], cwd: repo).code == 0)

        let binaryFolder = URL(fileURLWithPath: Repo.binary).deletingLastPathComponent().path
        let environment = [
            "PATH": binaryFolder + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"),
            "PRE_COMMIT_HOME": home,
            "NO_COLOR": "1",
        ]
        let arguments = ["try-repo", Repo.root.path, "argolint-system", "--all-files", "--color", "never"]
        let failing = try ExternalTool.run(preCommit, arguments, cwd: repo, environment: environment)
        #expect(failing.code == 1, "\(failing.out)\(failing.err)")
        #expect(failing.out.contains("Failed"))
        #expect(failing.out.contains("workflows/bad.yaml:11:23: error: template \"nope\" is not defined in this Workflow; templates are \"main\" [undefined-template]"),
                "\(failing.out)\(failing.err)")
        #expect(!failing.out.contains("good.yaml:"))

        try CLITests.clean.write(toFile: repo + "/workflows/bad.yaml", atomically: true, encoding: .utf8)
        #expect(try ExternalTool.run(git, ["add", "."], cwd: repo).code == 0)
        let passing = try ExternalTool.run(preCommit, arguments, cwd: repo, environment: environment)
        #expect(passing.code == 0, "\(passing.out)\(passing.err)")
        #expect(passing.out.contains("Passed"))
    }
}
