import Foundation
import Testing

/// The real binary, end to end: exit codes, formats, stdin, configuration.
@Suite(.serialized) struct CLITests {
    static let clean = """
    apiVersion: argoproj.io/v1alpha1
    kind: Workflow
    metadata:
      generateName: ok-
    spec:
      entrypoint: main
      templates:
        - name: main
          container:
            image: alpine

    """

    static let broken = """
    apiVersion: argoproj.io/v1alpha1
    kind: Workflow
    metadata:
      generateName: bad-
    spec:
      entrypoint: main
      templates:
        - name: main
          steps:
            - - name: one
                template: nope

    """

    @Test func cleanFileExitsZeroAndPrintsNothing() throws {
        let dir = try temporaryDirectory()
        try Self.clean.write(toFile: dir + "/ok.yaml", atomically: true, encoding: .utf8)
        let result = try runCLI(["lint", "ok.yaml"], cwd: dir)
        #expect(result.code == 0)
        #expect(result.out.isEmpty)
    }

    @Test func errorExitsOneWithHumanOutput() throws {
        let dir = try temporaryDirectory()
        try Self.broken.write(toFile: dir + "/bad.yaml", atomically: true, encoding: .utf8)
        let result = try runCLI(["lint", "bad.yaml"], cwd: dir, environment: ["NO_COLOR": "1"])
        #expect(result.code == 1)
        let lines = result.out.components(separatedBy: "\n")
        #expect(lines[0] == "bad.yaml:11:23: error: template \"nope\" is not defined in this Workflow; templates are \"main\" [undefined-template]")
        #expect(lines[1] == " 11 |             template: nope")
        #expect(lines[2] == "    |                       ^~~~")
        #expect(!result.out.contains("\u{1B}["), "no colour when stdout is not a terminal")
    }

