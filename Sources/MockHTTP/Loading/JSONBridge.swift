import YAMLTree

/// Turns a YAML (or JSON) node into a `JSONValue`, for `jsonBody`,
/// `equalToJson` and the stub definitions served by the admin API.
enum JSONBridge {
    static func value(_ node: YAMLNode, _ context: inout DecodeContext) -> JSONValue? {
        switch node.content {
        case .scalar(let scalar):
            switch scalar.resolved {
            case .string: return .string(scalar.value)
            case .null: return .null
            case .bool(let b): return .bool(b)
            case .int(let i):
                // Keep the text when it is already JSON (big numbers stay exact); YAML-only forms (0x1F, 1_000) become decimal.
                return .number(isJSONNumber(scalar.value) ? scalar.value : String(i))
            case .float(let d):
                if isJSONNumber(scalar.value) { return .number(scalar.value) }
                guard d.isFinite else {
                    context.report("\(scalar.value) has no JSON form; quote it to send a string", at: node)
                    return nil
                }
                return .number("\(d)")
            }
        case .sequence(let items):
            var values: [JSONValue] = []
            var ok = true
            for item in items {
                if let v = value(item, &context) { values.append(v) } else { ok = false }
            }
            return ok ? .array(values) : nil
        case .mapping(let pairs):
            var members: [JSONMember] = []
            var ok = true
            for pair in pairs {
                guard let key = context.keyName(pair) else { ok = false; continue }
                if let v = value(pair.value, &context) { members.append(JSONMember(key: key, value: v)) } else { ok = false }
            }
            return ok ? .object(members) : nil
        }
    }

    /// True for text that is a JSON number literal as it stands.
    static func isJSONNumber(_ text: String) -> Bool {
        guard let parsed = JSONParser.parse(text), case .number = parsed else { return false }
        return !text.hasPrefix(" ") && !text.hasSuffix(" ")
    }
}
