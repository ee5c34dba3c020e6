import Foundation
import Testing
import ArgoModel
import ArgoRun
import ArgoSemantics
import YAMLTree

/// Answers requests from a script keyed by "METHOD path", in call order per key;
/// records what it was sent. The runner's scheduling and judging are tested
/// with it; the real responder is exercised end to end in the CLI tests.
final class ScriptedTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var script: [String: [TransportOutcome]]
    private(set) var sent: [OutgoingRequest] = []

    init(_ script: [String: [TransportOutcome]]) { self.script = script }

    func send(_ request: OutgoingRequest) async -> TransportOutcome {
        lock.withLock { next(for: request) }
    }

    private func next(for request: OutgoingRequest) -> TransportOutcome {
        sent.append(request)
        let path = request.url.split(separator: "/", maxSplits: 3).dropFirst(2).first.map { "/" + $0 } ?? request.url
        let key = "\(request.method) \(path)"
        guard var queue = script[key], !queue.isEmpty else {
            return .response(IncomingResponse(status: 404, headers: [], body: Array("Request was not matched".utf8)))
        }
        let next = queue.count > 1 ? queue.removeFirst() : queue[0]
        script[key] = queue
        return next
    }
}

func ok(_ status: Int = 200, _ body: String = "", delayMs: Int? = nil) -> TransportOutcome {
    var headers: [(name: String, value: String)] = [("Content-Type", "application/json")]
    if let delayMs { headers.append(("X-Argolint-Delay-Ms", String(delayMs))) }
    return .response(IncomingResponse(status: status, headers: headers, body: Array(body.utf8)))
}

func runWorkflow(_ yaml: String, dialect: Dialect = .argo, transport: ScriptedTransport, secrets: String? = nil,
                 stubs: [String: LeafStub] = [:]) async throws -> RunReport {
    let file = SourceFile(path: "wf.yaml", bytes: Array(yaml.utf8))
    let parsed = YAMLParser.parse(file)
    guard let document = parsed.documents.first, case .argo(let resource) = Manifest.decode(document) else {
        throw CocoaError(.fileReadCorruptFile)
    }
    var values = SecretValues()
    if let secrets { _ = values.load(SourceFile(path: "secret.yaml", bytes: Array(secrets.utf8))) }
    let semantics = WorkflowSemantics(resource: resource, workspace: Workspace(resources: [], secrets: []), dialect: dialect)
    let runner = Runner(semantics: semantics, transport: transport, options: RunOptions(dialect: dialect, seed: 7, secrets: values, stubs: stubs))
    return await runner.run()
}

func phases(_ report: RunReport) -> [String: String] {
    var result: [String: String] = [:]
    for node in report.nodes { result[node.displayName] = node.phase.rawValue }
    return result
}

@Suite struct RunnerSemanticsTests {
    static let seed = """
    apiVersion: argoproj.io/v1alpha1
    kind: Workflow
    metadata:
      generateName: http-example-
    spec:
      entrypoint: main
      templates:
        - name: main
          dag:
            tasks:
              - name: get-data
                template: http-get
              - name: process-data
                template: http-post
                dependencies: [get-data]
        - name: http-get
          http:
            url: http://example.com/api/data
            method: GET
            successCondition: status_code == 200
        - name: http-post
          http:
            url: http://example.com/api/process
            method: POST
            successCondition: status_code == 201
            contentType: application/json
            body: |
              {"workflow_id": "{{workflow.uid}}", "input_data": "{{tasks.get-data.outputs.result}}"}
    """

    @Test func seedWorkflowPassesTheGetResponseToThePost() async throws {
        let transport = ScriptedTransport(["GET /api": [ok(200, "hello")], "POST /api": [ok(201, "done")]])
        let report = try await runWorkflow(Self.seed, dialect: .seed, transport: transport)
        #expect(report.phase == .succeeded)
        #expect(report.workflowName.hasPrefix("http-example-") && report.workflowName.count == "http-example-".count + 5)
        #expect(phases(report)["get-data"] == "Succeeded")
        #expect(phases(report)["process-data"] == "Succeeded")
        let post = try #require(transport.sent.first { $0.method == "POST" })
        let body = String(decoding: post.body, as: UTF8.self)
        #expect(body.contains("\"input_data\": \"hello\""))
        #expect(body.contains(report.uid))
        #expect(post.headers.contains { $0.name == "Content-Type" && $0.value == "application/json" })
        #expect(report.nodes.first { $0.displayName == "process-data" }?.path == "\(report.workflowName).process-data")
    }

    @Test func aFailedPostFailsTheWorkflowAndKeepsTheBody() async throws {
        let transport = ScriptedTransport(["GET /api": [ok(200, "x")], "POST /api": [ok(500, "boom")]])
        let report = try await runWorkflow(Self.seed, dialect: .seed, transport: transport)
        #expect(report.phase == .failed)
        let post = try #require(report.nodes.first { $0.displayName == "process-data" })
        #expect(post.phase == .failed)
        #expect(post.message == "successCondition 'status_code == 201' evaluated false")
        #expect(post.result == "boom")
    }

