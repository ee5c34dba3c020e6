import Foundation

/// Writes framed messages to a file descriptor (stdout). One lock keeps
/// messages whole when several threads send.
final class FileDescriptorSink: MessageSink, @unchecked Sendable {
    private let descriptor: Int32
    private let lock = NSLock()
    private var broken = false

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    func send(_ message: JSON) {
        let frame = FrameEncoder.encode(message)
        lock.lock()
        defer { lock.unlock() }
        guard !broken else { return }
        var written = 0
        while written < frame.count {
            let result = frame.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return write(descriptor, base + written, frame.count - written)
            }
            if result > 0 {
                written += result
            } else if result < 0 && errno == EINTR {
                continue
            } else {
                // The client is gone; reading stdin will see the end and exit.
                broken = true
                Log.error("cannot write to the client (errno \(errno)); dropping output")
                return
            }
        }
    }
}
