import NIOCore

/// A handler that does nothing but sit first in the pipeline: writes made
/// from its context reach the socket without passing the HTTP encoder,
/// which is how faults put bytes on the wire that are no valid response.
/// (NIO wants every handler inbound or outbound; this one forwards all
/// writes untouched, so its `OutboundIn` is never unwrapped.)
final class RawOutlet: ChannelOutboundHandler {
    typealias OutboundIn = ByteBuffer

    /// Writes `bytes` straight to the socket, then closes the connection.
    static func writeThenClose(_ bytes: [UInt8], from context: ChannelHandlerContext) {
        guard let raw = try? context.pipeline.syncOperations.context(handlerType: RawOutlet.self) else {
            context.close(promise: nil)
            return
        }
        let channel = context.channel
        let buffer = channel.allocator.buffer(bytes: bytes)
        raw.writeAndFlush(NIOAny(buffer)).whenComplete { _ in channel.close(promise: nil) }
    }
}
