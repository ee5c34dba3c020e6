import YAMLTree

/// A JSON value whose object keys keep the order they are written in, printed
/// with two-space indentation: SARIF logs are read by people as well as
/// tools, and the same run must print the same bytes.
indirect enum JSONTree: Sendable {
    case string(String)
    case int(Int)
    case array([JSONTree])
    case object([(String, JSONTree)])

    var text: String {
        var out = ""
        write(into: &out, indent: "")
        return out + "\n"
    }

    private func write(into out: inout String, indent: String) {
        switch self {
        case .string(let s): out += doubleQuoted(s)
        case .int(let n): out += String(n)
        case .array(let items):
            guard !items.isEmpty else { out += "[]"; return }
            let inner = indent + "  "
            out += "["
            for (i, item) in items.enumerated() {
                out += (i == 0 ? "\n" : ",\n") + inner
                item.write(into: &out, indent: inner)
            }
            out += "\n" + indent + "]"
        case .object(let pairs):
            guard !pairs.isEmpty else { out += "{}"; return }
            let inner = indent + "  "
            out += "{"
            for (i, pair) in pairs.enumerated() {
                out += (i == 0 ? "\n" : ",\n") + inner + doubleQuoted(pair.0) + ": "
                pair.1.write(into: &out, indent: inner)
            }
            out += "\n" + indent + "}"
        }
    }
}