    @Test func retriesUntilTheThirdAttemptSucceeds() async throws {
        let yaml = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {name: retry}
        spec:
          entrypoint: main
          templates:
            - name: main
              steps:
                - - name: call
                    template: flaky
            - name: flaky
              retryStrategy: {limit: 2, backoff: {duration: "5", factor: 2}}
              http: {url: "http://api.invalid/x"}
        """
        let transport = ScriptedTransport(["GET /x": [ok(503), ok(503), ok(200, "fine")]])
        let report = try await runWorkflow(yaml, transport: transport)
        #expect(report.phase == .succeeded)
        let call = try #require(report.nodes.first { $0.displayName == "call" })
        #expect(call.type == .retry)
        #expect(call.attempts == 3)
        #expect(call.children.map { $0.split(separator: ".").last.map(String.init) ?? "" } == ["call(0)", "call(1)", "call(2)"])
        #expect(phases(report)["call(0)"] == "Failed")
        #expect(phases(report)["call(2)"] == "Succeeded")
        // Backoff on the virtual clock: 5 s, then 10 s.
        #expect(report.finishedAt == 15)
    }

    @Test func anExhaustedRetrySaysSo() async throws {
        let yaml = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {name: retry}
        spec:
          entrypoint: flaky
          templates:
            - name: flaky
              retryStrategy: {limit: 1}
              http: {url: "http://api.invalid/x"}
        """
        let report = try await runWorkflow(yaml, transport: ScriptedTransport(["GET /x": [ok(503)]]))
        #expect(report.phase == .failed)
        #expect(report.nodes.first?.message == "No more retries left")
    }

    @Test func timeoutFailsTheNodeOnTheVirtualClock() async throws {
        let yaml = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {name: slow}
        spec:
          entrypoint: slow
          templates:
            - name: slow
              http: {url: "http://api.invalid/slow", timeoutSeconds: 2}
        """
        let report = try await runWorkflow(yaml, transport: ScriptedTransport(["GET /slow": [ok(200, "late", delayMs: 5000)]]))
        #expect(report.phase == .failed)
        #expect(report.nodes.first?.message == "Get \"http://api.invalid/slow\": context deadline exceeded")
        #expect(report.nodes.first?.finishedAt == 2)
    }

    @Test func dependsOnFailureBranches() async throws {
        let yaml = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {name: branches}
        spec:
          entrypoint: main
          templates:
            - name: main
              dag:
                tasks:
                  - {name: a, template: call}
                  - {name: on-fail, template: call, depends: "a.Failed"}
                  - {name: on-ok, template: call, depends: "a"}
            - name: call
              http: {url: "http://api.invalid/a"}
        """
        let report = try await runWorkflow(yaml, transport: ScriptedTransport(["GET /a": [ok(500), ok(200)]]))
        #expect(phases(report)["a"] == "Failed")
        #expect(phases(report)["on-fail"] == "Succeeded")
        #expect(phases(report)["on-ok"] == "Omitted")
        #expect(report.nodes.first { $0.displayName == "on-ok" }?.message == "omitted: depends condition not met")
        // The omitted branch inherits a's failure, as upstream's assessDAGPhase decides.
        #expect(report.phase == .failed)
    }

    @Test func withItemsFansOutWithUpstreamNames() async throws {
        let yaml = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {name: fan}
        spec:
          entrypoint: main
          templates:
            - name: main
              dag:
                tasks:
                  - name: call
                    template: get
                    arguments: {parameters: [{name: id, value: "{{item.id}}"}]}
                    withItems: [{id: 1, kind: a}, {id: 2, kind: b}]
            - name: get
              inputs: {parameters: [{name: id}]}
              http: {url: "http://api.invalid/items/{{inputs.parameters.id}}"}
        """
        let transport = ScriptedTransport(["GET /items": [ok(200)]])
        let report = try await runWorkflow(yaml, transport: transport)
        #expect(report.phase == .succeeded)
        #expect(report.nodes.map(\.displayName).contains("call(0:id:1,kind:a)"))
        #expect(report.nodes.map(\.displayName).contains("call(1:id:2,kind:b)"))
        #expect(Set(transport.sent.map(\.url)) == ["http://api.invalid/items/1", "http://api.invalid/items/2"])
    }

    @Test func exitHandlerRunsAfterAFailure() async throws {
        let yaml = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {name: exits}
        spec:
          entrypoint: main
          onExit: notify
          templates:
            - name: main
              http: {url: "http://api.invalid/main"}
            - name: notify
              http: {url: "http://api.invalid/notify?status={{workflow.status}}"}
        """
        let transport = ScriptedTransport(["GET /main": [ok(500)], "GET /notify?status=Failed": [ok(200)]])
        let report = try await runWorkflow(yaml, transport: transport)
        #expect(report.phase == .failed)
        #expect(report.nodes.last?.displayName == "exits.onExit")
        #expect(report.nodes.last?.phase == .succeeded)
        #expect(transport.sent.last?.url == "http://api.invalid/notify?status=Failed")
    }

