import ArgoLint
import FuzzSupport

/// `argolint fix --unsafe-fixes`: lint, apply every fix, re-lint, repeat. It
/// must never crash, and must settle: once the fixer stops, no fix that is
/// still offered may change the text (that would be two fixes undoing each
/// other, or one that never makes its finding go away).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFix(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    let options = LintOptions(dialect: size & 1 == 0 ? .argo : .seed)
    let session = Linter(options: options).session([LintInput(path: "fuzz.yaml", bytes: bytes)])
    var fixer = Fixer(session: session, includeUnsafe: true)
    fixer.maxRounds = 50
    let outcome = fixer.fix(path: "fuzz.yaml", bytes: bytes)
    let left = outcome.remaining.diagnostics.compactMap(\.fix)
    let (next, taken) = FixApplier.apply(left, to: outcome.bytes)
    if !taken.isEmpty && next != outcome.bytes {
        fatalError("fix did not settle after \(fixer.maxRounds) rounds: \(taken.count) fixes still apply")
    }
    return 0
}

@_cdecl("FuzzFix_main")
public func fuzzFixMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    fuzzMain(argc, argv, fuzzFix)
}
