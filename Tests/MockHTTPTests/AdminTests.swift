import Foundation
import Testing
@testable import MockHTTP

private func json(_ response: TestResponse) throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
}

@Suite struct AdminTests {
    static let stubText = """
    mappings:
      - id: 11111111-2222-3333-4444-555555555555
        name: data
        request: {urlPath: /api/data}
        response: {body: data}
      - scenarioName: s
        requiredScenarioState: Started
        newScenarioState: done
        request: {urlPath: /step}
    """

    @Test func requestsJournalNewestFirstAndUnmatched() throws {
        try withResponder(Self.stubText) { _, port throws in
            _ = try httpRequest(port: port, "POST", "http://api.test/api/data?x=1", headers: [("X-A", "1"), ("X-A", "2")], body: "hello")
            _ = try httpRequest(port: port, "GET", "/nope")
            let all = try json(httpRequest(port: port, "GET", "/__admin/requests"))
            let requests = try #require(all["requests"] as? [[String: Any]])
            try #require(requests.count == 2)
            #expect((all["meta"] as? [String: Any])?["total"] as? Int == 2)
            let newest = try #require(requests[0]["request"] as? [String: Any])
            #expect(newest["url"] as? String == "/nope")
            #expect(requests[0]["wasMatched"] as? Bool == false)
            let oldest = try #require(requests[1]["request"] as? [String: Any])
            #expect(oldest["url"] as? String == "/api/data?x=1")
            #expect(oldest["absoluteUrl"] as? String == "http://api.test/api/data?x=1")
            #expect(oldest["method"] as? String == "POST")
            #expect(oldest["body"] as? String == "hello")
            #expect(oldest["bodyAsBase64"] as? String == "aGVsbG8=")
            #expect((oldest["headers"] as? [String: Any])?["X-A"] as? [String] == ["1", "2"])
            #expect((requests[1]["stubMapping"] as? [String: Any])?["name"] as? String == "data")
            #expect((requests[1]["responseDefinition"] as? [String: Any])?["status"] as? Int == 200)

            let unmatched = try json(httpRequest(port: port, "GET", "/__admin/requests/unmatched"))
            let list = try #require(unmatched["requests"] as? [[String: Any]])
            #expect(list.map { $0["url"] as? String } == ["/nope"])

            #expect(try httpRequest(port: port, "DELETE", "/__admin/requests").status == 200)
            let cleared = try json(httpRequest(port: port, "GET", "/__admin/requests"))
            #expect((cleared["requests"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func mappingsAndScenarios() throws {
        try withResponder(Self.stubText) { _, port throws in
            let mappings = try json(httpRequest(port: port, "GET", "/__admin/mappings"))
            let list = try #require(mappings["mappings"] as? [[String: Any]])
            try #require(list.count == 2)
            #expect(list[0]["id"] as? String == "11111111-2222-3333-4444-555555555555")
            #expect((list[0]["request"] as? [String: Any])?["urlPath"] as? String == "/api/data")
            #expect((list[1]["id"] as? String)?.count == 36)

            func scenarioState() throws -> String? {
                let body = try json(httpRequest(port: port, "GET", "/__admin/scenarios"))
                let scenarios = try #require(body["scenarios"] as? [[String: Any]])
                #expect(scenarios.first?["possibleStates"] as? [String] == ["Started", "done"])
                return scenarios.first?["state"] as? String
            }
            #expect(try scenarioState() == "Started")
            #expect(try httpRequest(port: port, "GET", "/step").status == 200)
            #expect(try scenarioState() == "done")
            #expect(try httpRequest(port: port, "GET", "/step").status == 404)
            #expect(try httpRequest(port: port, "POST", "/__admin/scenarios/reset").status == 200)
            #expect(try scenarioState() == "Started")
        }
    }

    @Test func adminCallsAreNotJournaledAndAbsoluteFormIsNeverAdmin() throws {
        try withResponder(Self.stubText) { responder, port throws in
            #expect(try httpRequest(port: port, "GET", "/__admin/nothing").status == 404)
            #expect(try httpRequest(port: port, "PUT", "/__admin/mappings").status == 405)
            #expect(responder.journal.isEmpty)
            let proxied = try httpRequest(port: port, "GET", "http://wiremock.test/__admin/requests")
            #expect(proxied.status == 404)
            #expect(proxied.text.hasPrefix("Request was not matched"))
            #expect(responder.journal.map(\.url) == ["http://wiremock.test/__admin/requests"])
        }
    }
}
