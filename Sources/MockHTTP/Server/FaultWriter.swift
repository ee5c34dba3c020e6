#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore

/// Misbehaves on a connection the way each WireMock fault describes.
enum FaultWriter {
    static func perform(_ fault: Fault, context: ChannelHandlerContext) {
        switch fault {
        case .emptyResponse:
            context.close(promise: nil)
        case .connectionResetByPeer:
            // SO_LINGER with a zero timeout makes close() send RST instead of FIN.
            let channel = context.channel
            guard let provider = channel as? SocketOptionProvider else {
                channel.close(promise: nil)
                return
            }
            provider.setSoLinger(linger(l_onoff: 1, l_linger: 0)).whenComplete { _ in channel.close(promise: nil) }
        case .malformedResponseChunk:
            let head = Array("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
            RawOutlet.writeThenClose(head + garbage(), from: context)
        case .randomDataThenClose:
            RawOutlet.writeThenClose(garbage(), from: context)
        }
    }

    /// Random bytes that cannot be read as a chunk size or a status line:
    /// the first byte is neither a hex digit nor "H".
    static func garbage(count: Int = 64) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        var bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
        bytes[0] = UInt8(ascii: "~")
        return bytes
    }
}
