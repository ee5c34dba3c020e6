import YAMLTree

/// Compact JSON serialization: no whitespace, members in stored order, only
/// the escapes JSON requires (non-ASCII text stays UTF-8).
enum JSONWriter {
    static func write(_ value: JSONValue) -> String {
        var out = ""
        append(value, to: &out)
        return out
    }

    static func append(_ value: JSONValue, to out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let text): out += text
        case .string(let s): appendString(s, to: &out)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                append(item, to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (i, member) in members.enumerated() {
                if i > 0 { out += "," }
                appendString(member.key, to: &out)
                out += ":"
                append(member.value, to: &out)
            }
            out += "}"
        }
    }

    /// One quoting for all of argolint's JSON: YAMLTree's, valid as JSON and as YAML.
    static func appendString(_ text: String, to out: inout String) {
        out += doubleQuoted(text)
    }
}
