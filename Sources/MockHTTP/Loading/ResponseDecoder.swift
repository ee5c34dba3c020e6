import Foundation
import YAMLTree

/// Decodes a stub's `response` object, reading body files now so a missing
/// one is a load error rather than a failure on the first request.
enum ResponseDecoder {
    static let keys = ["status", "statusMessage", "headers", "body", "jsonBody", "base64Body", "bodyFileName",
                       "fixedDelayMilliseconds", "fault"]
    static let unsupported: Set<String> = ["delayDistribution", "chunkedDribbleDelay", "transformers",
                                           "transformerParameters", "proxyBaseUrl", "additionalProxyRequestHeaders",
                                           "removeProxyRequestHeaders", "proxyUrlPrefixToRemove"]
    static let bodyKeys: Set<String> = ["body", "jsonBody", "base64Body", "bodyFileName"]
    /// A day: anything longer is a typo (and would overflow nothing, but never end).
    static let maxDelay = 86_400_000

    static func decode(_ node: YAMLNode, _ context: inout DecodeContext) -> ResponseDefinition? {
        guard let pairs = context.mapping(node, "response") else { return nil }
        var response = ResponseDefinition()
        var bodyKey: String?
        var ok = true
        for pair in pairs {
            guard let key = context.keyName(pair) else { ok = false; continue }
            let value = pair.value
            if bodyKeys.contains(key) {
                // The same key twice is already reported as a duplicate key.
                if let first = bodyKey, first != key {
                    context.report("\"\(key)\" conflicts with \"\(first)\"; give one of body, jsonBody, base64Body, bodyFileName", at: pair.key)
                    ok = false
                    continue
                }
                bodyKey = key
            }
            switch key {
            case "status":
                if let status = context.integer(value, "status", in: 200...599) { response.status = status } else { ok = false }
            case "statusMessage":
                guard let message = context.string(value, "statusMessage") else { ok = false; continue }
                if HTTPSyntax.isFieldValue(message) {
                    response.statusMessage = message
                } else {
                    context.report("statusMessage must be one line", at: value)
                    ok = false
                }
            case "headers":
                if let headers = headers(value, &context) { response.headers = headers } else { ok = false }
            case "body":
                if let text = context.string(value, "body") { response.body = Array(text.utf8) } else { ok = false }
            case "jsonBody":
                if let json = JSONBridge.value(value, &context) { response.body = Array(json.jsonText.utf8) } else { ok = false }
            case "base64Body":
                guard let text = context.string(value, "base64Body") else { ok = false; continue }
                // Line breaks and spaces are allowed so long bodies can be folded in YAML.
                let compact = text.filter { !$0.isWhitespace }
                if let data = Data(base64Encoded: compact) {
                    response.body = Array(data)
                } else {
                    context.report("base64Body is not valid base64", at: value)
                    ok = false
                }
            case "bodyFileName":
                guard let name = context.string(value, "bodyFileName") else { ok = false; continue }
                if let bytes = bodyFile(name, at: value, &context) { response.body = bytes } else { ok = false }
            case "fixedDelayMilliseconds":
                if let delay = context.integer(value, "fixedDelayMilliseconds", in: 0...maxDelay) { response.fixedDelayMilliseconds = delay } else { ok = false }
            case "fault":
                guard let name = context.string(value, "fault") else { ok = false; continue }
                if let fault = Fault(rawValue: name) {
                    response.fault = fault
                } else {
                    let names = Fault.allCases.map(\.rawValue)
                    context.report("unknown fault \(quoted(name)); expected one of \(names.joined(separator: ", "))" + Suggestion.hint(for: name, among: names), at: value)
                    ok = false
                }
            default:
                context.unknownKey(pair.key, key, in: "response", known: keys, unsupported: unsupported)
                ok = false
            }
        }
        return ok ? response : nil
    }

    /// `{Name: value}` or `{Name: [v1, v2]}` (a repeated header).
    private static func headers(_ node: YAMLNode, _ context: inout DecodeContext) -> [HTTPField]? {
        guard let pairs = context.mapping(node, "response headers") else { return nil }
        var fields: [HTTPField] = []
        var ok = true
        for pair in pairs {
            guard let name = context.keyName(pair) else { ok = false; continue }
            guard HTTPSyntax.isToken(name) else {
                context.report("\(quoted(name)) is not a valid header name", at: pair.key)
                ok = false
                continue
            }
            let valueNodes = pair.value.items.map(Array.init) ?? [pair.value]
            for valueNode in valueNodes {
                guard let value = context.string(valueNode, "the value of header \(quoted(name))") else { ok = false; continue }
                guard HTTPSyntax.isFieldValue(value) else {
                    context.report("the value of header \(quoted(name)) must be one line", at: valueNode)
                    ok = false
                    continue
                }
                fields.append(HTTPField(name: name, value: value))
            }
        }
        return ok ? fields : nil
    }

    private static func bodyFile(_ name: String, at node: YAMLNode, _ context: inout DecodeContext) -> [UInt8]? {
        let relative = name.hasPrefix("/") ? String(name.drop(while: { $0 == "/" })) : name
        for directory in context.filesDirectories {
            let candidate = (directory as NSString).appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
               let data = FileManager.default.contents(atPath: candidate) {
                return Array(data)
            }
        }
        let looked = context.filesDirectories.isEmpty ? "no __files folder is known for this stub"
            : "looked in " + context.filesDirectories.joined(separator: ", ")
        context.report("bodyFileName \(quoted(name)) not found (\(looked))", at: node)
        return nil
    }
}
