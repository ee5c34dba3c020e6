import Foundation
import YAMLTree

/// Decodes the documents of one stub file: a single stub mapping, or
/// `{mappings: [...]}`.
enum StubDecoder {
    static let stubKeys = ["id", "name", "priority", "request", "response", "scenarioName", "requiredScenarioState",
                           "newScenarioState", "metadata", "persistent", "uuid", "insertionIndex"]
    static let unsupportedStubKeys: Set<String> = ["postServeActions", "serveEventListeners"]
    static let fileKeys = ["mappings", "importOptions", "meta"]

    static func decodeDocument(_ root: YAMLNode, _ context: inout DecodeContext) -> [StubMapping] {
        if root.isNull { return [] }
        guard let pairs = root.pairs else {
            context.report("a stub file holds one stub mapping or {mappings: [...]}, found \(root.kindDescription)", at: root)
            return []
        }
        guard let list = pairs.first(key: "mappings") else {
            return decodeStub(root, &context).map { [$0] } ?? []
        }
        for pair in pairs {
            guard let key = context.keyName(pair) else { continue }
            if !fileKeys.contains(key) {
                context.report("unknown key \"\(key)\" beside \"mappings\"" + Suggestion.hint(for: key, among: fileKeys)
                               + "; stubs go inside the \"mappings\" list", at: pair.key)
            }
        }
        guard let items = context.sequence(list.value, "mappings") else { return [] }
        if items.isEmpty { context.report("\"mappings\" is empty: the file defines no stubs", at: list.value) }
        return items.compactMap { decodeStub($0, &context) }
    }

    static func decodeStub(_ node: YAMLNode, _ context: inout DecodeContext) -> StubMapping? {
        guard let pairs = context.mapping(node, "a stub mapping") else { return nil }
        var id: String?
        var name: String?
        var priority = StubMapping.defaultPriority
        var request: RequestPattern?
        var response = ResponseDefinition()
        var scenario: (name: String?, required: String?, new: String?) = (nil, nil, nil)
        var scenarioSpans: [SourceSpan] = []
        var ok = true
        for pair in pairs {
            guard let key = context.keyName(pair) else { ok = false; continue }
            let value = pair.value
            switch key {
            case "id":
                if let text = context.string(value, "id") { id = text } else { ok = false }
            case "name":
                if let text = context.string(value, "name") { name = text } else { ok = false }
            case "priority":
                if let p = context.integer(value, "priority", in: 1...Int(Int32.max)) { priority = p } else { ok = false }
            case "request":
                request = RequestPatternDecoder.decode(value, &context)
                if request == nil { ok = false }
            case "response":
                if let r = ResponseDecoder.decode(value, &context) { response = r } else { ok = false }
            case "scenarioName":
                if let text = context.string(value, "scenarioName") { scenario.name = text } else { ok = false }
            case "requiredScenarioState":
                if let text = context.string(value, "requiredScenarioState") { scenario.required = text; scenarioSpans.append(pair.key.span) } else { ok = false }
            case "newScenarioState":
                if let text = context.string(value, "newScenarioState") { scenario.new = text; scenarioSpans.append(pair.key.span) } else { ok = false }
            case "metadata", "persistent", "uuid", "insertionIndex":
                break  // WireMock bookkeeping: accepted so exported stubs load, but it changes nothing here.
            default:
                // "mappings" is a candidate too: a misspelt one makes the file read as a single stub.
                context.unknownKey(pair.key, key, in: "the stub mapping", known: stubKeys + ["mappings"], unsupported: unsupportedStubKeys)
                ok = false
            }
        }
        if pairs.first(key: "request") == nil {
            context.report("a stub mapping needs a \"request\"", at: node)
            ok = false
        }
        if scenario.name == nil, let span = scenarioSpans.first {
            context.report("scenario states need \"scenarioName\"", at: span)
            ok = false
        }
        guard ok, let request else { return nil }
        let stubID = id ?? UUID().uuidString.lowercased()
        return StubMapping(id: stubID, name: name, priority: priority, request: request, response: response,
                           scenarioName: scenario.name, requiredScenarioState: scenario.required,
                           newScenarioState: scenario.new, location: context.location(of: node.span),
                           definition: definition(of: node, id: stubID, context))
    }

    /// The stub as written, with its id first when the file gave none.
    private static func definition(of node: YAMLNode, id: String, _ context: DecodeContext) -> JSONValue {
        var scratch = context  // problems were already reported by the typed decoders
        guard case .object(var members)? = JSONBridge.value(node, &scratch) else { return .object([]) }
        if !members.contains(where: { $0.key == "id" }) { members.insert(JSONMember(key: "id", value: .string(id)), at: 0) }
        return .object(members)
    }
}
