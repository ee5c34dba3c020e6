import Foundation
import NIOCore
import NIOPosix
import NIOHTTP1

/// Sends every request to the mock responder on 127.0.0.1, whatever host its
/// URL names: the request line carries the original absolute URL (as to a
/// proxy), so the responder matches and records what the workflow asked for.
/// Nothing here resolves a hostname or connects anywhere else.
public final class ResponderClient: HTTPTransport, @unchecked Sendable {
    private let port: Int
    private let group: MultiThreadedEventLoopGroup
    private let limiter: ConcurrencyLimiter

    /// - Parameter maxConcurrentRequests: requests in flight at once (connections open at once).
    public init(port: Int, maxConcurrentRequests: Int = 32) {
        self.port = port
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        limiter = ConcurrencyLimiter(limit: max(1, maxConcurrentRequests))
    }

    deinit {
        try? group.syncShutdownGracefully()
    }

    public func send(_ request: OutgoingRequest) async -> TransportOutcome {
        await limiter.acquire()
        defer { Task { await limiter.release() } }
        let slot = OutcomeSlot(promise: group.next().makePromise(of: TransportOutcome.self))
        let bootstrap = ClientBootstrap(group: group)
            .channelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .channelInitializer { channel in
                channel.pipeline.addHTTPClientHandlers().flatMap {
                    channel.pipeline.addHandler(ResponseCollector(slot: slot))
                }
            }
        do {
            let channel = try await bootstrap.connect(host: "127.0.0.1", port: port).get()
            var head = HTTPRequestHead(version: .http1_1, method: HTTPMethod(rawValue: request.method), uri: request.url)
            head.headers.add(name: "Host", value: request.host ?? AbsoluteURL(request.url)?.authority ?? "")
            for header in request.headers { head.headers.add(name: header.name, value: header.value) }
            head.headers.add(name: "Content-Length", value: String(request.body.count))
            head.headers.add(name: "Connection", value: "close")
            channel.write(HTTPClientRequestPart.head(head), promise: nil)
            if !request.body.isEmpty {
                channel.write(HTTPClientRequestPart.body(.byteBuffer(channel.allocator.buffer(bytes: request.body))), promise: nil)
            }
            channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
            let outcome = try await slot.promise.futureResult.get()
            try? await channel.close().get()
            return outcome
        } catch {
            slot.complete(.failed("dial tcp 127.0.0.1:\(port): \(error)"))
            return (try? await slot.promise.futureResult.get()) ?? .failed("\(error)")
        }
    }
}

/// Collects one response; reports a reset or an early close the way Go's client would name it.
private final class ResponseCollector: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPClientResponsePart

    private let slot: OutcomeSlot
    private var head: HTTPResponseHead?
    private var body: [UInt8] = []

    init(slot: OutcomeSlot) {
        self.slot = slot
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let h): head = h
        case .body(var buffer): body += buffer.readBytes(length: buffer.readableBytes) ?? []
        case .end:
            guard let head else { return finish(.malformed("response ended before its status line")) }
            finish(.response(IncomingResponse(status: Int(head.status.code),
                                              headers: head.headers.map { (name: $0.name, value: $0.value) },
                                              body: body)))
            context.close(promise: nil)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        if let io = error as? IOError, io.errnoCode == ECONNRESET {
            finish(.reset)
        } else if error is HTTPParserError {
            finish(.malformed("malformed HTTP response"))
        } else {
            finish(.failed("\(error)"))
        }
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        // Closed before a complete response: nothing at all is an empty response.
        finish(head == nil ? .emptyResponse : .malformed("unexpected EOF"))
        context.fireChannelInactive()
    }

    private func finish(_ outcome: TransportOutcome) { slot.complete(outcome) }
}

/// The one outcome of a request: whichever of the handler or the connect error comes first.
private final class OutcomeSlot: @unchecked Sendable {
    let promise: EventLoopPromise<TransportOutcome>
    private let lock = NSLock()
    private var done = false

    init(promise: EventLoopPromise<TransportOutcome>) { self.promise = promise }

    func complete(_ outcome: TransportOutcome) {
        lock.lock()
        let first = !done
        done = true
        lock.unlock()
        if first { promise.succeed(outcome) }
    }
}

/// An async counting semaphore: bounds how many requests are in flight.
actor ConcurrencyLimiter {
    private let limit: Int
    private var inUse = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) { self.limit = limit }

    func acquire() async {
        if inUse < limit {
            inUse += 1
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func release() {
        if waiters.isEmpty {
            inUse -= 1
        } else {
            waiters.removeFirst().resume()
        }
    }
}
