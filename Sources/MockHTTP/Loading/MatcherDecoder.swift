import YAMLTree

/// Decodes WireMock matcher objects (`{equalTo: "x"}`, `{matches: "re"}`,
/// `{and: [...]}`, ...). A matcher name this responder does not know is an
/// error, never a pattern that quietly matches everything.
enum MatcherDecoder {
    static let operators = ["equalTo", "contains", "doesNotContain", "matches", "doesNotMatch", "absent",
                            "equalToJson", "matchesJsonPath", "and", "or", "not"]
    /// Modifier keys and the operator each belongs to.
    static let modifiers: [String: String] = ["caseInsensitive": "equalTo", "ignoreArrayOrder": "equalToJson",
                                              "ignoreExtraElements": "equalToJson"]
    /// WireMock matchers outside the supported subset.
    static let unsupported: Set<String> = ["binaryEqualTo", "equalToXml", "matchesXPath", "matchesJsonSchema", "before",
                                           "after", "equalToDateTime", "hasExactly", "includes", "containsJsonPath"]

    static var allNames: [String] { operators + modifiers.keys.sorted() }

    /// `what` names the attribute in messages ("header \"Accept\"").
    static func decode(_ node: YAMLNode, _ what: String, _ context: inout DecodeContext) -> ValueMatcher? {
        guard let pairs = node.pairs else {
            context.report("\(what) must be a matcher such as {equalTo: ...}, found \(node.kindDescription)", at: node)
            return nil
        }
        return decode(pairs: Array(pairs), in: node, what, &context)
    }

    /// The pairs of one matcher object (the `expression` of a JSONPath matcher already removed).
    static func decode(pairs: [YAMLPair], in node: YAMLNode, _ what: String, _ context: inout DecodeContext) -> ValueMatcher? {
        var chosen: (name: String, pair: YAMLPair)?
        var flags: [String: (value: Bool, pair: YAMLPair)] = [:]
        var ok = true
        for pair in pairs {
            guard let name = context.keyName(pair) else { ok = false; continue }
            if operators.contains(name) {
                if let first = chosen {
                    context.report("\(what) has both \"\(first.name)\" and \"\(name)\"; one matcher per object (combine them with and/or)", at: pair.key)
                    ok = false
                } else {
                    chosen = (name, pair)
                }
            } else if modifiers[name] != nil {
                guard let value = context.bool(pair.value, "\"\(name)\"") else { ok = false; continue }
                flags[name] = (value, pair)
            } else if unsupported.contains(name) {
                context.report("matcher \"\(name)\" is not supported by the argolint mock responder (supported: \(operators.joined(separator: ", ")))", at: pair.key)
                ok = false
            } else {
                context.report("unknown matcher \"\(name)\" in \(what)" + Suggestion.hint(for: name, among: allNames), at: pair.key)
                ok = false
            }
        }
        guard let chosen else {
            if ok { context.report("\(what) has no matcher; expected one of \(operators.joined(separator: ", "))", at: node) }
            return nil
        }
        for (flag, entry) in flags where modifiers[flag] != chosen.name {
            context.report("\"\(flag)\" applies only to \(modifiers[flag] ?? "")", at: entry.pair.key)
            ok = false
        }
        guard let matcher = decodeOperator(chosen.name, chosen.pair.value, flags.mapValues(\.value), what, &context), ok else { return nil }
        return matcher
    }

    private static func decodeOperator(_ name: String, _ value: YAMLNode, _ flags: [String: Bool], _ what: String,
                                       _ context: inout DecodeContext) -> ValueMatcher? {
        switch name {
        case "equalTo":
            return context.string(value, "equalTo").map { .equalTo($0, caseInsensitive: flags["caseInsensitive"] ?? false) }
        case "contains":
            return context.string(value, "contains").map { .contains($0) }
        case "doesNotContain":
            return context.string(value, "doesNotContain").map { .doesNotContain($0) }
        case "matches":
            return regex(value, "matches", &context).map { .matches($0) }
        case "doesNotMatch":
            return regex(value, "doesNotMatch", &context).map { .doesNotMatch($0) }
        case "absent":
            return context.bool(value, "absent").map { .absent($0) }
        case "equalToJson":
            return json(value, &context).map {
                .equalToJson($0, ignoreArrayOrder: flags["ignoreArrayOrder"] ?? false, ignoreExtraElements: flags["ignoreExtraElements"] ?? false)
            }
        case "matchesJsonPath":
            return jsonPath(value, what, &context)
        case "and", "or":
            guard let items = context.sequence(value, "\"\(name)\"") else { return nil }
            guard !items.isEmpty else {
                context.report("\"\(name)\" needs at least one matcher", at: value)
                return nil
            }
            var matchers: [ValueMatcher] = []
            var ok = true
            for item in items {
                if let m = decode(item, "an item of \"\(name)\"", &context) { matchers.append(m) } else { ok = false }
            }
            guard ok else { return nil }
            return name == "and" ? .and(matchers) : .or(matchers)
        case "not":
            return decode(value, "\"not\"", &context).map { .not($0) }
        default:
            return nil
        }
    }

    static func regex(_ node: YAMLNode, _ what: String, _ context: inout DecodeContext) -> WholeRegex? {
        guard let pattern = context.string(node, what) else { return nil }
        do {
            return try WholeRegex(pattern: pattern)
        } catch {
            context.report("\(what): \(error.message)", at: node)
            return nil
        }
    }

    /// A JSON value written inline, or as a string holding JSON text (both are WireMock forms).
    private static func json(_ node: YAMLNode, _ context: inout DecodeContext) -> JSONValue? {
        if let scalar = node.scalar, case .string = scalar.resolved {
            guard let parsed = JSONParser.parse(scalar.value) else {
                context.report("equalToJson: the string is not valid JSON", at: node)
                return nil
            }
            return parsed
        }
        return JSONBridge.value(node, &context)
    }

    /// `matchesJsonPath: "$.a"` or `matchesJsonPath: {expression: "$.a", equalTo: "1"}`.
    private static func jsonPath(_ node: YAMLNode, _ what: String, _ context: inout DecodeContext) -> ValueMatcher? {
        if node.isScalar {
            return path(node, &context).map { .matchesJsonPath($0, nil) }
        }
        guard let pairs = context.mapping(node, "matchesJsonPath") else { return nil }
        guard let expression = pairs.first(key: "expression") else {
            context.report("matchesJsonPath needs \"expression\" (and a matcher for the value, such as equalTo)", at: node)
            return nil
        }
        let parsed = path(expression.value, &context)
        let rest = pairs.filter { $0.key.stringValue != "expression" }
        guard !rest.isEmpty else {
            return parsed.map { .matchesJsonPath($0, nil) }
        }
        let inner = decode(pairs: rest, in: node, "matchesJsonPath", &context)
        guard let parsed, let inner else { return nil }
        return .matchesJsonPath(parsed, inner)
    }

    private static func path(_ node: YAMLNode, _ context: inout DecodeContext) -> JSONPath? {
        guard let text = context.string(node, "the JSONPath expression") else { return nil }
        switch JSONPath.parse(text) {
        case .success(let path): return path
        case .failure(let error):
            context.report("JSONPath \(quoted(text)): \(error.message)", at: node)
            return nil
        }
    }
}
