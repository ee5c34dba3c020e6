import Testing
import ArgoRun
import YAMLTree

private func parse(_ text: String) -> (scenarios: [Scenario], issues: [ScenarioIssue]) {
    ScenarioLoader.parse(SourceFile(path: "dir/s.yaml", bytes: Array(text.utf8)))
}

private func report(phase: NodePhase = .succeeded, nodes: [RunNode] = [], requests: [RequestRecord] = []) -> RunReport {
    RunReport(workflowName: "wf-abcde", declaredName: "wf-", uid: "u-1", phase: phase, message: "", nodes: nodes, requests: requests, finishedAt: 0)
}

private func node(_ name: String, _ phase: NodePhase, result: String? = nil, message: String = "") -> RunNode {
    var n = RunNode(path: "wf-abcde.\(name)", displayName: name, type: .http, template: "t")
    n.phase = phase
    n.result = result
    n.message = message
    return n
}

private func request(_ node: String, _ method: String, _ url: String, body: String = "", headers: [(name: String, value: String)] = []) -> RequestRecord {
    RequestRecord(node: node, nodePath: "wf-abcde.\(node)", method: method, url: url, headers: headers, body: body, startedAt: 0, finishedAt: 0)
}

@Suite struct ScenarioLoaderTests {
    @Test func sharedFieldsAndTestsCombine() {
        let (scenarios, issues) = parse("""
        workflow: ../w.yaml
        mocks: [m1.yaml, m2.yaml]
        dialect: seed
        tests:
          - name: one
            expect: {phase: Succeeded}
          - parameters: {x: "1"}
            expect: {phase: Failed}
        """)
        #expect(issues.isEmpty)
        #expect(scenarios.count == 2)
        #expect(scenarios[0].name == "one")
        #expect(scenarios[1].name == "s.yaml #2")
        #expect(scenarios[0].workflow == "dir/../w.yaml")
        #expect(scenarios[1].mocks == ["dir/m1.yaml", "dir/m2.yaml"])
        #expect(scenarios[1].parameters.map { "\($0.name)=\($0.value)" } == ["x=1"])
        #expect(scenarios[1].expect.phase == .failed)
    }

    @Test func misspeltKeysAndPhasesAreErrorsAtTheirPosition() {
        let (scenarios, issues) = parse("""
        workflow: w.yaml
        expect:
          phase: Succeded
          nodez: {a: Failed}
        """)
        #expect(scenarios.isEmpty)
        #expect(issues.map(\.description) == [
            "dir/s.yaml:3:10: \"Succeded\" is not a node phase; did you mean \"Succeeded\"?; phases are \"Pending\", \"Running\", \"Succeeded\", \"Failed\", \"Error\", \"Skipped\", \"Omitted\"",
            "dir/s.yaml:4:3: unknown expect key \"nodez\"; did you mean \"nodes\"?",
        ])
    }

    @Test func responsesByCallNumber() throws {
        let (scenarios, issues) = parse("""
        workflow: w.yaml
        responses:
          "GET http://api.invalid/x?y=1":
            "0-1": {status: 503}
            "2+": {status: 200}
        expect: {}
        """)
        #expect(issues.isEmpty)
        let responses = try #require(scenarios.first?.responses.first)
        #expect(responses.method == "GET")
        #expect(responses.calls.map(\.range.lowerBound) == [0, 2])
        let json = responses.stubMappingsJSON(index: 0)
        #expect(json.contains("\"requiredScenarioState\":\"Started\",\"newScenarioState\":\"call-1\""))
        #expect(json.contains("\"requiredScenarioState\":\"call-1\",\"newScenarioState\":\"call-2\""))
        #expect(json.contains("\"requiredScenarioState\":\"call-2\",\"request\""))
        #expect(json.contains("\"url\":\"/x?y=1\""))
        #expect(json.contains("\"host\":{\"equalTo\":\"api.invalid\"}"))
    }

    @Test func badCallNumbersAreReported() {
        let (_, issues) = parse("""
        workflow: w.yaml
        responses:
          "GET http://api.invalid/x":
            "first": {status: 503}
        """)
        #expect(issues.first?.location.line == 4)
        #expect(issues.first?.message.contains("is not a call number") == true)
    }
}

@Suite struct ScenarioCheckTests {
    @Test func passingExpectationsGiveNoFailures() {
        let (scenarios, _) = parse("""
        workflow: w.yaml
        expect:
          phase: Succeeded
          nodes: {get: {phase: Succeeded, resultJson: {a: "*", b: [1, true]}}}
          requests:
            - {node: get, method: GET, url: "http://h.invalid/p", headers: {accept: json}}
            - {bodyContains: "{{workflow.uid}}", count: 1}
          unmatched: 0
        """)
        let run = report(nodes: [node("get", .succeeded, result: #"{"a": 1, "b": [1, true], "c": null}"#)],
                         requests: [request("get", "GET", "http://h.invalid/p", body: "id=u-1", headers: [("Accept", "json")])])
        let failures = ScenarioCheck.check(scenarios[0].expect, report: run, unmatched: 0)
        #expect(failures.map(\.description) == [])
    }

    @Test func eachDifferenceIsOneReadableLine() {
        let (scenarios, _) = parse("""
        workflow: w.yaml
        expect:
          phase: Succeeded
          nodes:
            get: {phase: Succeeded, resultJson: {a: 2}}
            gte: Failed
          requests:
            - {node: get, method: POST}
          unmatched: 0
        """)
        let run = report(phase: .failed, nodes: [node("get", .failed, result: #"{"a": 1}"#, message: "received non-2xx response code: 500")],
                         requests: [request("get", "GET", "http://h.invalid/p")])
        let failures = ScenarioCheck.check(scenarios[0].expect, report: run, unmatched: 1).map(\.description)
        #expect(failures == [
            "expected the workflow to be Succeeded, but it Failed",
            "dir/s.yaml:5:5: expected node \"get\" to be Succeeded, but it Failed: received non-2xx response code: 500",
            "dir/s.yaml:5:5: node \"get\" result: $.a is 1, not 2",
            "dir/s.yaml:6:5: no node \"gte\" ran; did you mean \"get\"?",
            "dir/s.yaml:8:7: no request matches {node: get, method: POST}; closest: GET http://h.invalid/p from \"get\": method is GET, not POST",
            "expected 0 unmatched requests, the responder saw 1",
        ])
    }

    @Test func bodyIsJSONTellsSplicedBodiesApart() {
        let (scenarios, _) = parse("""
        workflow: w.yaml
        expect:
          requests: [{bodyIsJson: false}]
        """)
        let broken = report(requests: [request("p", "POST", "http://h.invalid/", body: #"{"x": "{"a":1}"}"#)])
        let fine = report(requests: [request("p", "POST", "http://h.invalid/", body: #"{"x": 1}"#)])
        #expect(ScenarioCheck.check(scenarios[0].expect, report: broken, unmatched: 0).isEmpty)
        #expect(ScenarioCheck.check(scenarios[0].expect, report: fine, unmatched: 0).count == 1)
    }
}
