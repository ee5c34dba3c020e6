import Foundation
import Testing
@testable import ArgoLSP

@Suite struct ProtocolErrorTests {
    @Test func malformedJSONGetsAParseErrorWithANullIDAndTheServerGoesOn() {
        let client = TestClient()
        let body = Array(#"{"jsonrpc":"2.0","id":1,"method":"initialize""#.utf8)
        client.sendBytes(Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body)
        let error = client.sink.messages.last
        #expect(error?["id"] == .null)
        #expect(error?["error"]?["code"] == .int(-32700))
        #expect(client.initialize()?["result"]?["capabilities"] != nil)
    }

    @Test func aBadHeaderGetsAParseError() {
        let client = TestClient()
        client.sendBytes(Array("Content-Length: nope\r\n\r\n{}".utf8))
        #expect(client.sink.messages.last?["error"]?["code"] == .int(-32700))
    }

    @Test func invalidRequestsGetInvalidRequest() {
        let client = TestClient()
        _ = client.initialize()
        for (index, message) in ([[1, 2], "text", ["id": 5, "method": "x"], ["jsonrpc": "2.0", "id": 6, "method": 7],
                                  ["jsonrpc": "2.0", "id": 8, "method": "x", "params": "p"], ["jsonrpc": "2.0", "id": ["a": 1], "method": "x"]] as [JSON]).enumerated() {
            let before = client.sink.messages.count
            client.send(message)
            let reply = client.sink.messages.dropFirst(before).first
            #expect(reply?["error"]?["code"] == .int(-32600), "message \(index): \(String(describing: reply))")
        }
        // The id is echoed when it was usable.
        client.send(["id": 5, "method": "x"])
        #expect(client.sink.messages.last?["id"] == .int(5))
    }

    @Test func lifecycleErrors() {
        let client = TestClient()
        #expect(client.request(1, "textDocument/hover")?["error"]?["code"] == .int(-32002))
        // Notifications before initialize are dropped.
        client.notify("textDocument/didOpen", ["textDocument": ["uri": "file:///x.yaml", "version": 1, "text": "kind: Workflow\n"]])
        #expect(client.sink.messages.count == 1)
        #expect(client.request(2, "initialize", ["capabilities": [:]])?["result"] != nil)
        #expect(client.request(3, "initialize", ["capabilities": [:]])?["error"]?["code"] == .int(-32600))
        #expect(client.request(4, "workspace/symbol")?["error"]?["code"] == .int(-32601))
        #expect(client.request(5, "$/custom")?["error"]?["code"] == .int(-32601))
        #expect(client.request(6, "textDocument/hover", ["textDocument": ["uri": "file:///x.yaml"]])?["error"]?["code"] == .int(-32602))
        let count = client.sink.messages.count
        client.notify("$/cancelRequest", ["id": 1])
        client.notify("$/setTrace", ["value": "off"])
        #expect(client.sink.messages.count == count)
        #expect(client.request(7, "shutdown")?["result"] == .null)
        #expect(client.request(8, "textDocument/hover")?["error"]?["code"] == .int(-32600))
        #expect(client.sink.exited == nil)
        client.notify("exit")
        #expect(client.sink.exited == 0)
    }

    @Test func exitWithoutShutdownIsStatusOne() {
        let client = TestClient()
        _ = client.initialize()
        client.notify("exit")
        #expect(client.sink.exited == 1)
    }
}

@Suite struct ServerBehaviourTests {
    /// `get` has a safe fix (GET), `FETCH` an unsafe one; an emoji precedes the first.
    static let broken = """
    apiVersion: argoproj.io/v1alpha1
    kind: Workflow
    metadata: {generateName: http-}
    spec:
      entrypoint: main
      templates:
        - name: main
          steps:
            - - name: a
                template: call
            - - name: b
                template: call2
        - name: call
          http: {url: "https://example.com/😀", method: get}
        - name: call2
          http:
            url: https://example.com/
            method: FETCH

    """

    @Test func initializeAdvertisesTheNegotiatedEncoding() {
        let client = TestClient()
        let result = client.initialize(["general": ["positionEncodings": ["utf-32", "utf-8"]]])?["result"]
        #expect(result?["capabilities"]?["positionEncoding"] == "utf-8")
        #expect(result?["capabilities"]?["textDocumentSync"]?["change"] == 1)
        #expect(result?["capabilities"]?["hoverProvider"] == true)
        #expect(result?["serverInfo"]?["name"] == "argolint")
        #expect(TestClient().initialize()?["result"]?["capabilities"]?["positionEncoding"] == "utf-16")
    }

    func codeActions(_ client: TestClient, _ uri: String, _ diagnostic: JSON, id: Int) -> [JSON] {
        client.request(id, "textDocument/codeAction", [
            "textDocument": ["uri": .string(uri)], "range": diagnostic["range"] ?? nil,
            "context": ["diagnostics": [diagnostic]]])?["result"]?.arrayValue ?? []
    }

