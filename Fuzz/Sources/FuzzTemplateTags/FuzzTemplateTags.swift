import ArgoSyntax
import FuzzSupport

/// The `{{...}}` template-tag scanner.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTemplateTags(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    let text = String(decoding: bytes, as: UTF8.self)
    _ = TemplateTagScanner.scan(text)
    _ = TemplateTagScanner.entireTag(text)
    _ = TemplateTagScanner.isEntirelyTag(text)
    _ = TemplateTagScanner.containsTag(text)
    return 0
}

@_cdecl("FuzzTemplateTags_main")
public func fuzzTemplateTagsMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    fuzzMain(argc, argv, fuzzTemplateTags)
}
