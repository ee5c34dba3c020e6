import Foundation
import Testing

/// `argolint lint` with only paths, --format, --no-source and --strict skips
/// ArgumentParser (FastLint). Every such invocation must behave exactly as the
/// parsed one: the same invocation plus an option only the parser takes
/// (`--max-warnings` with a limit no run reaches) goes through ArgumentParser.
@Suite(.serialized) struct FastLintTests {
    static let parserOnly = ["--max-warnings", "1000000"]

    static let invocations: [[String]] = [
        ["lint", "fixtures/workflows/seed-http.yaml"],
        ["lint", "fixtures/invalid/references.yaml", "fixtures/invalid/depends.yaml"],
        ["lint", "--format", "json", "fixtures/invalid"],
        ["lint", "--format=sarif", "fixtures/invalid/structure.yaml"],
        ["lint", "--format", "github", "--no-source", "fixtures/parity/refs-dag.yaml"],
        ["lint", "--strict", "fixtures/workflows"],
        ["lint", "fixtures/does-not-exist.yaml", "fixtures/workflows/anchors.yaml"],
    ]

    @Test(arguments: invocations)
    func fastPathMatchesTheParser(_ arguments: [String]) throws {
        let fast = try runCLI(arguments, cwd: Repo.root.path)
        let parsed = try runCLI(arguments + Self.parserOnly, cwd: Repo.root.path)
        #expect(fast.code == parsed.code)
        #expect(fast.out == parsed.out)
        #expect(fast.err == parsed.err)
    }

    @Test func standardInputTakesTheFastPathToo() throws {
        let text = try String(contentsOfFile: Repo.path("fixtures/invalid/references.yaml"), encoding: .utf8)
        let fast = try runCLI(["lint", "-"], stdin: text)
        let parsed = try runCLI(["lint", "-"] + Self.parserOnly, stdin: text)
        #expect(fast.code == 1)
        #expect(fast.out == parsed.out)
    }

    @Test func whatTheFastPathDoesNotKnowIsTheParsers() throws {
        // A bad format value is the parser's usage error, exit 2, with its message.
        let bad = try runCLI(["lint", "--format", "xml", "fixtures/workflows/seed-http.yaml"])
        #expect(bad.code == 2)
        #expect(bad.err.contains("xml"))
        let help = try runCLI(["lint", "--help"])
        #expect(help.code == 0)
        #expect(help.out.contains("--max-warnings"))
    }
}
