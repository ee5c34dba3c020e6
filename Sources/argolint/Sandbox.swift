import ArgoLint
import ArgoModel
import ArgoRun
import ArgoSemantics
import Foundation
import MockHTTP
import YAMLTree

/// What `run` and `test` ask of the sandbox.
struct SandboxRequest {
    init(workflow: String, mocks: [String], extraStubs: [(json: String, origin: String)] = [], secrets: [String], parameters: [(name: String, value: String)],
         dialect: Dialect?, seed: UInt64, stubs: [String: LeafStub], concurrency: Int) {
        self.workflow = workflow; self.mocks = mocks; self.extraStubs = extraStubs; self.secrets = secrets; self.parameters = parameters
        self.dialect = dialect; self.seed = seed; self.stubs = stubs; self.concurrency = concurrency
    }

    var workflow: String
    var mocks: [String]
    /// Stub mappings written by a scenario (`responses:`), as WireMock JSON, with where they come from.
    var extraStubs: [(json: String, origin: String)] = []
    var secrets: [String]
    var parameters: [(name: String, value: String)]
    var dialect: Dialect?
    var seed: UInt64
    var stubs: [String: LeafStub]
    var concurrency: Int
}

struct SandboxOutcome {
    var report: RunReport
    /// Requests no stub matched, as the responder journaled them.
    var unmatched: [JournalEntry]
    var diagnostics: [ResolvedDiagnostic]
    /// Secret values and literal credentials, for text the runner did not produce (the responder's journal).
    var masker: SecretMasker
}

/// A workflow the sandbox will not run, or input it cannot use.
struct SandboxRefusal: Error {
    var message: String
    var reports: [FileReport] = []
    var diagnostics: [ResolvedDiagnostic] { reports.resolved() }
}

/// Composes the linter, the responder and the runner: lint first, refuse
/// what cannot run, then serve the mocks on 127.0.0.1 and run.
enum Sandbox {
    /// Findings after which a run would not mean anything (DESIGN.md, Mocks).
    static let refusingRules: Set<String> = [
        "yaml-syntax", "yaml-duplicate-key", "schema-unknown-field", "schema-type", "schema-required", "template-type",
        "duplicate-name", "undefined-template", "undefined-dependency", "dag-cycle", "depends-syntax",
        "dependency-conflict", "expr-syntax", "unresolved-variable",
    ]

