import ArgumentParser
import ArgoLint
import ArgoRun
import ArgoSemantics
import Foundation
import YAMLTree

struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run behaviour scenarios: a workflow, mocks, and the outcome it must have.",
        discussion: """
        A SCENARIO is a YAML file naming a workflow, its mocks (WireMock stub mappings), secrets, \
        parameters, stubs for container templates, inline responses by call number, and the \
        expected outcome (workflow phase, node phases and outputs, requests sent). A folder is \
        searched for such files. Each scenario prints PASS or FAIL with every difference between \
        expectation and run. Exit codes: 0 all passed, 1 a scenario failed, 2 a scenario file or \
        its inputs are unusable.
        """
    )

    @Argument(help: "Scenario files or folders (default: the current folder).")
    var scenarios: [String] = []

    @Flag(help: "Print each scenario's run report, as run --format human does.")
    var verbose = false

    mutating func run() throws {
        var files: [String] = []
        var unusable = false
        for path in scenarios.isEmpty ? ["."] : scenarios {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                Console.error("\(path): no such file or directory")
                unusable = true
                continue
            }
            files += isDirectory.boolValue ? Project.yamlFiles(under: path).filter(Self.looksLikeScenario) : [path]
        }
        var passed = 0, failed = 0
        for file in files {
            let (loaded, issues) = ScenarioLoader.load(path: file)
            if !issues.isEmpty {
                for issue in issues { Console.error(issue.description) }
                unusable = true
                continue
            }
            for scenario in loaded {
                if run(scenario) { passed += 1 } else { failed += 1 }
            }
        }
        if files.isEmpty && !unusable { Console.error("no scenario files found") ; throw ExitCode(2) }
        Console.out("\(passed) passed, \(failed) failed\n")
        throw ExitCode(unusable ? 2 : failed > 0 ? 1 : 0)
    }

    /// Runs one scenario and prints its verdict; true when it passed.
    private func run(_ scenario: Scenario) -> Bool {
        let dialect = scenario.dialect.flatMap(Dialect.init(rawValue:))
        let extra = scenario.responses.enumerated().map { index, responses in
            (json: responses.stubMappingsJSON(index: index), origin: responses.location.description)
        }
        let request = SandboxRequest(workflow: scenario.workflow, mocks: scenario.mocks, extraStubs: extra, secrets: scenario.secrets,
                                     parameters: scenario.parameters, dialect: dialect, seed: scenario.seed, stubs: scenario.stubs,
                                     concurrency: 32)
        let label = "\(scenario.name)  (\(scenario.path))"
        do {
            let outcome = try Sandbox.run(request)
            let failures = ScenarioCheck.check(scenario.expect, report: outcome.report, unmatched: outcome.unmatched.count)
            if failures.isEmpty {
                Console.out("PASS  \(label)\n")
            } else {
                Console.out("FAIL  \(label)\n")
                for failure in failures { Console.out("      \(failure)\n") }
            }
            if verbose || !failures.isEmpty {
                let text = RunHuman.format(outcome, trace: verbose)
                Console.out(text.split(separator: "\n", omittingEmptySubsequences: false).map { "      | " + $0 }.joined(separator: "\n") + "\n")
            }
            return failures.isEmpty
        } catch let refusal as SandboxRefusal {
            Console.out("FAIL  \(label)\n      the workflow did not run: \(refusal.message)\n")
            for d in refusal.diagnostics where d.severity == .error {
                Console.out("      \(d.path):\(d.start.line):\(d.start.column): \(d.message) [\(d.rule)]\n")
            }
            return false
        } catch {
            Console.out("FAIL  \(label)\n      \(error)\n")
            return false
        }
    }

    /// In a folder, a scenario is a YAML file whose top level names a workflow and expectations.
    static func looksLikeScenario(_ path: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: path) else { return false }
        let parsed = YAMLParser.parse(SourceFile(path: path, bytes: [UInt8](data)))
        guard let root = parsed.documents.first?.root, root.isMapping else { return false }
        return root["workflow"] != nil && (root["expect"] != nil || root["tests"] != nil)
    }
}
