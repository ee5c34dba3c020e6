import Foundation
import Testing
@testable import MockHTTP

@Suite struct ResponderTests {
    @Test func responseFeatures() throws {
        try withResponder("""
        mappings:
          - request: {urlPath: /full}
            response:
              status: 201
              statusMessage: Made It
              headers: {Content-Type: application/json, Set-Cookie: [a=1, b=2], Content-Length: "999"}
              jsonBody: {z: 1, a: [true]}
          - request: {urlPath: /bin}
            response: {base64Body: AAEC/w==}
          - request: {urlPath: /empty}
            response: {status: 204}
        """) { _, port throws in
            let full = try httpRequest(port: port, "GET", "/full")
            #expect(full.status == 201)
            #expect(full.reason == "Made It")
            #expect(full.header("Content-Type") == "application/json")
            #expect(full.headerValues("Set-Cookie") == ["a=1", "b=2"])
            #expect(full.text == #"{"z":1,"a":[true]}"#)
            #expect(full.header("Content-Length") == "18")
            #expect(full.header("Matched-Stub-Id")?.count == 36)
            #expect(try httpRequest(port: port, "GET", "/bin").body == [0, 1, 2, 255])
            let empty = try httpRequest(port: port, "GET", "/empty")
            #expect(empty.status == 204 && empty.body.isEmpty)
        }
    }

