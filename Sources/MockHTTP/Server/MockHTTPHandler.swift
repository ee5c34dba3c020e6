import NIOCore
import NIOHTTP1

/// One connection's request handling: collects a request, asks the core
/// which stub answers, and writes the response, a delayed response or a fault.
/// Lives on its channel's event loop only.
final class MockHTTPHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    struct Settings: Sendable {
        let core: ResponderCore
        let delayMode: DelayMode
        let maxRequestBodyBytes: Int
    }

    private let settings: Settings
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []
    /// Set once a request was answered with 413: the rest of it is dropped.
    private var refused = false

    init(settings: Settings) {
        self.settings = settings
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = []
            refused = false
            if let length = head.headers.first(name: "Content-Length").flatMap(Int.init), length > settings.maxRequestBodyBytes {
                refuse(context: context, head: head)
            } else if head.version.minor >= 1, head.headers["Expect"].contains(where: { $0.lowercased() == "100-continue" }) {
                // A client that asks waits for this before sending its body (curl does, for a while).
                context.writeAndFlush(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: .continue))), promise: nil)
            }
        case .body(var chunk):
            guard let head, !refused else { return }
            guard body.count + chunk.readableBytes <= settings.maxRequestBodyBytes else {
                refuse(context: context, head: head)
                return
            }
            body += chunk.readBytes(length: chunk.readableBytes) ?? []
        case .end:
            guard let head else { return }
            self.head = nil
            if refused { return }
            let requestBody = body
            body = []
            handle(context: context, head: head, body: requestBody)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        // Parser errors were answered with 400 by NIO's error handler; any error ends the connection.
        context.close(promise: nil)
    }

    private func refuse(context: ChannelHandlerContext, head: HTTPRequestHead) {
        refused = true
        body = []
        settings.core.recordRefused(request(head: head, body: []), status: 413)
        let text = "The request body is larger than \(settings.maxRequestBodyBytes) bytes\n"
        write(context: context, request: head, status: 413, reason: nil,
              headers: [HTTPField(name: "Content-Type", value: "text/plain; charset=utf-8")], body: Array(text.utf8), forceClose: true)
    }

    private func request(head: HTTPRequestHead, body: [UInt8]) -> IncomingRequest {
        IncomingRequest(method: head.method.rawValue, target: RequestTarget(parsing: head.uri),
                        headers: head.headers.map { HTTPField(name: $0.name, value: $0.value) }, body: body)
    }

    private func handle(context: ChannelHandlerContext, head: HTTPRequestHead, body: [UInt8]) {
        let target = RequestTarget(parsing: head.uri)
        if !target.isAbsoluteForm && AdminAPI.isAdminPath(target.path) {
            let answer = AdminAPI.handle(method: head.method.rawValue, path: target.path, core: settings.core)
            let json = answer.body.map { Array($0.jsonText.utf8) } ?? []
            let headers = answer.body == nil ? [] : [HTTPField(name: "Content-Type", value: "application/json")]
            write(context: context, request: head, status: answer.status, reason: nil, headers: headers, body: json)
            return
        }
        switch settings.core.decide(request(head: head, body: body)) {
        case .unmatched(let report):
            write(context: context, request: head, status: 404, reason: nil,
                  headers: [HTTPField(name: "Content-Type", value: "text/plain; charset=utf-8")], body: Array(report.utf8))
        case .stub(let stub):
            serve(stub, context: context, request: head)
        }
    }

    private func serve(_ stub: StubMapping, context: ChannelHandlerContext, request: HTTPRequestHead) {
        let response = stub.response
        let delay = response.fixedDelayMilliseconds ?? 0
        var headers = response.headers
        headers.append(HTTPField(name: "Matched-Stub-Id", value: stub.id))
        if let name = stub.name, HTTPSyntax.isFieldValue(name) { headers.append(HTTPField(name: "Matched-Stub-Name", value: name)) }
        let send: () -> Void = { [self] in
            if let fault = response.fault {
                FaultWriter.perform(fault, context: context)
            } else {
                write(context: context, request: request, status: response.status, reason: response.statusMessage,
                      headers: headers, body: response.body)
            }
        }
        guard delay > 0 else { return send() }
        switch settings.delayMode {
        case .real:
            // Scheduled on the event loop: no thread waits, other connections go on.
            context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(Int64(delay))) { send() }
        case .virtual:
            // A fault happens at once; a response says how long it would have taken.
            headers.append(HTTPField(name: MockResponder.delayHeader, value: String(delay)))
            if response.fault == nil {
                write(context: context, request: request, status: response.status, reason: response.statusMessage,
                      headers: headers, body: response.body)
            } else {
                send()
            }
        }
    }

    /// A complete response. Framing headers from the stub are replaced by
    /// the true Content-Length, so a stub cannot desynchronize keep-alive.
    private func write(context: ChannelHandlerContext, request: HTTPRequestHead, status: Int, reason: String?,
                       headers fields: [HTTPField], body: [UInt8], forceClose: Bool = false) {
        var headers = HTTPHeaders()
        for field in fields where !field.name.caseInsensitiveEquals("Content-Length") && !field.name.caseInsensitiveEquals("Transfer-Encoding") {
            headers.add(name: field.name, value: field.value)
        }
        let bodyless = status == 204 || status == 304 || (100..<200).contains(status)
        if !bodyless { headers.replaceOrAdd(name: "Content-Length", value: String(body.count)) }
        // A stub may ask for the connection to end after its response.
        let stubCloses = headers["Connection"].contains { $0.lowercased() == "close" }
        let keepAlive = request.isKeepAlive && !forceClose && !stubCloses
        if !keepAlive {
            headers.replaceOrAdd(name: "Connection", value: "close")
        } else if request.version.minor == 0 {
            headers.replaceOrAdd(name: "Connection", value: "keep-alive")
        }
        let responseStatus: HTTPResponseStatus = reason.map { .custom(code: UInt(status), reasonPhrase: $0) } ?? HTTPResponseStatus(statusCode: status)
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: request.version, status: responseStatus, headers: headers))), promise: nil)
        if !bodyless && request.method != .HEAD && !body.isEmpty {
            context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: body)))), promise: nil)
        }
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
            if !keepAlive { channel.close(promise: nil) }
        }
    }
}
