import ArgoSyntax
import FuzzSupport

/// govaluate `when` conditions: the checker (both quoting modes) and the evaluator.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWhen(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    let text = String(decoding: bytes, as: UTF8.self)
    _ = WhenCondition.check(text)
    _ = WhenCondition.check(text, options: WhenCheckOptions(strictTagQuoting: true))
    _ = WhenCondition.evaluate(text)
    return 0
}

@_cdecl("FuzzWhen_main")
public func fuzzWhenMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    fuzzMain(argc, argv, fuzzWhen)
}
