import ArgoRun
import YAMLTree
import FuzzSupport

/// The behaviour-scenario loader (`argolint test`), in memory.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScenarios(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    let loaded = ScenarioLoader.parse(SourceFile(path: "/nonexistent/fuzz-scenario.yaml", bytes: bytes))
    for issue in loaded.issues { _ = issue.description }
    return 0
}

@_cdecl("FuzzScenarios_main")
public func fuzzScenariosMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    fuzzMain(argc, argv, fuzzScenarios)
}
