import Foundation
import Testing

/// `argolint run`, `test` and `mock serve` through the real binary, with the
/// real responder on 127.0.0.1. Every URL in the fixtures names a host under
/// .invalid, which never resolves: a run that gets its stubbed answers proves
/// the runner sent everything to the responder and contacted nothing else.
@Suite(.serialized) struct SandboxCLITests {
    private func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func everyFixtureScenarioPasses() throws {
        let result = try runCLI(["test", Repo.path("fixtures/scenarios")])
        #expect(result.code == 0, "\(result.out)\(result.err)")
        #expect(!result.out.contains("FAIL"))
        #expect(result.out.contains("PASS  the third attempt succeeds"))
        #expect(result.out.hasSuffix("13 passed, 0 failed\n"))
    }

    @Test func seedWorkflowRunsAsWrittenUnderTheSeedDialect() throws {
        let result = try runCLI(["run", Repo.path("fixtures/workflows/seed-http.yaml"), "--mock", Repo.path("fixtures/mocks/seed.yaml"),
                                 "--dialect", "seed", "--format", "json", "--seed", "3"])
        #expect(result.code == 0, "\(result.err)")
        let report = try json(result.out)
        #expect(report["phase"] as? String == "Succeeded")
        #expect(report["workflow"] as? String == "http-example-")
        let name = try #require(report["name"] as? String)
        #expect(name.hasPrefix("http-example-") && name.count == 18)
        let requests = try #require(report["requests"] as? [[String: Any]])
        #expect(requests.map { $0["url"] as? String } == ["http://example.com/api/data", "http://example.com/api/process"])
        #expect((report["unmatched"] as? [Any])?.isEmpty == true)
        // Findings that do not stop the run come with the report.
        let rules = (report["diagnostics"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String }
        #expect(rules.contains("http-body-json"))
        // --seed makes the generated name and uid repeatable.
        let again = try json(try runCLI(["run", Repo.path("fixtures/workflows/seed-http.yaml"), "--mock", Repo.path("fixtures/mocks/seed.yaml"),
                                         "--dialect", "seed", "--format", "json", "--seed", "3"]).out)
        #expect(again["name"] as? String == name && again["uid"] as? String == report["uid"] as? String)
    }

    @Test func theSeedWorkflowIsRefusedUnderTheArgoDialect() throws {
        let result = try runCLI(["run", Repo.path("fixtures/workflows/seed-http.yaml"), "--mock", Repo.path("fixtures/mocks/seed.yaml")])
        #expect(result.code == 2)
        #expect(result.out.contains("[unresolved-variable]"))
        #expect(result.err.contains("not run:"))
    }

    @Test func humanReportShowsTheTreeAndMaskedTrace() throws {
        let dir = try temporaryDirectory()
        let scenario = dir + "/s.yaml"
        try """
        workflow: \(Repo.path("fixtures/workflows/sandbox/fan-out.yaml"))
        expect: {phase: Succeeded}
        """.write(toFile: scenario, atomically: true, encoding: .utf8)
        let result = try runCLI(["run", Repo.path("fixtures/workflows/sandbox/fan-out.yaml"), "--mock", Repo.path("fixtures/mocks/api.yaml"),
                                 "--secrets", Repo.path("fixtures/secrets/api.yaml"), "--trace"])
        #expect(result.code == 0, "\(result.out)\(result.err)")
        #expect(result.out.contains("Phase:     Succeeded"))
        #expect(result.out.contains("items(2:3)"))
        #expect(result.out.contains("> Authorization: ***"))
        #expect(!result.out.contains("FAKE-fixture-token-value-0001"))
        #expect(result.out.contains("container template not executed"))
    }

    @Test func requestsToHostsThatDoNotExistReachOnlyTheResponder() throws {
        let dir = try temporaryDirectory()
        try """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {name: lost}
        spec:
          entrypoint: call
          templates:
            - name: call
              http: {url: "http://nowhere.example.invalid/missing"}
        """.write(toFile: dir + "/wf.yaml", atomically: true, encoding: .utf8)
        try "mappings:\n  - {request: {url: /elsewhere}, response: {status: 200}}\n".write(toFile: dir + "/mocks.yaml", atomically: true, encoding: .utf8)
        let result = try runCLI(["run", dir + "/wf.yaml", "--mock", dir + "/mocks.yaml", "--format", "json"])
        #expect(result.code == 1)
        let report = try json(result.out)
        #expect(report["phase"] as? String == "Failed")
        let unmatched = try #require(report["unmatched"] as? [[String: Any]])
        #expect(unmatched.first?["url"] as? String == "http://nowhere.example.invalid/missing")
        let node = try #require((report["nodes"] as? [[String: Any]])?.first)
        #expect(node["message"] as? String == "received non-2xx response code: 404")
    }

    @Test func badMocksAreReportedWithPositionsAndNothingRuns() throws {
        let dir = try temporaryDirectory()
        try """
        mappings:
          - request: {method: GET, urlPth: /x}
            response: {status: 200}
        """.write(toFile: dir + "/mocks.yaml", atomically: true, encoding: .utf8)
        let result = try runCLI(["run", Repo.path("fixtures/workflows/sandbox/timeout.yaml"), "--mock", dir + "/mocks.yaml"])
        #expect(result.code == 2)
        #expect(result.err.contains("mocks.yaml:2:28:"), "\(result.err)")
        let serve = try runCLI(["mock", "serve", dir + "/mocks.yaml"])
        #expect(serve.code == 2)
        #expect(serve.err.contains("mocks.yaml:2:28:"))
    }

    @Test func aFailingScenarioPrintsTheDifferenceAndExitsOne() throws {
        let dir = try temporaryDirectory()
        try """
        workflow: \(Repo.path("fixtures/workflows/sandbox/timeout.yaml"))
        mocks: \(Repo.path("fixtures/mocks/api.yaml"))
        expect:
          phase: Succeeded
          nodes: {timeout: Succeeded}
        """.write(toFile: dir + "/s.yaml", atomically: true, encoding: .utf8)
        let result = try runCLI(["test", dir + "/s.yaml"])
        #expect(result.code == 1)
        #expect(result.out.contains("FAIL  s.yaml"))
        #expect(result.out.contains("expected the workflow to be Succeeded, but it Failed"))
        #expect(result.out.contains("s.yaml:5:11: expected node \"timeout\" to be Succeeded, but it Failed: Get \"http://api.example.invalid/v1/slow\": context deadline exceeded"))
        #expect(result.out.hasSuffix("0 passed, 1 failed\n"))
    }

    @Test func aBrokenScenarioFileExitsTwoWithItsPosition() throws {
        let dir = try temporaryDirectory()
        try "workflow: w.yaml\nexpekt: {}\n".write(toFile: dir + "/s.yaml", atomically: true, encoding: .utf8)
        let result = try runCLI(["test", dir + "/s.yaml"])
        #expect(result.code == 2)
        #expect(result.err.contains("s.yaml:2:1: unknown scenario key \"expekt\"; did you mean \"expect\"?"))
    }

    @Test func mockServeAnswersARealClient() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Repo.binary)
        process.arguments = ["mock", "serve", Repo.path("fixtures/mocks/api.yaml")]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        defer { process.terminate(); process.waitUntilExit() }
        let firstLine = String(decoding: out.fileHandleForReading.availableData, as: UTF8.self)
        let port = try #require(firstLine.split(separator: ":").last.flatMap { Int($0.prefix { $0.isNumber }) })
        let (status, body) = try httpGet(port: port, target: "http://api.example.invalid/v1/orders?x=1")
        #expect(status == 200)
        #expect(body.contains("\"orders\""))
        let (journalStatus, journal) = try httpGet(port: port, target: "/__admin/requests")
        #expect(journalStatus == 200)
        #expect(journal.contains("api.example.invalid"))
    }
}

/// A blocking HTTP/1.1 GET over a plain socket to 127.0.0.1: no resolver involved.
func httpGet(port: Int, target: String) throws -> (Int, String) {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw POSIXError(.EIO) }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
    let request = "GET \(target) HTTP/1.1\r\nHost: example\r\nConnection: close\r\n\r\n"
    _ = request.withCString { send(fd, $0, strlen($0), 0) }
    var data = [UInt8]()
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let n = recv(fd, &buffer, buffer.count, 0)
        if n <= 0 { break }
        data += buffer[0..<n]
    }
    let text = String(decoding: data, as: UTF8.self)
    let status = Int(text.split(separator: " ").dropFirst().first ?? "") ?? 0
    let body = text.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
    return (status, body)
}
