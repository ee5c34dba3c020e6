import Foundation

extension LanguageServer {
    /// Feeds `bytes` to the server the way `argolint lsp` reads its standard
    /// input (the same framing and JSON decoding, then the end of input), and
    /// returns once every message is handled and every lint it started is done.
    /// For the fuzz targets and other in-process drivers.
    public func receiveStream(_ bytes: [UInt8]) {
        var decoder = FrameDecoder()
        decoder.append(bytes)
        StdioTransport.drain(&decoder, into: self)
        if case .malformed(let reason)? = decoder.discardPending() { receiveUnparsable(reason) }
        queue.sync {}
        waitUntilIdle()
        queue.sync {}
    }
}
