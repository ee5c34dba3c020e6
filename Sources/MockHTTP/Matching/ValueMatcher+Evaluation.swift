extension ValueMatcher {
    /// Whether the matcher accepts a value; nil means the attribute is missing.
    func matches(_ subject: MatchSubject?) -> Bool {
        switch self {
        case .absent(let mustBeAbsent):
            return (subject == nil) == mustBeAbsent
        case .and(let all):
            return all.allSatisfy { $0.matches(subject) }
        case .or(let any):
            return any.contains { $0.matches(subject) }
        case .not(let inner):
            return !inner.matches(subject)
        default:
            break
        }
        guard let subject else { return false }
        let text = subject.text
        switch self {
        case .equalTo(let expected, let caseInsensitive):
            return caseInsensitive ? text.lowercased() == expected.lowercased() : text == expected
        case .contains(let part):
            return part.isEmpty || text.contains(part)
        case .doesNotContain(let part):
            return !part.isEmpty && !text.contains(part)
        case .matches(let regex):
            return regex.matches(text)
        case .doesNotMatch(let regex):
            return !regex.matches(text)
        case .equalToJson(let expected, let ignoreArrayOrder, let ignoreExtraElements):
            guard let actual = subject.json else { return false }
            let comparison = JSONComparison(ignoreArrayOrder: ignoreArrayOrder, ignoreExtraElements: ignoreExtraElements)
            return comparison.matches(expected: expected, actual: actual)
        case .matchesJsonPath(let path, let inner):
            guard let root = subject.json else { return false }
            return Self.jsonPathMatches(path, inner, root)
        case .absent, .and, .or, .not:
            return false  // handled above
        }
    }

    /// A single-value matcher on a possibly repeated attribute passes when
    /// any value passes; with no value at all it sees "missing".
    func matchesAny(_ values: [String]) -> Bool {
        if values.isEmpty { return matches(nil) }
        return values.contains { matches(MatchSubject(text: $0)) }
    }

    /// Presence alone: a non-null value, and a non-empty one for objects and
    /// arrays. With an inner matcher: any selected value, as text, passes it
    /// (nothing selected is "missing", so `absent` can be asked for).
    private static func jsonPathMatches(_ path: JSONPath, _ inner: ValueMatcher?, _ root: JSONValue) -> Bool {
        let selected = path.select(in: root).filter { $0 != .null }
        guard let inner else {
            return selected.contains { value in
                switch value {
                case .array(let items): return !items.isEmpty
                case .object(let members): return !members.isEmpty
                default: return true
                }
            }
        }
        if selected.isEmpty { return inner.matches(nil) }
        return selected.contains { inner.matches(MatchSubject(text: textForm($0), json: $0)) }
    }

    /// How a selected JSON value is compared as text: strings bare, the rest as compact JSON.
    static func textForm(_ value: JSONValue) -> String {
        if case .string(let s) = value { return s }
        return value.jsonText
    }
}
