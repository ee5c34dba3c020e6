import ArgoSyntax
import FuzzSupport

/// DAG `depends` expressions: the parser, and evaluation of what it accepts.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDepends(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    let text = String(decoding: bytes, as: UTF8.self)
    switch DependsExpression.parse(text) {
    case .success(let expression):
        _ = expression.referencedTasks
        _ = expression.evaluate(continueOn: { $0.count.isMultiple(of: 2) ? .none : DependsContinueOn(failed: true, error: true) },
                                result: { task, result in (task.utf8.count + result.rawValue.utf8.count) % 3 == 0 })
    case .failure(let failure):
        precondition(!failure.issues.isEmpty, "a failed parse names no issue")
    }
    return 0
}

@_cdecl("FuzzDepends_main")
public func fuzzDependsMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    fuzzMain(argc, argv, fuzzDepends)
}
