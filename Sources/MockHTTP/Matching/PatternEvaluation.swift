/// One request attribute a stub asks about, and whether the request has it.
/// Only failed checks carry descriptions: they are what a near-miss report shows.
struct AttributeCheck: Sendable {
    let attribute: String
    let passed: Bool
    let expected: String
    let actual: String
}

/// Applies a request pattern to a request, attribute by attribute.
enum PatternEvaluation {
    static func matches(_ pattern: RequestPattern, _ request: IncomingRequest) -> Bool {
        checks(pattern, request, stopAtFirstFailure: true).allSatisfy(\.passed)
    }

    static func checks(_ pattern: RequestPattern, _ request: IncomingRequest, stopAtFirstFailure: Bool = false) -> [AttributeCheck] {
        var result: [AttributeCheck] = []
        var failed = false
        func check(_ attribute: @autoclosure () -> String, _ passed: Bool, expected: @autoclosure () -> String, actual: @autoclosure () -> String) {
            guard !(failed && stopAtFirstFailure) else { return }
            if passed {
                result.append(AttributeCheck(attribute: "", passed: true, expected: "", actual: ""))
            } else {
                failed = true
                result.append(AttributeCheck(attribute: attribute(), passed: false, expected: expected(), actual: actual()))
            }
        }
        let target = request.target
        if let method = pattern.method {
            check("method", request.method == method, expected: method, actual: request.method)
        }
        switch pattern.url {
        case .any:
            break
        case .url(let url):
            check("url", target.pathAndQuery == url, expected: quoted(url), actual: quoted(target.pathAndQuery))
        case .urlPath(let path):
            check("urlPath", target.path == path, expected: quoted(path), actual: quoted(target.path))
        case .urlPattern(let regex):
            check("urlPattern", regex.matches(target.pathAndQuery), expected: "matches \(quoted(regex.pattern))", actual: quoted(target.pathAndQuery))
        case .urlPathPattern(let regex):
            check("urlPathPattern", regex.matches(target.path), expected: "matches \(quoted(regex.pattern))", actual: quoted(target.path))
        }
        if let host = pattern.host {
            let values = request.host.map { [$0] } ?? []
            check("host", host.matchesAny(values), expected: host.description, actual: describe(values))
        }
        for parameter in pattern.queryParameters {
            let values = request.queryValues(parameter.name)
            check("query parameter \(quoted(parameter.name))", parameter.matcher.matchesAny(values),
                  expected: parameter.matcher.description, actual: describe(values))
        }
        for header in pattern.headers {
            let values = request.headerValues(header.name)
            check("header \(quoted(header.name))", header.matcher.matchesAny(values),
                  expected: header.matcher.description, actual: describe(values))
        }
        let body = MatchSubject(text: request.bodyText, json: request.bodyJSON)
        for bodyPattern in pattern.bodyPatterns {
            check("body", bodyPattern.matches(body), expected: bodyPattern.description, actual: describe([request.bodyText]))
        }
        return result
    }

    /// Values for a report: quoted and shortened, or "absent".
    static func describe(_ values: [String]) -> String {
        guard !values.isEmpty else { return "absent" }
        return values.map { quoted(shortened($0)) }.joined(separator: ", ")
    }

    static func shortened(_ text: String, limit: Int = 200) -> String {
        text.count <= limit ? text : String(text.prefix(limit)) + "..."
    }
}