    @Test func jsonOutputHasTheDocumentedShape() throws {
        let dir = try temporaryDirectory()
        try Self.broken.write(toFile: dir + "/bad.yaml", atomically: true, encoding: .utf8)
        try Self.clean.write(toFile: dir + "/ok.yaml", atomically: true, encoding: .utf8)
        let result = try runCLI(["lint", "--format", "json", "."], cwd: dir)
        #expect(result.code == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["tool", "diagnostics", "summary"])
        let tool = try #require(object["tool"] as? [String: Any])
        #expect(tool["name"] as? String == "argolint")
        let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.count == 1)
        let d = diagnostics[0]
        #expect(Set(d.keys) == ["file", "line", "column", "endLine", "endColumn", "severity", "rule", "message"])
        #expect(d["file"] as? String == "bad.yaml")
        #expect(d["line"] as? Int == 11 && d["column"] as? Int == 23)
        #expect(d["endLine"] as? Int == 11 && d["endColumn"] as? Int == 27)
        #expect(d["rule"] as? String == "undefined-template")
        let summary = try #require(object["summary"] as? [String: Int])
        #expect(summary == ["files": 2, "errors": 1, "warnings": 0, "infos": 0])
        // Deterministic: a second run prints the same bytes.
        #expect(try runCLI(["lint", "--format", "json", "."], cwd: dir).out == result.out)
    }

    @Test func jsonCarriesFixes() throws {
        let dir = try temporaryDirectory()
        let yaml = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: fix-}
        spec:
          entrypoint: x
          templates:
            - name: x
              dag:
                tasks:
                  - {name: alpha, template: leaf}
                  - {name: b, template: leaf, dependencies: [alpa]}
            - name: leaf
              container: {image: alpine}

        """
        try yaml.write(toFile: dir + "/f.yaml", atomically: true, encoding: .utf8)
        let result = try runCLI(["lint", "--format", "json", "f.yaml"], cwd: dir)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        let d = try #require((object["diagnostics"] as? [[String: Any]])?.first)
        let fix = try #require(d["fix"] as? [String: Any])
        let edits = try #require(fix["edits"] as? [[String: Any]])
        #expect(edits.count == 1)
        #expect(edits[0]["newText"] as? String == "alpha")
        #expect(edits[0]["line"] as? Int == 11 && edits[0]["column"] as? Int == 54 && edits[0]["endColumn"] as? Int == 58)
    }

    @Test func stdinUsesTheGivenFilename() throws {
        let result = try runCLI(["lint", "--format", "github", "--stdin-filename", "wf/from-stdin.yaml", "-"], stdin: Self.broken)
        #expect(result.code == 1)
        #expect(result.out == "::error file=wf/from-stdin.yaml,line=11,col=23,endLine=11,endColumn=27,title=argolint (undefined-template)::template \"nope\" is not defined in this Workflow; templates are \"main\"\n")
        let unnamed = try runCLI(["lint", "--format", "json", "-"], stdin: Self.broken)
        #expect(unnamed.out.contains("\"file\": \"<stdin>\""))
    }

    @Test func missingPathExitsTwoButStillLintsTheRest() throws {
        let dir = try temporaryDirectory()
        try Self.broken.write(toFile: dir + "/bad.yaml", atomically: true, encoding: .utf8)
        let result = try runCLI(["lint", "nope.yaml", "bad.yaml"], cwd: dir)
        #expect(result.code == 2)
        #expect(result.err.contains("nope.yaml: no such file or directory"))
        #expect(result.out.contains("bad.yaml:11:23"))
    }

    @Test func syntaxErrorIsAFindingNotExitTwo() throws {
        let result = try runCLI(["lint", "-"], stdin: "a: [1, 2\n")
        #expect(result.code == 1)
        #expect(result.out.contains("<stdin>:2:1: error:") || result.out.contains("<stdin>:2:"))
        #expect(result.out.contains("[yaml-syntax]"))
    }

    @Test func configurationSeveritiesAndIgnores() throws {
        let dir = try temporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir + "/vendor", withIntermediateDirectories: true)
        try Self.broken.write(toFile: dir + "/bad.yaml", atomically: true, encoding: .utf8)
        try Self.broken.write(toFile: dir + "/vendor/also-bad.yaml", atomically: true, encoding: .utf8)
        try "rules:\n  undefined-template: warning\nignore: [\"vendor/**\"]\n".write(toFile: dir + "/.argolint.yaml", atomically: true, encoding: .utf8)
        let result = try runCLI(["lint", "--format", "json", "."], cwd: dir)
        #expect(result.code == 0, "a warning does not fail the run")
        #expect(result.out.contains("\"severity\": \"warning\""))
        #expect(!result.out.contains("vendor"))
        // Named files are ignored too.
        let named = try runCLI(["lint", "vendor/also-bad.yaml"], cwd: dir)
        #expect(named.out.isEmpty)
        try "rules:\n  undefined-template: off\n".write(toFile: dir + "/.argolint.yaml", atomically: true, encoding: .utf8)
        #expect(try runCLI(["lint", "bad.yaml"], cwd: dir).out.isEmpty)
    }

    @Test func badConfigurationExitsTwoWithPositionAndSuggestion() throws {
        let dir = try temporaryDirectory()
        try Self.clean.write(toFile: dir + "/ok.yaml", atomically: true, encoding: .utf8)
        try "dialect: argo\nrulez:\n  dag-cycle: error\n".write(toFile: dir + "/.argolint.yaml", atomically: true, encoding: .utf8)
        let result = try runCLI(["lint", "ok.yaml"], cwd: dir)
        #expect(result.code == 2)
        #expect(result.err.contains(".argolint.yaml:2:1: unknown configuration key \"rulez\"; did you mean \"rules\"?"))
        try "rules:\n  dag-cycles: error\n".write(toFile: dir + "/.argolint.yaml", atomically: true, encoding: .utf8)
        let unknownRule = try runCLI(["lint", "ok.yaml"], cwd: dir)
        #expect(unknownRule.code == 2)
        #expect(unknownRule.err.contains(".argolint.yaml:2:3: unknown rule \"dag-cycles\"; did you mean \"dag-cycle\"?"))
        try "rules:\n  dag-cycle: fatal\n".write(toFile: dir + "/.argolint.yaml", atomically: true, encoding: .utf8)
        #expect(try runCLI(["lint", "ok.yaml"], cwd: dir).err.contains("2:14: unknown severity \"fatal\""))
    }

    @Test func crossFileTemplateRefsResolveFromTheProject() throws {
        let dir = try temporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir + "/templates", withIntermediateDirectories: true)
        try "".write(toFile: dir + "/.argolint.yaml", atomically: true, encoding: .utf8)
        try """
        apiVersion: argoproj.io/v1alpha1
        kind: WorkflowTemplate
        metadata: {name: shared}
        spec:
          templates:
            - name: hello
              container: {image: alpine}

        """.write(toFile: dir + "/templates/shared.yaml", atomically: true, encoding: .utf8)
        try """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: uses-}
        spec:
          entrypoint: main
          templates:
            - name: main
              steps:
                - - name: a
                    templateRef: {name: shared, template: hello}
                - - name: b
                    templateRef: {name: shared, template: helo}
                - - name: c
                    templateRef: {name: elsewhere, template: x}

        """.write(toFile: dir + "/wf.yaml", atomically: true, encoding: .utf8)
        // Only wf.yaml is named (as pre-commit does); the WorkflowTemplate comes from the project.
        let result = try runCLI(["lint", "--format", "json", "wf.yaml"], cwd: dir)
        #expect(result.code == 1)
        #expect(result.out.contains("WorkflowTemplate \\\"shared\\\" has no template \\\"helo\\\"; did you mean \\\"hello\\\"?"))
        #expect(result.out.contains("\"severity\": \"warning\", \"rule\": \"undefined-template\", \"message\": \"templateRef names WorkflowTemplate \\\"elsewhere\\\""))
    }

    @Test func rulesAndExplain() throws {
        let rules = try runCLI(["rules"])
        #expect(rules.code == 0)
        #expect(rules.out.contains("dag-cycle"))
        #expect(rules.out.components(separatedBy: "\n").filter { !$0.isEmpty }.count >= 14)
        let explain = try runCLI(["explain", "dag-cycle"])
        #expect(explain.code == 0)
        #expect(explain.out.hasPrefix("# dag-cycle\n"))
        let unknown = try runCLI(["explain", "dag-cycel"])
        #expect(unknown.code != 0)
        #expect(unknown.err.contains("did you mean \"dag-cycle\"?"))
    }

    @Test func usageErrorExitsTwo() throws {
        #expect(try runCLI(["lint", "--format", "xml", "x.yaml"]).code == 2)
        #expect(try runCLI(["lint", "--dialect", "klingon", "x.yaml"]).code == 2)
    }
}
