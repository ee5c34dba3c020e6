import ArgoLint
import FuzzSupport

/// bytes -> model -> every rule, as `argolint lint` runs them, then one of the
/// output formats. The input's length picks the dialect and the format, so
/// every seed is tried both ways as the fuzzer grows and shrinks it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLint(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    let options = LintOptions(dialect: size & 1 == 0 ? .argo : .seed)
    let input = LintInput(path: "fuzz.yaml", bytes: bytes)
    let reports = Linter(options: options).lint([input])
    let result = LintResult(reports: reports)
    let format: any OutputFormat
    // SARIF carries every rule's documentation (tens of milliseconds), so it comes rarely.
    switch (size >> 1) % 32 {
    case 0..<10: format = HumanFormatter(colour: false)
    case 10..<20: format = JSONFormatter()
    case 20..<31: format = GitHubFormatter()
    default: format = SARIFFormatter(workingDirectory: "/")
    }
    _ = format.render(result)
    return 0
}

@_cdecl("FuzzLint_main")
public func fuzzLintMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    fuzzMain(argc, argv, fuzzLint)
}
