import ArgoLSP
import FuzzSupport

/// The language server: bytes as its standard input (Content-Length framing,
/// JSON, JSON-RPC), dispatched to a fresh server that reads no files of its own.
final class NullSink: MessageSink, @unchecked Sendable {
    func send(_ message: JSON) { _ = message }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLSP(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    var configuration = ServerConfiguration()
    configuration.readsFiles = false
    configuration.indexWait = 0
    let server = LanguageServer(sink: NullSink(), configuration: configuration) { _ in }
    server.receiveStream(bytes)
    return 0
}

@_cdecl("FuzzLSP_main")
public func fuzzLSPMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    fuzzMain(argc, argv, fuzzLSP)
}