    @Test func secretHeaderIsSentButMaskedInTheReport() async throws {
        let yaml = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {name: secret}
        spec:
          entrypoint: call
          templates:
            - name: call
              http:
                url: "http://api.invalid/s"
                headers:
                  - name: Authorization
                    valueFrom: {secretKeyRef: {name: api, key: token}}
        """
        let secret = """
        apiVersion: v1
        kind: Secret
        metadata: {name: api}
        stringData: {token: Bearer s3cr3t-value}
        """
        let transport = ScriptedTransport(["GET /s": [ok(200)]])
        let report = try await runWorkflow(yaml, transport: transport, secrets: secret)
        #expect(transport.sent.first?.headers.first { $0.name == "Authorization" }?.value == "Bearer s3cr3t-value")
        #expect(report.requests.first?.headers.first { $0.name == "Authorization" }?.value == "***")
    }

    @Test func continueOnLetsTheStepsGoOn() async throws {
        let yaml = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {name: cont}
        spec:
          entrypoint: main
          templates:
            - name: main
              steps:
                - - {name: may-fail, template: call, continueOn: {failed: true}}
                - - {name: after, template: call}
            - name: call
              http: {url: "http://api.invalid/c"}
        """
        let report = try await runWorkflow(yaml, transport: ScriptedTransport(["GET /c": [ok(500), ok(200)]]))
        #expect(phases(report)["may-fail"] == "Failed")
        #expect(phases(report)["after"] == "Succeeded")
        #expect(report.phase == .succeeded)
    }

    @Test func parallelismQueuesChildrenOnTheVirtualClock() async throws {
        let yaml = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {name: limited}
        spec:
          entrypoint: main
          templates:
            - name: main
              parallelism: 2
              dag:
                tasks:
                  - {name: a, template: slow}
                  - {name: b, template: slow}
                  - {name: c, template: slow}
                  - {name: d, template: slow}
                  - {name: e, template: slow, dependencies: [a]}
            - name: slow
              http: {url: "http://api.invalid/slow"}
        """
        let report = try await runWorkflow(yaml, transport: ScriptedTransport(["GET /slow": [ok(200, delayMs: 1000)]]))
        let starts = Dictionary(uniqueKeysWithValues: report.nodes.map { ($0.displayName, $0.startedAt) })
        #expect(starts["a"] == 0 && starts["b"] == 0)
        #expect(starts["c"] == 1 && starts["d"] == 1)
        // e is ready at 1 (after a), and waits for a slot until 2.
        #expect(starts["e"] == 2)
        #expect(report.finishedAt == 3)
    }

    @Test func loopItemsShareTheTemplateParallelism() async throws {
        let yaml = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {name: limited}
        spec:
          entrypoint: main
          templates:
            - name: main
              parallelism: 1
              steps:
                - - {name: each, template: slow, withSequence: {count: "3"}}
            - name: slow
              http: {url: "http://api.invalid/slow"}
        """
        let report = try await runWorkflow(yaml, transport: ScriptedTransport(["GET /slow": [ok(200, delayMs: 500)]]))
        #expect(report.nodes.filter { $0.displayName.hasPrefix("each(") }.map(\.startedAt) == [0, 0.5, 1])
        #expect(report.nodes.map(\.displayName).contains("each(2:2)"))
        #expect(report.finishedAt == 1.5)
    }

    @Test func retryPoliciesFollowUpstream() async throws {
        func run(_ strategy: String, _ outcomes: [TransportOutcome]) async throws -> RunNode? {
            let yaml = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: policy}
            spec:
              entrypoint: call
              templates:
                - name: call
                  retryStrategy: \(strategy)
                  http: {url: "http://api.invalid/p"}
            """
            return try await runWorkflow(yaml, transport: ScriptedTransport(["GET /p": outcomes])).nodes.first
        }
        // OnError never retries a Failed attempt; the parent takes the child's message.
        let onError = try await run("{limit: 3, retryPolicy: OnError}", [ok(500), ok(200)])
        #expect(onError?.attempts == 1)
        #expect(onError?.message == "received non-2xx response code: 500")
        // The default, OnFailure, retries it.
        let byDefault = try await run("{limit: 3}", [ok(500), ok(200)])
        #expect(byDefault?.attempts == 2 && byDefault?.phase == .succeeded)
        // With an expression the default is Always, and the expression decides.
        let expression = try await run("{limit: 5, expression: \"lastRetry.status == 'Failed' && asInt(retries) < 1\"}", [ok(500)])
        #expect(expression?.attempts == 2)
    }
}
