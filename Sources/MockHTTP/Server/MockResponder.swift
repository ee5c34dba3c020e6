import NIOCore
import NIOHTTP1
import NIOPosix

/// The WireMock-compatible mock HTTP responder: a real HTTP/1.1 server on
/// 127.0.0.1 that answers from stub mappings and journals every request.
///
/// `start` and `stop` block until the socket is bound or closed, so call
/// them from ordinary threads or tasks, never from one of the responder's
/// own event loops.
public final class MockResponder: Sendable {
    /// Added to a response instead of waiting, in `.virtual` delay mode.
    public static let delayHeader = "X-Argolint-Delay-Ms"
    public static let defaultMaxRequestBodyBytes = 16 * 1024 * 1024

    public let delayMode: DelayMode
    public let maxRequestBodyBytes: Int
    private let core: ResponderCore
    private let running = Protected<Running?>(nil)

    private struct Running {
        let group: MultiThreadedEventLoopGroup
        let channel: Channel
        let port: Int
    }

    public init(stubs: [StubMapping], delayMode: DelayMode = .real, maxRequestBodyBytes: Int = MockResponder.defaultMaxRequestBodyBytes) {
        self.core = ResponderCore(stubs: stubs)
        self.delayMode = delayMode
        self.maxRequestBodyBytes = maxRequestBodyBytes
    }

    deinit {
        // A responder dropped without stop() must not leave its threads behind.
        running.withLock { $0 }?.group.shutdownGracefully { _ in }
    }

    /// Binds 127.0.0.1:`port` (0 picks a free port) and returns the bound
    /// port; when already running, returns the port it has.
    @discardableResult
    public func start(port: Int = 0) throws -> Int {
        // Under the lock for the whole bind, so two racing calls cannot both start.
        try running.withLock { running in
            if let running { return running.port }
            let group = MultiThreadedEventLoopGroup(numberOfThreads: max(2, System.coreCount))
            let channel: Channel
            do {
                channel = try bootstrap(group).bind(host: "127.0.0.1", port: port).wait()
            } catch {
                try? group.syncShutdownGracefully()
                throw error
            }
            let bound = channel.localAddress?.port ?? port
            running = Running(group: group, channel: channel, port: bound)
            return bound
        }
    }

    private func bootstrap(_ group: MultiThreadedEventLoopGroup) -> ServerBootstrap {
        let settings = MockHTTPHandler.Settings(core: core, delayMode: delayMode, maxRequestBodyBytes: maxRequestBodyBytes)
        return ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.backlog, value: 256)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    // First, so fault bytes written from its context skip the HTTP encoder.
                    try pipeline.addHandler(RawOutlet())
                    try pipeline.configureHTTPServerPipeline(withPipeliningAssistance: true, withErrorHandling: true)
                    try pipeline.addHandler(MockHTTPHandler(settings: settings))
                }
            }
    }

    /// The bound port while running.
    public var port: Int? { running.withLock { $0?.port } }

    /// Stops listening, closes every connection and ends the threads. Safe to call twice.
    public func stop() {
        guard let current = running.withLock({ state -> Running? in
            defer { state = nil }
            return state
        }) else { return }
        try? current.channel.close().wait()
        // Shutting the group down closes the connections still open on it.
        try? current.group.syncShutdownGracefully()
    }

    /// Every request received, in arrival order.
    public var journal: [JournalEntry] { core.journal }

    public func clearJournal() { core.clearJournal() }

    /// Puts every scenario back in "Started".
    public func resetScenarios() { core.resetScenarios() }

    public var scenarios: [ScenarioSnapshot] { core.scenarios }

    /// The stubs in the order they are tried.
    public var stubs: [StubMapping] { core.stubs }
}
