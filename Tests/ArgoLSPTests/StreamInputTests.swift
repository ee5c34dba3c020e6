import Foundation
import Testing
@testable import ArgoLSP

/// `LanguageServer.receiveStream`, the in-process path the FuzzLSP target
/// drives, and `readsFiles = false`, which keeps a fuzzed root off the disk.
@Suite struct StreamInputTests {
    static func framed(_ messages: [JSON]) -> [UInt8] {
        messages.flatMap { FrameEncoder.encode($0) }
    }

    @Test func streamIsHandledAndLinted() {
        let sink = RecordingSink()
        var configuration = ServerConfiguration()
        configuration.readsFiles = false
        let server = LanguageServer(sink: sink, configuration: configuration) { sink.recordExit($0) }
        let uri = "file:///nonexistent/w.yaml"
        let text = "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  name: x\nspec:\n  entrypoint: missing\n  templates:\n  - name: a\n    container:\n      image: alpine\n"
        server.receiveStream(Self.framed([
            ["jsonrpc": "2.0", "id": 1, "method": "initialize", "params": ["processId": nil, "rootUri": "file:///", "capabilities": [:]]],
            ["jsonrpc": "2.0", "method": "initialized", "params": [:]],
            ["jsonrpc": "2.0", "method": "textDocument/didOpen", "params": ["textDocument": ["uri": .string(uri), "languageId": "yaml", "version": 1, "text": .string(text)]]],
        ]))
        // receiveStream returns with the lint done.
        let published = sink.messages.filter { $0["method"] == "textDocument/publishDiagnostics" }
        #expect(published.contains { !($0["params"]?["diagnostics"]?.arrayValue ?? []).isEmpty })
        server.receiveStream(Self.framed([
            ["jsonrpc": "2.0", "method": "textDocument/didClose", "params": ["textDocument": ["uri": .string(uri)]]],
            ["jsonrpc": "2.0", "method": "workspace/didChangeWatchedFiles", "params": ["changes": [["uri": "file:///", "type": 1]]]],
        ]) + Array("Content-Length: 5\r\n\r\n{oops".utf8))
        let messages = sink.messages
        #expect(messages.contains { $0["id"] == .int(1) && $0["result"] != nil })
        // The unparsable last frame is answered with a parse error.
        #expect(messages.contains { $0["error"]?["code"] == .int(-32700) })
        // The root "/" was never indexed: readsFiles is off.
        #expect(!messages.contains { ($0["params"]?["message"]?.stringValue ?? "").contains("larger than the index limits") })
        #expect(sink.exited == nil)
    }
}
