import YAMLTree

/// Decodes a stub's `request` object.
enum RequestPatternDecoder {
    static let keys = ["method", "url", "urlPath", "urlPattern", "urlPathPattern", "queryParameters", "headers",
                       "bodyPatterns", "host"]
    static let unsupported: Set<String> = ["urlPathTemplate", "pathParameters", "cookies", "formParameters",
                                           "basicAuthCredentials", "multipartPatterns", "port", "scheme", "clientIp",
                                           "customMatcher"]
    static let urlKeys: Set<String> = ["url", "urlPath", "urlPattern", "urlPathPattern"]

    static func decode(_ node: YAMLNode, _ context: inout DecodeContext) -> RequestPattern? {
        guard let pairs = context.mapping(node, "request") else { return nil }
        var pattern = RequestPattern()
        var urlKey: String?
        var ok = true
        for pair in pairs {
            guard let key = context.keyName(pair) else { ok = false; continue }
            let value = pair.value
            if urlKeys.contains(key) {
                // The same key twice is already reported as a duplicate key.
                if let first = urlKey, first != key {
                    context.report("\"\(key)\" conflicts with \"\(first)\"; give one of url, urlPath, urlPattern, urlPathPattern", at: pair.key)
                    ok = false
                    continue
                }
                urlKey = key
            }
            switch key {
            case "method":
                guard let method = context.string(value, "method") else { ok = false; continue }
                if method == "ANY" {
                    pattern.method = nil
                } else if !HTTPSyntax.isToken(method) {
                    context.report("method \(quoted(method)) is not a valid HTTP method", at: value)
                    ok = false
                } else if method != method.uppercased(), ["ANY", "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"].contains(method.uppercased()) {
                    // Methods are case-sensitive: "get" would never match a GET.
                    context.report("method \(quoted(method)) never matches: methods are case-sensitive; did you mean \"\(method.uppercased())\"?", at: value)
                    ok = false
                } else {
                    pattern.method = method
                }
            case "url":
                if let text = context.string(value, "url") { pattern.url = .url(text) } else { ok = false }
            case "urlPath":
                if let text = context.string(value, "urlPath") { pattern.url = .urlPath(text) } else { ok = false }
            case "urlPattern":
                if let regex = MatcherDecoder.regex(value, "urlPattern", &context) { pattern.url = .urlPattern(regex) } else { ok = false }
            case "urlPathPattern":
                if let regex = MatcherDecoder.regex(value, "urlPathPattern", &context) { pattern.url = .urlPathPattern(regex) } else { ok = false }
            case "queryParameters":
                if let named = namedMatchers(value, "queryParameters", "query parameter", &context) { pattern.queryParameters = named } else { ok = false }
            case "headers":
                if let named = namedMatchers(value, "headers", "header", &context) { pattern.headers = named } else { ok = false }
            case "host":
                if let matcher = MatcherDecoder.decode(value, "host", &context) { pattern.host = matcher } else { ok = false }
            case "bodyPatterns":
                guard let items = context.sequence(value, "bodyPatterns") else { ok = false; continue }
                for item in items {
                    if let matcher = MatcherDecoder.decode(item, "a body pattern", &context) { pattern.bodyPatterns.append(matcher) } else { ok = false }
                }
            default:
                context.unknownKey(pair.key, key, in: "request", known: keys, unsupported: unsupported)
                ok = false
            }
        }
        return ok ? pattern : nil
    }

    /// `{Name: <matcher>, ...}` for headers and query parameters.
    private static func namedMatchers(_ node: YAMLNode, _ what: String, _ singular: String, _ context: inout DecodeContext) -> [NamedMatcher]? {
        guard let pairs = context.mapping(node, what) else { return nil }
        var result: [NamedMatcher] = []
        var ok = true
        for pair in pairs {
            guard let name = context.keyName(pair) else { ok = false; continue }
            if let matcher = MatcherDecoder.decode(pair.value, "\(singular) \(quoted(name))", &context) {
                result.append(NamedMatcher(name: name, matcher: matcher))
            } else {
                ok = false
            }
        }
        return ok ? result : nil
    }
}
