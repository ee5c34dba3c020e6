/// A WireMock "string value pattern": what a URL, header, query parameter,
/// host or body must look like.
public indirect enum ValueMatcher: Sendable {
    case equalTo(String, caseInsensitive: Bool)
    case contains(String)
    case doesNotContain(String)
    case matches(WholeRegex)
    case doesNotMatch(WholeRegex)
    /// `absent: true` (the attribute must be missing); `absent: false` is read as "present".
    case absent(Bool)
    case equalToJson(JSONValue, ignoreArrayOrder: Bool, ignoreExtraElements: Bool)
    /// Presence of the path alone, or the selected value (as text) checked by the inner matcher.
    case matchesJsonPath(JSONPath, ValueMatcher?)
    case and([ValueMatcher])
    case or([ValueMatcher])
    case not(ValueMatcher)
}

extension ValueMatcher: CustomStringConvertible {
    /// The matcher in a short WireMock-like notation, for near-miss reports.
    public var description: String {
        switch self {
        case .equalTo(let v, let ci): return "equalTo \(quoted(v))" + (ci ? " (case-insensitive)" : "")
        case .contains(let v): return "contains \(quoted(v))"
        case .doesNotContain(let v): return "doesNotContain \(quoted(v))"
        case .matches(let r): return "matches \(quoted(r.pattern))"
        case .doesNotMatch(let r): return "doesNotMatch \(quoted(r.pattern))"
        case .absent(let a): return a ? "absent" : "present"
        case .equalToJson(let json, let order, let extra):
            var flags: [String] = []
            if order { flags.append("ignoreArrayOrder") }
            if extra { flags.append("ignoreExtraElements") }
            return "equalToJson \(json.jsonText)" + (flags.isEmpty ? "" : " (" + flags.joined(separator: ", ") + ")")
        case .matchesJsonPath(let path, let inner):
            return "matchesJsonPath \(path.expression)" + (inner.map { " \($0)" } ?? "")
        case .and(let all): return "and(" + all.map(\.description).joined(separator: ", ") + ")"
        case .or(let any): return "or(" + any.map(\.description).joined(separator: ", ") + ")"
        case .not(let inner): return "not(\(inner))"
        }
    }
}

/// A text in double quotes with JSON escapes, for messages.
func quoted(_ text: String) -> String {
    var out = ""
    JSONWriter.appendString(text, to: &out)
    return out
}
