import Foundation

/// Reads framed messages from a file descriptor (stdin) on its own thread and
/// hands them to the server in order.
///
/// A frame that stops arriving half-way (a Content-Length larger than what was
/// sent) is given up after `stallTimeout` seconds without new bytes: the
/// client gets a parse error and the stream starts afresh, rather than the
/// server waiting forever for bytes that will not come.
struct StdioTransport: Sendable {
    var input: Int32 = STDIN_FILENO
    var stallTimeout: TimeInterval = 2

    func run(into server: LanguageServer) {
        var decoder = FrameDecoder()
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            var descriptor = pollfd(fd: input, events: Int16(POLLIN), revents: 0)
            let waitMilliseconds = decoder.bufferedByteCount > 0 ? Int32(stallTimeout * 1000) : -1
            let ready = poll(&descriptor, 1, waitMilliseconds)
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            if ready == 0 {
                if case .malformed(let reason)? = decoder.discardPending() { server.receiveUnparsable(reason) }
                continue
            }
            let count = chunk.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            decoder.append(Array(chunk[0..<count]))
            Self.drain(&decoder, into: server)
        }
        if case .malformed(let reason)? = decoder.discardPending() { server.receiveUnparsable(reason) }
        server.inputClosed()
    }

    /// Hands every complete message to the server. A body that is not JSON may
    /// have swallowed the start of the next message (its own length was
    /// overstated): the decoder looks for that message in it.
    static func drain(_ decoder: inout FrameDecoder, into server: LanguageServer) {
        while let event = decoder.next() {
            switch event {
            case .malformed(let reason):
                server.receiveUnparsable(reason)
            case .message(let body):
                do throws(JSONParseError) {
                    server.receive(try JSON.parse(body))
                } catch {
                    server.receiveUnparsable(error.message)
                    decoder.rescan(unparsableBody: body)
                }
            }
        }
    }
}

/// `argolint lsp`: the language server over stdin and stdout.
public enum LanguageServerMain {
    /// Serves until `exit` (status 0 after `shutdown`, else 1) or the end of input.
    public static func run(configuration: ServerConfiguration = ServerConfiguration()) -> Never {
        // A client that goes away must not kill us mid-write with SIGPIPE; the write fails instead.
        signal(SIGPIPE, SIG_IGN)
        let sink = FileDescriptorSink(descriptor: STDOUT_FILENO)
        let server = LanguageServer(sink: sink, configuration: configuration) { status in
            exit(status)
        }
        let transport = StdioTransport()
        let reader = Thread { transport.run(into: server) }
        reader.name = "argolint-lsp-reader"
        reader.start()
        // The server lives on its queues; this thread only waits for `exit`.
        while true { sleep(3600) }
    }
}
