import Foundation
import Testing
@testable import ArgoLint

/// `lint --format sarif` through the real binary, checked by an independent
/// validator (check-jsonschema against the OASIS SARIF 2.1.0 schema).
@Suite(.serialized) struct SARIFOutputTests {
    /// A duplicate key (with a related location), and findings after
    /// multi-byte characters on their line (columns count code points).
    static let workflow = """
    apiVersion: argoproj.io/v1alpha1
    kind: Workflow
    metadata:
      generateName: dup-
      annotations:
        team: data
      annotations:
        owner: me
    spec:
      entrypoint: main
      templates:
        - name: main
          steps:
            - - {name: "ünö😀", template: nope}
            - - {name: b, template: nope}

    """

    static func sarif(_ arguments: [String], cwd: String) throws -> (code: Int32, text: String, log: [String: Any]) {
        let result = try runCLI(["lint", "--format", "sarif"] + arguments, cwd: cwd)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any], "\(result.err)")
        return (result.code, result.out, log)
    }

    static func run(_ log: [String: Any]) throws -> [String: Any] {
        try #require((log["runs"] as? [[String: Any]])?.first)
    }

    static func results(_ log: [String: Any]) throws -> [[String: Any]] {
        try #require(try run(log)["results"] as? [[String: Any]])
    }

    static func region(_ result: [String: Any]) throws -> [String: Int] {
        let location = try #require((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        return try #require(location["region"] as? [String: Int])
    }

    static func artifact(_ result: [String: Any]) throws -> [String: String] {
        let location = try #require((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        return try #require(location["artifactLocation"] as? [String: String])
    }

    static func fingerprint(_ result: [String: Any]) throws -> String {
        try #require((result["partialFingerprints"] as? [String: String])?["argolintFingerprint/v1"])
    }

    /// Runs check-jsonschema on a SARIF text; returns its exit code and output.
    static func validate(_ text: String) throws -> (code: Int32, output: String) {
        let validator = try ExternalTool.require("check-jsonschema", install: "pip install check-jsonschema==0.39.0")
        let schema = Repo.shared + "/schemas/sarif-schema-2.1.0.json"
        #expect(FileManager.default.fileExists(atPath: schema), "the SARIF schema is missing at \(schema)")
        let file = try temporaryDirectory() + "/log.sarif"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let run = try ExternalTool.run(validator, ["--schemafile", schema, file])
        return (run.code, run.out + run.err)
    }

    @Test func fixturesLogIsValidSARIF() throws {
        // Every fixture: many rules, fixes, related locations, credentials.
        let (code, text, log) = try Self.sarif(["--dialect", "seed", "fixtures"], cwd: Repo.root.path)
        #expect(code == 1)
        #expect(try Self.results(log).count > 20)
        let check = try Self.validate(text)
        #expect(check.code == 0, "check-jsonschema: \(check.output)")
        #expect(log["version"] as? String == "2.1.0")
        #expect(try Self.run(log)["columnKind"] as? String == "unicodeCodePoints")
    }

    @Test func theValidatorRejectsABrokenLog() throws {
        // The validator must be able to fail, or the test above proves nothing.
        let dir = try temporaryDirectory()
        try Self.workflow.write(toFile: dir + "/wf.yaml", atomically: true, encoding: .utf8)
        let (_, text, _) = try Self.sarif(["wf.yaml"], cwd: dir)
        #expect(try Self.validate(text).code == 0)
        let broken = text.replacingOccurrences(of: "\"startLine\": 14", with: "\"startLine\": 0")
            .replacingOccurrences(of: "\"level\": \"error\"", with: "\"level\": \"fatal\"")
        #expect(broken != text)
        let check = try Self.validate(broken)
        #expect(check.code != 0, "a startLine of 0 and an unknown level passed validation")
    }

    @Test func regionsCountCodePointsAndEndPastTheSpan() throws {
        let dir = try temporaryDirectory()
        try Self.workflow.write(toFile: dir + "/wf.yaml", atomically: true, encoding: .utf8)
        let (code, _, log) = try Self.sarif(["wf.yaml"], cwd: dir)
        #expect(code == 1)
        let results = try Self.results(log)
        let rules = try #require(((try Self.run(log)["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        // `template: nope` after "ünö😀": 38 code points in (bytes would say 44, UTF-16 units 39).
        let undefined = results.filter { $0["ruleId"] as? String == "undefined-template" }
        #expect(undefined.count == 2)
        let first = try #require(undefined.first)
        #expect(try Self.region(first) == ["startLine": 14, "startColumn": 38, "endLine": 14, "endColumn": 42])
        #expect(first["level"] as? String == "error")
        #expect((first["message"] as? [String: Any])?["text"] as? String == "template \"nope\" is not defined in this Workflow; templates are \"main\"")
        for result in results {
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
        }
        // The same positions as --format json.
        let json = try runCLI(["lint", "--format", "json", "wf.yaml"], cwd: dir)
        #expect(json.out.contains("\"line\": 14, \"column\": 38, \"endLine\": 14, \"endColumn\": 42"))
    }

    @Test func duplicateKeyCarriesItsRelatedLocation() throws {
        let dir = try temporaryDirectory()
        try Self.workflow.write(toFile: dir + "/wf.yaml", atomically: true, encoding: .utf8)
        let results = try Self.results(try Self.sarif(["wf.yaml"], cwd: dir).log)
        let duplicate = try #require(results.first { $0["ruleId"] as? String == "yaml-duplicate-key" })
        #expect(try Self.region(duplicate) == ["startLine": 7, "startColumn": 3, "endLine": 7, "endColumn": 14])
        let related = try #require((duplicate["relatedLocations"] as? [[String: Any]])?.first)
        let physical = try #require(related["physicalLocation"] as? [String: Any])
        #expect(physical["region"] as? [String: Int] == ["startLine": 5, "startColumn": 3, "endLine": 5, "endColumn": 14])
        #expect((physical["artifactLocation"] as? [String: String])?["uri"] == "wf.yaml")
        #expect((related["message"] as? [String: Any])?["text"] as? String == "first definition of \"annotations\"")
        #expect(results.filter { $0["relatedLocations"] != nil }.count == 1)
    }

    @Test func driverDescribesEveryRuleWithItsDoc() throws {
        let dir = try temporaryDirectory()
        try CLITests.clean.write(toFile: dir + "/ok.yaml", atomically: true, encoding: .utf8)
        let (code, _, log) = try Self.sarif(["ok.yaml"], cwd: dir)
        #expect(code == 0)
        #expect(try Self.results(log).isEmpty)
        let driver = try #require((try Self.run(log)["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "argolint")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        let listed = try runCLI(["rules"]).out.split(separator: "\n").map { String($0.split(separator: " ")[0]) }
        #expect(rules.compactMap { $0["id"] as? String } == listed)
        for rule in rules {
            let id = try #require(rule["id"] as? String)
            let doc = try String(contentsOfFile: Repo.path("rules/\(id).md"), encoding: .utf8)
            let help = try #require(rule["help"] as? [String: String])
            #expect(help["markdown"] == doc, "\(id): help.markdown is not rules/\(id).md")
            #expect(help["text"]?.isEmpty == false)
            #expect((rule["shortDescription"] as? [String: String])?["text"] == RuleRegistry.rule(id: id)?.info.summary)
            let full = try #require((rule["fullDescription"] as? [String: String])?["text"])
            #expect(full.count > 40 && !full.contains("## "), "\(id): \(full)")
            let severity = try #require(RuleRegistry.rule(id: id)?.info.defaultSeverity)
            let level = ["error": "error", "warning": "warning", "info": "note"][severity.rawValue]
            #expect((rule["defaultConfiguration"] as? [String: String])?["level"] == level)
        }
        let dagCycle = try #require(rules.first { $0["id"] as? String == "dag-cycle" })
        #expect(dagCycle["name"] as? String == "DagCycle")
    }

    @Test func pathsAreRelativeToTheWorkingDirectoryElseAbsolute() throws {
        let dir = try temporaryDirectory()
        let outside = try temporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir + "/sub dir", withIntermediateDirectories: true)
        try CLITests.broken.write(toFile: dir + "/sub dir/wf.yaml", atomically: true, encoding: .utf8)
        try CLITests.broken.write(toFile: outside + "/far.yaml", atomically: true, encoding: .utf8)
        let (_, _, log) = try Self.sarif(["sub dir/wf.yaml", outside + "/far.yaml"], cwd: dir)
        let root = try #require(realpath(dir, nil).map { pointer in defer { free(pointer) }; return String(cString: pointer) })
        let far = try #require(realpath(outside + "/far.yaml", nil).map { pointer in defer { free(pointer) }; return String(cString: pointer) })
        let bases = try #require(try Self.run(log)["originalUriBaseIds"] as? [String: [String: String]])
        #expect(bases["%SRCROOT%"]?["uri"] == "file://" + root + "/")
        let artifacts = try Self.results(log).map(Self.artifact)
        #expect(artifacts.contains(["uri": "sub%20dir/wf.yaml", "uriBaseId": "%SRCROOT%"]))
        #expect(artifacts.contains(["uri": "file://" + far]))
        #expect(artifacts.count == 2)
    }

    @Test func fingerprintsSurviveLinesInsertedAbove() throws {
        let dir = try temporaryDirectory()
        try Self.workflow.write(toFile: dir + "/wf.yaml", atomically: true, encoding: .utf8)
        let before = try Self.results(try Self.sarif(["wf.yaml"], cwd: dir).log)
        let inserted = "# a comment\n# and another\n" + Self.workflow
        try inserted.write(toFile: dir + "/wf.yaml", atomically: true, encoding: .utf8)
        let after = try Self.results(try Self.sarif(["wf.yaml"], cwd: dir).log)
        #expect(before.count == after.count && before.count == 4)
        for (old, new) in zip(before, after) {
            #expect(try Self.region(new)["startLine"] == (try Self.region(old)["startLine"] ?? 0) + 2)
            #expect(try Self.fingerprint(new) == (try Self.fingerprint(old)), "\(old["ruleId"] ?? "") moved and changed its fingerprint")
        }
        // Two findings on the same text are told apart by occurrence, and all differ.
        let prints = try before.map(Self.fingerprint)
        #expect(Set(prints).count == prints.count)
        // A different finding text is a different fingerprint.
        try Self.workflow.replacingOccurrences(of: "{name: b, template: nope}", with: "{name: b, template: nada}")
            .write(toFile: dir + "/wf.yaml", atomically: true, encoding: .utf8)
        let changed = try Self.results(try Self.sarif(["wf.yaml"], cwd: dir).log)
        let last = try #require(changed.last)
        #expect(try Self.fingerprint(last) != (try Self.fingerprint(#require(before.last))))
        #expect(try Self.fingerprint(changed[0]) == (try Self.fingerprint(before[0])))
    }
}
