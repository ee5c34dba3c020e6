import YAMLTree
import FuzzSupport

/// bytes -> YAML tree: libyaml's events, spans, duplicate keys, alias limits,
/// scalar resolution and the map from a scalar's value back to its source.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    let file = SourceFile(path: "fuzz.yaml", bytes: bytes)
    let parsed = YAMLParser.parse(file)
    for issue in parsed.issues { _ = file.position(ofByte: issue.span.start) }
    var budget = 20_000  // aliases can expand a small file into many nodes
    for document in parsed.documents { walk(document.root, file, inAlias: false, &budget) }
    return 0
}

/// Nodes an alias copies in keep their anchor's spans: their source maps were
/// built (and checked) once at the anchor, so copies skip them; otherwise a
/// small file of nested aliases maps the same long scalar thousands of times.
private func walk(_ node: YAMLNode, _ file: SourceFile, inAlias: Bool, _ budget: inout Int) {
    guard budget > 0 else { return }
    budget -= 1
    let inAlias = inAlias || node.aliasSpan != nil
    _ = file.text(of: node.span)
    _ = file.position(ofByte: node.span.end)
    if let scalar = node.scalar {
        _ = scalar.resolved
        if !inAlias {
            let map = ScalarSourceMap(file: file, node: node)
            let count = scalar.value.utf8.count
            _ = map.sourceOffset(count)
            _ = map.sourceSpan(0..<count)
            if count > 1 { _ = map.sourceSpan(1..<count) }
        }
    }
    if let items = node.items { for item in items { walk(item, file, inAlias: inAlias, &budget) } }
    if let pairs = node.pairs {
        for pair in pairs {
            walk(pair.key, file, inAlias: inAlias, &budget)
            walk(pair.value, file, inAlias: inAlias, &budget)
        }
    }
}

@_cdecl("FuzzYAML_main")
public func fuzzYAMLMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    fuzzMain(argc, argv, fuzzYAML)
}
