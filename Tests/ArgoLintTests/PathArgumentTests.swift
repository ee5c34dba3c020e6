import Foundation
import Testing

/// Paths after the first bypass ArgumentParser (see BulkPaths in the executable):
/// every option must still be read as an option wherever it sits among the paths,
/// and every path must still be linted, in order.
@Suite(.serialized) struct PathArgumentTests {
    /// A valid value for each option that takes one. An option the commands gain
    /// without an entry here fails `everyValueOptionInterleavesWithPaths`.
    static let sampleValues = [
        "config": ".argolint.yaml",
        "dialect": "seed",
        "stdin-filename": "named.yaml",
        "secrets": "secrets.yaml",
        "format": "json",
        "max-warnings": "100",
    ]

    static func project() throws -> String {
        let dir = try temporaryDirectory()
        for name in ["a", "b", "c", "d"] {
            try CLITests.broken.write(toFile: "\(dir)/\(name).yaml", atomically: true, encoding: .utf8)
        }
        try "dialect: argo\n".write(toFile: dir + "/.argolint.yaml", atomically: true, encoding: .utf8)
        try "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  k: dg==\n".write(toFile: dir + "/secrets.yaml", atomically: true, encoding: .utf8)
        return dir
    }

    /// The option names ArgumentParser itself reports as taking a value, for one command.
    static func valueOptions(of command: String) throws -> [String] {
        let dump = try runCLI([command, "--experimental-dump-help"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(dump.out.utf8)) as? [String: Any])
        let arguments = try #require((json["command"] as? [String: Any])?["arguments"] as? [[String: Any]])
        return arguments.compactMap { argument in
            guard argument["kind"] as? String == "option" else { return nil }
            return ((argument["names"] as? [[String: Any]])?.first?["name"]) as? String
        }
    }

    @Test(arguments: ["lint", "fix"])
    func everyValueOptionInterleavesWithPaths(command: String) throws {
        let dir = try Self.project()
        let options = try Self.valueOptions(of: command)
        #expect(!options.isEmpty)
        for option in options {
            let value = try #require(Self.sampleValues[option], "no sample value for --\(option)")
            // --dry-run keeps fix from editing the fixtures.
            let extra = command == "fix" ? ["--dry-run"] : []
            let result = try runCLI([command] + extra + ["a.yaml", "b.yaml", "--\(option)", value, "c.yaml", "d.yaml"], cwd: dir)
            #expect(result.code == 1, "--\(option) \(value): \(result.err)")
            #expect(!result.err.contains("no such file"), "--\(option) \(value): \(result.err)")
            for name in ["a", "b", "c", "d"] {
                #expect(result.out.contains("\(name).yaml"), "--\(option): \(name).yaml not reported")
            }
        }
    }

    @Test func manyPathsAreAllLintedAndOptionsAfterThemApply() throws {
        let dir = try Self.project()
        var paths: [String] = []
        for index in 0..<300 {
            let name = String(format: "many-%03d.yaml", index)
            try CLITests.broken.write(toFile: "\(dir)/\(name)", atomically: true, encoding: .utf8)
            paths.append(name)
        }
        let result = try runCLI(["lint"] + paths.reversed() + ["--format", "json"], cwd: dir)
        #expect(result.code == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        let summary = try #require(json["summary"] as? [String: Any])
        #expect(summary["files"] as? Int == 300)
        let diagnostics = try #require(json["diagnostics"] as? [[String: Any]])
        #expect(Set(diagnostics.compactMap { $0["file"] as? String }) == Set(paths))
    }

    @Test func unknownOptionAmongPathsIsStillAUsageError() throws {
        let dir = try Self.project()
        let result = try runCLI(["lint", "a.yaml", "b.yaml", "--frmat", "json", "c.yaml"], cwd: dir)
        #expect(result.code == 2)
        #expect(result.err.contains("frmat"))
    }

    @Test func pathsAfterTerminatorAreAllPaths() throws {
        let dir = try Self.project()
        try CLITests.broken.write(toFile: dir + "/--format", atomically: true, encoding: .utf8)
        let result = try runCLI(["lint", "--format", "json", "a.yaml", "--", "--format", "b.yaml"], cwd: dir)
        #expect(result.code == 1, "\(result.err)")
        #expect(result.out.contains("b.yaml"))
    }
}