    static func run(_ request: SandboxRequest) throws -> SandboxOutcome {
        guard let bytes = FileManager.default.contents(atPath: request.workflow).map({ [UInt8]($0) }) else {
            throw SandboxRefusal(message: "\(request.workflow): cannot read the file")
        }
        let directory = (request.workflow as NSString).deletingLastPathComponent
        let project: Project
        do { project = try Project.discover(start: directory.isEmpty ? "." : directory, explicitConfigPath: nil) } catch {
            throw SandboxRefusal(message: error.message)
        }
        let dialect = request.dialect ?? project.configuration?.dialect ?? .argo
        let input = LintInput(path: request.workflow, bytes: bytes)
        let context = project.contextInputs(excluding: [Project.absolute(request.workflow)], extraSecretPaths: request.secrets)
        let options = LintOptions(dialect: dialect, severities: project.configuration?.severities ?? [:])
        // One session: it lints the workflow and holds the project's WorkflowTemplates the run resolves against.
        let session = Linter(options: options).session([input], context: context)
        let reports = session.check([input])
        let diagnostics = reports.resolved()
        let blocking = diagnostics.filter { $0.severity == .error && refusingRules.contains($0.rule) }
        if !blocking.isEmpty {
            throw SandboxRefusal(message: "\(request.workflow): not run: \(blocking.count) finding\(blocking.count == 1 ? "" : "s") make\(blocking.count == 1 ? "s" : "") the workflow impossible to run as written",
                                 reports: reports)
        }

        // The resource to run, from the workflow file.
        let file = SourceFile(path: request.workflow, bytes: bytes)
        var fileResources: [ArgoResource] = []
        for document in YAMLParser.parse(file).documents {
            if case .argo(let resource) = Manifest.decode(document) { fileResources.append(resource) }
        }
        // A Workflow first; else a CronWorkflow's workflow, else a WorkflowTemplate submitted as `argo submit --from` would.
        let workflowResource = fileResources.first { $0.kind == .workflow } ?? fileResources.first { $0.kind == .cronWorkflow }
            ?? fileResources.first { $0.kind.isReusableTemplate && $0.spec.entrypoint != nil }
        guard let resource = workflowResource else {
            throw SandboxRefusal(message: "\(request.workflow): nothing to run: the file holds no Workflow, no CronWorkflow, and no WorkflowTemplate with an entrypoint", reports: reports)
        }
        let semantics = WorkflowSemantics(resource: resource, workspace: session.workspace, dialect: dialect)

        // Secret values: --secrets, the configuration's secrets, and Secret manifests beside the workflow.
        var secretValues = SecretValues()
        var secretPaths = request.secrets
        if let root = project.root { secretPaths += (project.configuration?.secrets ?? []).map { (root as NSString).appendingPathComponent($0) } }
        var secretFiles: [String] = []
        for path in secretPaths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw SandboxRefusal(message: "--secrets \(path): no such file or directory")
            }
            secretFiles += isDirectory.boolValue ? Project.yamlFiles(under: path) : [path]
        }
        // Secret manifests in the workflow's own folder (not below it: a repository root would mean every file).
        let folder = directory.isEmpty ? "." : directory
        let beside = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        secretFiles += beside.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
            .map { (folder as NSString).appendingPathComponent($0) }.filter { $0 != request.workflow }
        for path in secretFiles {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            let issues = secretValues.load(SourceFile(path: path, bytes: [UInt8](data)))
            if let issue = issues.first, request.secrets.contains(where: { path.hasPrefix($0) }) {
                throw SandboxRefusal(message: "\(issue.path):\(issue.line):\(issue.column): \(issue.message)")
            }
        }

        // The responder: every stub file must load cleanly.
        var stubs: [StubMapping] = []
        for mocks in request.mocks {
            guard FileManager.default.fileExists(atPath: mocks) else { throw SandboxRefusal(message: "--mock \(mocks): no such file or directory") }
        }
        if !request.mocks.isEmpty {
            let loaded = StubLoader.load(paths: request.mocks)
            if !loaded.issues.isEmpty {
                throw SandboxRefusal(message: "the mocks cannot be used:\n" + loaded.issues.map(\.description).joined(separator: "\n"))
            }
            stubs = loaded.stubs
        }
        for extra in request.extraStubs {
            let loaded = StubLoader.parse(text: extra.json, path: extra.origin)
            if let issue = loaded.issues.first {
                throw SandboxRefusal(message: "\(extra.origin): these responses are not a valid WireMock response: \(issue.message)")
            }
            // Scenario responses are the test's own: they win over the shared mocks.
            stubs += loaded.stubs
        }
        let responder = MockResponder(stubs: stubs, delayMode: .virtual)
        let port: Int
        do { port = try responder.start(port: 0) } catch {
            throw SandboxRefusal(message: "cannot start the mock responder on 127.0.0.1: \(error)")
        }
        defer { responder.stop() }
        let client = ResponderClient(port: port, maxConcurrentRequests: request.concurrency)
        let runner = Runner(semantics: semantics, transport: client,
                            options: RunOptions(dialect: dialect, parameters: request.parameters, seed: request.seed,
                                                secrets: secretValues, stubs: request.stubs))
        // Literal credentials the linter found are masked in the report like Secret values.
        let literals = diagnostics.filter { $0.rule == "secret-hardcoded" }.map { $0.file.text(of: $0.diagnostic.span) }
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"' ")) }.filter { $0.count >= 4 }
        let report = Blocking.wait { await runner.run() }.masking(literals)
        let unmatched = responder.journal.filter { !$0.wasMatched }
        return SandboxOutcome(report: report, unmatched: unmatched, diagnostics: diagnostics, masker: SecretMasker(values: secretValues.allValues + literals))
    }
}

/// Runs async work to completion from synchronous command code.
enum Blocking {
    static func wait<T: Sendable>(_ work: @escaping @Sendable () async -> T) -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Task {
            box.value = await work()
            done.signal()
        }
        done.wait()
        guard let value = box.value else { fatalError("async work finished without a value") }
        return value
    }

    private final class ResultBox<T>: @unchecked Sendable {
        var value: T?
    }
}