    @Test func diagnosticsFixesAndHover() throws {
        let client = TestClient()
        _ = client.initialize()
        let uri = "untitled:wf.yaml"
        client.open(uri, Self.broken)
        let diagnostics = try #require(client.diagnostics(uri))
        #expect(diagnostics.map { $0["code"] } == ["http-method", "http-method"])
        let lower = diagnostics[0], fetch = diagnostics[1]
        // Scalar column 51; the emoji is two UTF-16 units.
        #expect(lower["range"] == ["start": ["line": 13, "character": 52], "end": ["line": 13, "character": 55]])
        #expect(lower["severity"] == 2)
        #expect(fetch["severity"] == 1)
        #expect(fetch["source"] == "argolint")
        #expect(fetch["codeDescription"]?["href"] == "https://github.com/argolint/argolint/blob/main/rules/http-method.md")

        let safe = try #require(codeActions(client, uri, lower, id: 2).first)
        #expect(safe["kind"] == "quickfix")
        #expect(safe["title"] == "Use GET")
        #expect(safe["isPreferred"] == true)
        let edit = try #require(safe["edit"]?["changes"]?[uri]?.arrayValue?.first)
        #expect(edit == ["range": lower["range"] ?? nil, "newText": "GET"])
        let unsafe = try #require(codeActions(client, uri, fetch, id: 3).first)
        #expect(unsafe["title"] == "Use GET (unsafe)")
        #expect(unsafe["isPreferred"] == false)
        #expect(client.request(4, "textDocument/codeAction", [
            "textDocument": ["uri": .string(uri)], "range": fetch["range"] ?? nil,
            "context": ["diagnostics": [], "only": ["refactor"]]])?["result"] == [])

        let hover = try #require(client.request(5, "textDocument/hover", [
            "textDocument": ["uri": .string(uri)], "position": ["line": 17, "character": 18]])?["result"])
        let markdown = hover["contents"]?["value"]?.stringValue ?? ""
        #expect(markdown.contains("`http-method` (error)"))
        #expect(markdown.contains("Not a registered HTTP method"))
        #expect(hover["contents"]?["kind"] == "markdown")
        #expect(hover["range"] == fetch["range"])
        #expect(client.request(6, "textDocument/hover", ["textDocument": ["uri": .string(uri)], "position": ["line": 0, "character": 0]])?["result"] == .null)

        client.change(uri, Self.broken.replacingOccurrences(of: "method: get", with: "method: GET").replacingOccurrences(of: "FETCH", with: "GET"), version: 2)
        #expect(client.diagnostics(uri) == [])
        client.notify("textDocument/didClose", ["textDocument": ["uri": .string(uri)]])
        #expect(client.diagnostics(uri) == [])
    }

    @Test func utf8PositionsCountBytes() throws {
        let client = TestClient()
        _ = client.initialize(["general": ["positionEncodings": ["utf-8", "utf-16"]]])
        client.open("untitled:wf.yaml", Self.broken)
        let first = try #require(client.diagnostics("untitled:wf.yaml")?.first)
        #expect(first["range"]?["start"] == ["line": 13, "character": 54])
    }

    @Test func nonArgoYAMLHasNoDiagnostics() {
        let client = TestClient()
        _ = client.initialize()
        client.open("untitled:values.yaml", "- a\n- b\nkey: [unclosed\n")
        #expect(client.diagnostics("untitled:values.yaml") == [])
        client.open("untitled:cm.yaml", "apiVersion: v1\nkind: ConfigMap\ndata: {a: 1, a: 2}\n")
        #expect(client.diagnostics("untitled:cm.yaml") == [])
        // A workflow with a syntax error still shows it.
        client.open("untitled:wf.yaml", "kind: Workflow\nspec: [unclosed\n")
        #expect(client.diagnostics("untitled:wf.yaml")?.first?["code"] == "yaml-syntax")
    }

    @Test func staleResultsAreDroppedAndBurstsCoalesce() {
        let client = TestClient()
        _ = client.initialize()
        let uri = "untitled:burst.yaml"
        client.server.receive(["jsonrpc": "2.0", "method": "textDocument/didOpen", "params": [
            "textDocument": ["uri": .string(uri), "languageId": "yaml", "version": 1, "text": .string(Self.broken)]]])
        for version in 2...30 {
            let text = version == 30 ? Self.broken.replacingOccurrences(of: "FETCH", with: "GET") : Self.broken
            client.server.receive(["jsonrpc": "2.0", "method": "textDocument/didChange", "params": [
                "textDocument": ["uri": .string(uri), "version": .int(version)], "contentChanges": [["text": .string(text)]]]])
        }
        client.settle()
        let published = client.sink.messages.filter { $0["method"] == "textDocument/publishDiagnostics" }
        #expect(published.count < 30)
        #expect(published.last?["params"]?["version"] == 30)
        let versions = published.compactMap { $0["params"]?["version"]?.intValue }
        #expect(versions == versions.sorted())
    }
}
