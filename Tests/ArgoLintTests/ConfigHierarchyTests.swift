import Foundation
import Testing

/// Each input is linted with the configuration of the nearest .argolint.yaml
/// above it; `--config` names one configuration for all.
@Suite(.serialized) struct ConfigHierarchyTests {
    /// root/{c/wf.yaml, a/.argolint.yaml, a/wf.yaml, a/b/.argolint.yaml, a/b/wf.yaml, a/b/skip/wf.yaml};
    /// every wf.yaml has the same undefined template.
    static func tree() throws -> String {
        let root = try temporaryDirectory()
        for folder in ["a/b/skip", "c"] {
            try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
        for file in ["a/wf.yaml", "a/b/wf.yaml", "a/b/skip/wf.yaml", "c/wf.yaml"] {
            try CLITests.broken.write(toFile: root + "/" + file, atomically: true, encoding: .utf8)
        }
        try "rules:\n  undefined-template: warning\n".write(toFile: root + "/a/.argolint.yaml", atomically: true, encoding: .utf8)
        try "rules:\n  undefined-template: info\nignore: [\"skip/\"]\n".write(toFile: root + "/a/b/.argolint.yaml", atomically: true, encoding: .utf8)
        return root
    }

    /// `file → severity` of every finding in a JSON report.
    static func severities(_ output: String) throws -> [String: String] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
        var map: [String: String] = [:]
        for d in diagnostics { map[d["file"] as? String ?? "?"] = d["severity"] as? String }
        return map
    }

    @Test func eachFileUsesItsNearestConfiguration() throws {
        let root = try Self.tree()
        let result = try runCLI(["lint", "--format", "json", "."], cwd: root)
        #expect(result.code == 1, "c/wf.yaml has no configuration: the error stays an error")
        #expect(try Self.severities(result.out) == ["a/wf.yaml": "warning", "a/b/wf.yaml": "info", "c/wf.yaml": "error"])
    }

    @Test func namedFilesInAnyOrderGetTheirOwnConfiguration() throws {
        let root = try Self.tree()
        // The first input used to decide for all: a/b's "info" must not reach a/wf.yaml.
        let result = try runCLI(["lint", "--format", "json", "a/b/wf.yaml", "a/wf.yaml", "a/b/skip/wf.yaml"], cwd: root)
        #expect(result.code == 0)
        #expect(try Self.severities(result.out) == ["a/b/wf.yaml": "info", "a/wf.yaml": "warning"])
        // From inside a folder, upwards discovery still finds a/b's configuration.
        let inside = try runCLI(["lint", "--format", "json", "wf.yaml", "../../c/wf.yaml"], cwd: root + "/a/b")
        #expect(inside.code == 1)
        #expect(try Self.severities(inside.out) == ["wf.yaml": "info", "../../c/wf.yaml": "error"])
    }

    @Test func stdinUsesTheConfigurationOfItsFilename() throws {
        let root = try Self.tree()
        let named = try runCLI(["lint", "--format", "json", "--stdin-filename", "a/b/buffer.yaml", "-"], stdin: CLITests.broken, cwd: root)
        #expect(try Self.severities(named.out) == ["a/b/buffer.yaml": "info"])
        let unnamed = try runCLI(["lint", "--format", "json", "-"], stdin: CLITests.broken, cwd: root + "/a")
        #expect(try Self.severities(unnamed.out) == ["<stdin>": "warning"])
    }

    @Test func explicitConfigOverridesEveryInput() throws {
        let root = try Self.tree()
        try "rules:\n  undefined-template: off\n".write(toFile: root + "/quiet.yaml.conf", atomically: true, encoding: .utf8)
        let result = try runCLI(["lint", "--config", "quiet.yaml.conf", "a", "c"], cwd: root)
        #expect(result.code == 0)
        #expect(result.out.isEmpty, "\(result.out)")
        // Its ignore globs are relative to its own folder (a/b here), for every input.
        let fromB = try runCLI(["lint", "--format", "json", "--config", "a/b/.argolint.yaml", "a", "c"], cwd: root)
        #expect(try Self.severities(fromB.out) == ["a/wf.yaml": "info", "a/b/wf.yaml": "info", "c/wf.yaml": "info"])
    }

    @Test func anInvalidNestedConfigurationExitsTwoWithItsPosition() throws {
        let root = try Self.tree()
        try "rules:\n  undefined-template: warning\n  dag-cycles: off\n".write(toFile: root + "/c/.argolint.yaml", atomically: true, encoding: .utf8)
        let result = try runCLI(["lint", "."], cwd: root)
        #expect(result.code == 2)
        #expect(result.err.contains("c/.argolint.yaml:3:3: unknown rule \"dag-cycles\"; did you mean \"dag-cycle\"?"), "\(result.err)")
        // A file that does not use it is unaffected.
        #expect(try runCLI(["lint", "a/wf.yaml"], cwd: root).code == 0)
    }
}
