import Foundation
import ArgoLint

/// Where the server's outgoing messages go (stdout in production, a recorder in tests).
public protocol MessageSink: Sendable {
    func send(_ message: JSON)
}

/// Tunables; the defaults are what `argolint lsp` uses.
public struct ServerConfiguration: Sendable {
    /// Limits of the workspace index.
    var scanner = WorkspaceScanner()
    /// How long lints of open documents wait for the workspace index before
    /// going ahead with the facts known so far (and again when it is done).
    public var indexWait: TimeInterval = 1.0
    /// False: the server reads no files of its own — no workspace index, and
    /// closed, saved or watched files are not read back (the fuzz targets use
    /// this so that a fuzzed root or URI cannot make it walk the disk).
    public var readsFiles = true

    public init() {}
}

/// The language server: lifecycle, open documents, the lint session and the
/// workspace index.
///
/// Thread model: every piece of mutable state is read and written on `queue`
/// only (hence `@unchecked Sendable`). Messages are handled there in arrival
/// order; lints run on `lintQueue` from value snapshots and post their results
/// back to `queue`, which drops any result older than its document; the
/// workspace index is read on a global queue the same way. So a burst of
/// edits costs one lint of the latest text, and hovers answer mid-lint.
public final class LanguageServer: @unchecked Sendable {
    enum Phase { case uninitialized, running, shutDown }
    enum IndexState { case notStarted, running(since: DispatchTime), done }

    let queue = DispatchQueue(label: "argolint.lsp.state")
    let lintQueue = DispatchQueue(label: "argolint.lsp.lint", qos: .userInitiated)
    let sink: any MessageSink
    let configuration: ServerConfiguration
    let onExit: @Sendable (Int32) -> Void

    // State, confined to `queue`.
    var phase = Phase.uninitialized
    var encoding = PositionEncoding.utf16
    var roots: [String] = []
    var watchesDynamically = false
    var documents: [String: OpenDocument] = [:]
    /// Facts: the workspace index with open documents' text in place of their files.
    var session = LintSession(facts: [])
    var settings = ProjectSettings()
    var index = IndexState.notStarted
    /// Files reported changed while the index was being read, applied again once it is in.
    var changedWhileIndexing: [String] = []
    /// Documents waiting to be linted, oldest request first.
    var pendingLints: [String] = []
    var lintInFlight = false
    var waitingForIndex = false
    var nextOutgoingID = 1
    var reportedConfigurationErrors = Set<String>()

    public init(sink: any MessageSink, configuration: ServerConfiguration = ServerConfiguration(),
                onExit: @escaping @Sendable (Int32) -> Void) {
        self.sink = sink
        self.configuration = configuration
        self.onExit = onExit
    }

    // MARK: Input (from the transport's thread)

    /// A message body that parsed as JSON.
    public func receive(_ message: JSON) {
        queue.async { self.handle(RPCMessage(message)) }
    }

    /// Bytes that are not a message: a -32700 error with a null id.
    public func receiveUnparsable(_ reason: String) {
        queue.async {
            Log.error("unparsable message: \(reason)")
            self.sink.send(RPC.error(id: nil, code: .parseError, message: "Parse error: \(reason)"))
        }
    }

    /// The client closed the stream without `exit`.
    public func inputClosed() {
        queue.async { self.onExit(self.phase == .shutDown ? 0 : 1) }
    }

    // MARK: Dispatch (on `queue`)

    func handle(_ message: RPCMessage) {
        switch message {
        case .invalid(let id, let reason):
            sink.send(RPC.error(id: id, code: .invalidRequest, message: "Invalid request: \(reason)"))
        case .response(let id, let error):
            if let error { Log.error("the client answered request \(String(describing: id)) with an error: \(error)") }
        case .notification(let method, let params):
            handleNotification(method, params ?? .null)
        case .request(let id, let method, let params):
            handleRequest(id, method, params ?? .null)
        }
    }

    func handleRequest(_ id: RequestID, _ method: String, _ params: JSON) {
        switch phase {
        case .uninitialized where method != "initialize":
            sink.send(RPC.error(id: id, code: .serverNotInitialized, message: "the server is not initialized yet"))
            return
        case .shutDown:
            sink.send(RPC.error(id: id, code: .invalidRequest, message: "the server is shut down"))
            return
        default:
            break
        }
        let outcome: Result<JSON, RequestError>
        switch method {
        case "initialize": outcome = initialize(params)
        case "shutdown": outcome = shutdown()
        case "textDocument/hover": outcome = hover(params)
        case "textDocument/codeAction": outcome = codeAction(params)
        default: outcome = .failure(RequestError(.methodNotFound, "method not found: \(method)"))
        }
        switch outcome {
        case .success(let result): sink.send(RPC.response(id: id, result: result))
        case .failure(let error): sink.send(RPC.error(id: id, code: error.code, message: error.message))
        }
    }

    func handleNotification(_ method: String, _ params: JSON) {
        if method == "exit" {
            onExit(phase == .shutDown ? 0 : 1)
            return
        }
        // Before initialize notifications are dropped; after shutdown only exit counts.
        guard phase == .running else { return }
        switch method {
        case "initialized": initialized()
        case "textDocument/didOpen": didOpen(params)
        case "textDocument/didChange": didChange(params)
        case "textDocument/didSave": didSave(params)
        case "textDocument/didClose": didClose(params)
        case "workspace/didChangeWatchedFiles": didChangeWatchedFiles(params)
        default:
            // `$/` notifications (cancel, progress, trace) and anything else: nothing to do.
            break
        }
    }

    func sendRequest(_ method: String, _ params: JSON) {
        let id = RequestID.string("argolint-\(nextOutgoingID)")
        nextOutgoingID += 1
        sink.send(RPC.request(id: id, method: method, params: params))
    }

    func notifyClient(_ method: String, _ params: JSON) {
        sink.send(RPC.notification(method, params))
    }

    // MARK: Tests

    /// Blocks until no lint or index work is left (tests only).
    func waitUntilIdle(timeout: TimeInterval = 30) {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let busy = queue.sync { () -> Bool in
                if case .running = index { return true }
                return lintInFlight || !pendingLints.isEmpty
            }
            if !busy { return }
            Thread.sleep(forTimeInterval: 0.002)
        }
    }
}

/// A request that fails: its JSON-RPC error code and message.
struct RequestError: Error {
    var code: RPCErrorCode
    var message: String

    init(_ code: RPCErrorCode, _ message: String) {
        self.code = code
        self.message = message
    }
}
