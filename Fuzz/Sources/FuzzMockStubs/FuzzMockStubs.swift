import MockHTTP
import FuzzSupport

/// The mock stub loader (WireMock-style mappings, YAML or JSON), in memory.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMockStubs(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    let text = String(decoding: bytes, as: UTF8.self)
    _ = StubLoader.parse(text: text, path: size & 1 == 0 ? "/nonexistent/fuzz-stubs.yaml" : "/nonexistent/fuzz-stubs.json")
    return 0
}

@_cdecl("FuzzMockStubs_main")
public func fuzzMockStubsMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    fuzzMain(argc, argv, fuzzMockStubs)
}
