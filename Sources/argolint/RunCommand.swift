import ArgumentParser
import ArgoLint
import ArgoModel
import ArgoRun
import ArgoSemantics
import Foundation
import YAMLTree

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a workflow in the sandbox against a mock HTTP responder.",
        discussion: """
        The workflow is linted first; findings that make it impossible to run (YAML, schema, \
        references, cycles, expression syntax) refuse it with exit 2, the others are printed with \
        the report. HTTP templates send their requests to a mock responder on 127.0.0.1 serving \
        MOCKS (WireMock stub mappings), whatever host their URL names; nothing else is contacted. \
        Container, script and other leaves are not executed: they succeed with an empty result. \
        Time is virtual: delays, timeouts and retry backoff take no real time. \
        Exit codes: 0 the workflow Succeeded, 1 it did not, 2 refused or unusable input.
        """
    )

    @Argument(help: "The workflow manifest to run.")
    var workflow: String

    @Option(help: "Stub mappings: a file or a folder of WireMock JSON or YAML files.")
    var mock: String?

    @Option(help: "Secret manifests (a file or a folder) whose values the run may read.")
    var secrets: [String] = []

    @Option(name: .short, help: "A workflow parameter, as name=value (repeatable).")
    var parameter: [String] = []

    @Option(help: "Dialect of HTTP templates and expressions: argo (upstream) or seed.")
    var dialect: Dialect?

    @Option(help: "Seed for the generated name suffix and uid.")
    var seed: UInt64 = 0

    @Option(help: "Output format: human or json.")
    var format: RunFormat = .human

    @Flag(help: "Show every request and response (headers and bodies; secrets masked).")
    var trace = false

    @Option(help: "Requests in flight at once.")
    var concurrency: Int = 32

    mutating func run() throws {
        var parameters: [(name: String, value: String)] = []
        for entry in parameter {
            guard let equals = entry.firstIndex(of: "="), equals != entry.startIndex else {
                throw ValidationError("-p takes name=value, got \"\(entry)\"")
            }
            parameters.append((String(entry[..<equals]), String(entry[entry.index(after: equals)...])))
        }
        let request = SandboxRequest(workflow: workflow, mocks: mock.map { [$0] } ?? [], secrets: secrets, parameters: parameters,
                                     dialect: dialect, seed: seed, stubs: [:], concurrency: concurrency)
        let outcome: SandboxOutcome
        do {
            outcome = try Sandbox.run(request)
        } catch let refusal as SandboxRefusal {
            if format == .json {
                Console.out(RunJSON.refusal(refusal))
            } else {
                if !refusal.diagnostics.isEmpty {
                    Console.out(HumanFormatter(colour: Terminal.wantsColour).format(refusal.diagnostics, summary: LintSummary(reports: refusal.reports)))
                }
                Console.error(refusal.message)
            }
            throw ExitCode(2)
        }
        switch format {
        case .human: Console.out(RunHuman.format(outcome, trace: trace))
        case .json: Console.out(RunJSON.format(outcome))
        }
        throw ExitCode(outcome.report.phase == .succeeded ? 0 : 1)
    }
}

enum RunFormat: String, ExpressibleByArgument, CaseIterable {
    case human, json
}
