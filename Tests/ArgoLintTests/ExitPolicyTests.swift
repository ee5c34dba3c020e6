import Foundation
import Testing

/// `--strict` and `--max-warnings N`: when warnings fail a run.
@Suite(.serialized) struct ExitPolicyTests {
    /// Two undefined templates, configured down to warnings.
    static func project() throws -> String {
        let dir = try temporaryDirectory()
        try "rules:\n  undefined-template: warning\n".write(toFile: dir + "/.argolint.yaml", atomically: true, encoding: .utf8)
        try CLITests.broken.write(toFile: dir + "/one.yaml", atomically: true, encoding: .utf8)
        try CLITests.broken.write(toFile: dir + "/two.yaml", atomically: true, encoding: .utf8)
        return dir
    }

    @Test func warningsPassByDefaultAndFailWithStrict() throws {
        let dir = try Self.project()
        let plain = try runCLI(["lint", "."], cwd: dir, environment: ["NO_COLOR": "1"])
        #expect(plain.code == 0)
        #expect(plain.out.hasSuffix("0 errors, 2 warnings in 2 files\n"))
        #expect(try runCLI(["lint", "--strict", "."], cwd: dir).code == 1)
        #expect(try runCLI(["lint", "--strict", "--format", "json", "."], cwd: dir).code == 1)
    }

    @Test(arguments: [(2, Int32(0)), (5, Int32(0)), (1, Int32(1)), (0, Int32(1))])
    func maxWarnings(limit: Int, expected: Int32) throws {
        let dir = try Self.project()
        let result = try runCLI(["lint", "--max-warnings", String(limit), "."], cwd: dir)
        #expect(result.code == expected, "--max-warnings \(limit): \(result.err)")
        if expected == 1 {
            #expect(result.err.contains("2 warnings, more than --max-warnings \(limit) allows"))
        } else {
            #expect(result.err.isEmpty)
        }
    }

    @Test func errorsFailWhateverTheWarningLimit() throws {
        let dir = try temporaryDirectory()
        try CLITests.broken.write(toFile: dir + "/bad.yaml", atomically: true, encoding: .utf8)
        #expect(try runCLI(["lint", "--max-warnings", "100", "bad.yaml"], cwd: dir).code == 1)
        // A strict run over a clean file passes.
        try CLITests.clean.write(toFile: dir + "/ok.yaml", atomically: true, encoding: .utf8)
        #expect(try runCLI(["lint", "--strict", "--max-warnings", "0", "ok.yaml"], cwd: dir).code == 0)
    }

    @Test func usageAndInputErrorsStayTwo() throws {
        let dir = try Self.project()
        #expect(try runCLI(["lint", "--max-warnings", "-1", "."], cwd: dir).code == 2)
        #expect(try runCLI(["lint", "--max-warnings", "many", "."], cwd: dir).code == 2)
        #expect(try runCLI(["lint", "--strict", "one.yaml", "missing.yaml"], cwd: dir).code == 2)
    }
}