    @Test func scenarioFailsTwiceThenSucceeds() throws {
        try withResponder("""
        mappings:
          - scenarioName: flaky
            requiredScenarioState: Started
            newScenarioState: failed-once
            request: {method: GET, urlPath: /api/v1/workflows}
            response: {status: 503, body: first}
          - scenarioName: flaky
            requiredScenarioState: failed-once
            newScenarioState: recovered
            request: {method: GET, urlPath: /api/v1/workflows}
            response: {status: 503, body: second}
          - scenarioName: flaky
            requiredScenarioState: recovered
            request: {method: GET, urlPath: /api/v1/workflows}
            response: {status: 200, jsonBody: {items: []}}
        """) { responder, port throws in
            let statuses = try (0..<4).map { _ in try httpRequest(port: port, "GET", "/api/v1/workflows").status }
            #expect(statuses == [503, 503, 200, 200])
            #expect(responder.scenarios == [ScenarioSnapshot(name: "flaky", state: "recovered",
                                                             possibleStates: ["Started", "failed-once", "recovered"])])
            responder.resetScenarios()
            #expect(try httpRequest(port: port, "GET", "/api/v1/workflows").text == "first")
            #expect(try httpRequest(port: port, "POST", "/__admin/scenarios/reset").status == 200)
            #expect(try httpRequest(port: port, "GET", "/api/v1/workflows").text == "first")
            #expect(try httpRequest(port: port, "GET", "/api/v1/workflows").text == "second")
        }
    }

    @Test func connectionResetByPeer() throws {
        try withResponder("request: {urlPath: /f}\nresponse: {fault: CONNECTION_RESET_BY_PEER}") { responder, port throws in
            let connection = try TestConnection(port: port)
            try connection.sendRequest("GET", "/f", port: port)
            let (bytes, ending) = connection.readToEnd()
            #expect(ending == .reset)
            #expect(bytes.isEmpty)
            #expect(responder.journal.first?.fault == .connectionResetByPeer)
            #expect(responder.journal.first?.responseStatus == nil)
        }
    }

    @Test func emptyResponse() throws {
        try withResponder("request: {urlPath: /f}\nresponse: {fault: EMPTY_RESPONSE}") { _, port throws in
            let connection = try TestConnection(port: port)
            try connection.sendRequest("GET", "/f", port: port)
            let (bytes, ending) = connection.readToEnd()
            #expect(ending == .closed)
            #expect(bytes.isEmpty)
        }
    }

    @Test func malformedResponseChunk() throws {
        try withResponder("request: {urlPath: /f}\nresponse: {fault: MALFORMED_RESPONSE_CHUNK}") { _, port throws in
            let connection = try TestConnection(port: port)
            try connection.sendRequest("GET", "/f", port: port)
            let (bytes, ending) = connection.readToEnd()
            #expect(ending == .closed)
            let head = Array("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
            try #require(bytes.count > head.count)
            #expect(Array(bytes[0..<head.count]) == head)
            // What follows the headers is no chunk-size line.
            #expect(bytes[head.count] == UInt8(ascii: "~"))
        }
        try withResponder("request: {urlPath: /f}\nresponse: {fault: MALFORMED_RESPONSE_CHUNK}") { _, port throws in
            #expect(throws: TestConnection.ClientError.self) { try httpRequest(port: port, "GET", "/f") }
        }
    }

    @Test func randomDataThenClose() throws {
        try withResponder("request: {urlPath: /f}\nresponse: {fault: RANDOM_DATA_THEN_CLOSE}") { _, port throws in
            let connection = try TestConnection(port: port)
            try connection.sendRequest("GET", "/f", port: port)
            let (bytes, ending) = connection.readToEnd()
            #expect(ending == .closed)
            #expect(!bytes.isEmpty)
            #expect(!bytes.starts(with: Array("HTTP/".utf8)))
        }
    }

    @Test func virtualDelayAnswersAtOnceWithTheDelayHeader() throws {
        // An hour: were it waited for, the client's safety timeout would fail the test.
        try withResponder("""
        mappings:
          - request: {urlPath: /slow}
            response: {body: slow, fixedDelayMilliseconds: 3600000}
          - request: {urlPath: /slow-fault}
            response: {fault: EMPTY_RESPONSE, fixedDelayMilliseconds: 3600000}
        """, delayMode: .virtual) { responder, port throws in
            let response = try httpRequest(port: port, "GET", "/slow")
            #expect(response.text == "slow")
            #expect(response.header(MockResponder.delayHeader) == "3600000")
            let connection = try TestConnection(port: port)
            try connection.sendRequest("GET", "/slow-fault", port: port)
            let (bytes, ending) = connection.readToEnd()
            #expect(bytes.isEmpty && ending == .closed)
            #expect(responder.journal.map(\.delayMilliseconds) == [3600000, 3600000])
        }
    }

    @Test func realDelayHoldsOnlyItsOwnResponse() throws {
        try withResponder("""
        mappings:
          - request: {urlPath: /slow}
            response: {body: slow, fixedDelayMilliseconds: 250}
          - request: {urlPath: /fast}
            response: {body: fast}
        """) { responder, port throws in
            let slow = try TestConnection(port: port)
            try slow.sendRequest("GET", "/slow", port: port)
            // The slow request is journaled first, so it is being delayed when /fast arrives.
            while responder.journal.isEmpty { usleep(1000) }
            let started = ContinuousClock.now
            #expect(try httpRequest(port: port, "GET", "/fast").text == "fast")
            // Order, not timing: /fast was answered while /slow still waits.
            #expect(!slow.hasPendingInput)
            let slowResponse = try slow.readResponse()
            #expect(slowResponse.text == "slow")
            #expect(slowResponse.header(MockResponder.delayHeader) == nil)
            // A lower bound only (never flaky): the delay cannot have been skipped.
            #expect(ContinuousClock.now - started >= .milliseconds(200))
            #expect(responder.journal.map(\.pathAndQuery) == ["/slow", "/fast"])
        }
    }

    @Test func unmatchedRequestGets404WithANearMissAndIsJournaled() throws {
        try withResponder("""
        mappings:
          - name: data
            request: {method: GET, urlPath: /api/data, headers: {Accept: {equalTo: application/json}}}
            response: {body: data}
          - request: {method: POST, urlPath: /elsewhere}
            response: {body: other}
        """) { responder, port throws in
            let response = try httpRequest(port: port, "GET", "/api/date?x=1", headers: [("Accept", "application/json")])
            #expect(response.status == 404)
            #expect(response.header("Content-Type") == "text/plain; charset=utf-8")
            let lines = response.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            #expect(lines.first == "Request was not matched")
            #expect(lines.contains("GET /api/date?x=1"))
            #expect(lines.contains { $0.hasPrefix("Closest stub: \"data\"") && $0.hasSuffix("at stubs.yaml:2:5") })
            #expect(lines.contains("  urlPath: expected \"/api/data\", got \"/api/date\""))
            #expect(!lines.contains { $0.contains("Accept") })
            let entry = try #require(responder.journal.last)
            #expect(!entry.wasMatched)
            #expect(entry.responseStatus == 404)
            #expect(entry.stubID == nil)
            #expect(entry.headers.contains(HTTPField(name: "Accept", value: "application/json")))
        }
    }

    @Test func fiftyConcurrentRequestsAreAllAnswered() throws {
        try withResponder("""
        request: {urlPathPattern: "/c/[0-9]+"}
        response: {body: ok, fixedDelayMilliseconds: 20}
        """) { responder, port throws in
            // All fifty are in flight before any answer is read.
            let connections = try (0..<50).map { _ in try TestConnection(port: port) }
            for (i, connection) in connections.enumerated() {
                try connection.sendRequest("POST", "/c/\(i)", body: "body-\(i)", port: port)
            }
            let answers = try connections.map { try $0.readResponse() }
            #expect(answers.allSatisfy { $0.status == 200 && $0.text == "ok" })
            let journal = responder.journal
            #expect(journal.count == 50)
            #expect(Set(journal.map(\.pathAndQuery)) == Set((0..<50).map { "/c/\($0)" }))
            #expect(journal.allSatisfy { $0.bodyText == "body-" + $0.pathAndQuery.dropFirst(3) })
        }
    }
}
