import Foundation
@testable import ArgoLSP

/// Records what the server sends, for assertions.
final class RecordingSink: MessageSink, @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [JSON] = []
    private var exitStatus: Int32?

    func send(_ message: JSON) {
        lock.lock()
        stored.append(message)
        lock.unlock()
    }

    var messages: [JSON] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }

    func recordExit(_ status: Int32) {
        lock.lock()
        exitStatus = status
        lock.unlock()
    }

    var exited: Int32? {
        lock.lock()
        defer { lock.unlock() }
        return exitStatus
    }
}

/// A server driven in-process, with helpers to talk to it like a client.
struct TestClient {
    let sink = RecordingSink()
    let server: LanguageServer

    init() {
        let sink = self.sink
        server = LanguageServer(sink: sink) { sink.recordExit($0) }
    }

    func send(_ message: JSON) {
        server.receive(message)
        settle()
    }

    /// Sends raw bytes through the same path as stdin.
    func sendBytes(_ bytes: [UInt8]) {
        var decoder = FrameDecoder()
        decoder.append(bytes)
        StdioTransport.drain(&decoder, into: server)
        settle()
    }

    func settle() {
        server.queue.sync {}
        server.waitUntilIdle()
        server.queue.sync {}
    }

    func request(_ id: Int, _ method: String, _ params: JSON = [:]) -> JSON? {
        send(["jsonrpc": "2.0", "id": .int(id), "method": .string(method), "params": params])
        return response(id)
    }

    func notify(_ method: String, _ params: JSON = [:]) {
        send(["jsonrpc": "2.0", "method": .string(method), "params": params])
    }

    func response(_ id: Int) -> JSON? {
        sink.messages.last { $0["id"] == .int(id) && $0["method"] == nil }
    }

    func initialize(_ capabilities: JSON = [:], rootUri: JSON = nil) -> JSON? {
        let result = request(1, "initialize", ["processId": nil, "rootUri": rootUri, "capabilities": capabilities])
        notify("initialized")
        return result
    }

    /// The last diagnostics published for `uri`.
    func diagnostics(_ uri: String) -> [JSON]? {
        sink.messages.last { $0["method"] == "textDocument/publishDiagnostics" && $0["params"]?["uri"] == .string(uri) }?["params"]?["diagnostics"]?.arrayValue
    }

    func open(_ uri: String, _ text: String, version: Int = 1) {
        notify("textDocument/didOpen", ["textDocument": ["uri": .string(uri), "languageId": "yaml", "version": .int(version), "text": .string(text)]])
    }

    func change(_ uri: String, _ text: String, version: Int) {
        notify("textDocument/didChange", ["textDocument": ["uri": .string(uri), "version": .int(version)], "contentChanges": [["text": .string(text)]]])
    }
}
