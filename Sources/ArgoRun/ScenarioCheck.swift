import Foundation
import ExprLang
import YAMLTree

/// Compares what a run did with what a scenario expects, and says each
/// difference in one line: where the expectation is written, what was
/// expected, and what happened instead.
public enum ScenarioCheck {
    public struct Failure: Sendable, CustomStringConvertible {
        public var location: ScenarioLocation?
        public var message: String
        public var description: String { (location.map { "\($0): " } ?? "") + message }
    }

    public static func check(_ written: Expectations, report: RunReport, unmatched: Int) -> [Failure] {
        // Names generated at run time can be written as {{workflow.name}} and {{workflow.uid}}.
        let expect = written.expanded { $0.replacingOccurrences(of: "{{workflow.name}}", with: report.workflowName)
            .replacingOccurrences(of: "{{workflow.uid}}", with: report.uid) }
        var failures: [Failure] = []
        if let phase = expect.phase, phase != report.phase {
            failures.append(Failure(message: "expected the workflow to be \(phase.rawValue), but it \(report.phase.rawValue)" + (report.message.isEmpty ? "" : ": \(report.message)")))
        }
        if let message = expect.message, message != report.message {
            failures.append(Failure(message: "expected the workflow message \(JSONText.string(message)), got \(JSONText.string(report.message))"))
        }
        if let part = expect.messageContains, !report.message.contains(part) {
            failures.append(Failure(message: "expected the workflow message to contain \(JSONText.string(part)), got \(JSONText.string(report.message))"))
        }
        for expectation in expect.nodes { failures += check(expectation, report: report) }
        for matcher in expect.requests { failures += check(matcher, requests: report.requests) }
        if let count = expect.requestCount, count != report.requests.count {
            failures.append(Failure(message: "expected \(count) request\(count == 1 ? "" : "s"), the run sent \(report.requests.count)"))
        }
        if let expected = expect.unmatched, expected != unmatched {
            failures.append(Failure(message: "expected \(expected) unmatched request\(expected == 1 ? "" : "s"), the responder saw \(unmatched)"))
        }
        return failures
    }

    private static func check(_ expectation: NodeExpectation, report: RunReport) -> [Failure] {
        let nodes = report.nodes.filter { $0.displayName == expectation.name || $0.path == expectation.name }
        guard !nodes.isEmpty else {
            let names = report.nodes.map(\.displayName)
            let hint = bestMatch(expectation.name, among: names).map { "; did you mean \"\($0)\"?" } ?? "; nodes are \(quoted(names))"
            return [Failure(location: expectation.location, message: "no node \"\(expectation.name)\" ran" + hint)]
        }
        var failures: [Failure] = []
        for node in nodes {
            let what = nodes.count > 1 ? "node \"\(node.path)\"" : "node \"\(expectation.name)\""
            func fail(_ message: String) { failures.append(Failure(location: expectation.location, message: message)) }
            if let phase = expectation.phase, phase != node.phase {
                fail("expected \(what) to be \(phase.rawValue), but it \(node.phase.rawValue)" + (node.message.isEmpty ? "" : ": \(node.message)"))
            }
            if let message = expectation.message, message != node.message {
                fail("expected \(what) message \(JSONText.string(message)), got \(JSONText.string(node.message))")
            }
            if let part = expectation.messageContains, !node.message.contains(part) {
                fail("expected \(what) message to contain \(JSONText.string(part)), got \(JSONText.string(node.message))")
            }
            if let result = expectation.result, result != node.result {
                fail("expected \(what) result \(JSONText.string(result)), got \(node.result.map(JSONText.string) ?? "no result")")
            }
            if let part = expectation.resultContains, !(node.result ?? "").contains(part) {
                fail("expected \(what) result to contain \(JSONText.string(part)), got \(node.result.map(JSONText.string) ?? "no result")")
            }
            if let pattern = expectation.resultJSON {
                if let problem = JSONMatch.problem(pattern, text: node.result ?? "") { fail("\(what) result: \(problem)") }
            }
            for (name, value) in expectation.parameters.sorted(by: { $0.key < $1.key }) {
                let actual = node.outputParameters.first { $0.name == name }?.value
                if actual != value {
                    fail("expected \(what) output parameter \(name) = \(JSONText.string(value)), got \(actual.map(JSONText.string) ?? "none")")
                }
            }
            if let attempts = expectation.attempts, attempts != node.attempts {
                fail("expected \(what) to take \(attempts) attempt\(attempts == 1 ? "" : "s"), it took \(node.attempts)")
            }
        }
        return failures
    }

    private static func check(_ matcher: RequestExpectation, requests: [RequestRecord]) -> [Failure] {
        let results = requests.map { problems(matcher, $0) }
        let matching = results.filter(\.isEmpty).count
        if let count = matcher.count {
            return count == matching ? [] : [Failure(location: matcher.location, message: "expected \(count) request\(count == 1 ? "" : "s") matching \(describe(matcher)), found \(matching)")]
        }
        if matching > 0 { return [] }
        guard let closest = results.enumerated().min(by: { $0.element.count < $1.element.count }) else {
            return [Failure(location: matcher.location, message: "expected a request matching \(describe(matcher)), but the run sent none")]
        }
        let request = requests[closest.offset]
        return [Failure(location: matcher.location,
                        message: "no request matches \(describe(matcher)); closest: \(request.method) \(request.url) from \"\(request.node)\": "
                            + closest.element.joined(separator: "; "))]
    }

    /// Why one request does not match, one phrase per difference.
    private static func problems(_ m: RequestExpectation, _ r: RequestRecord) -> [String] {
        var out: [String] = []
        if let node = m.node, node != r.node, node != r.nodePath { out.append("node is \"\(r.node)\", not \"\(node)\"") }
        if let method = m.method, method.uppercased() != r.method { out.append("method is \(r.method), not \(method)") }
        if let url = m.url, url != r.url { out.append("url is \(r.url)") }
        if let part = m.urlContains, !r.url.contains(part) { out.append("url \(r.url) lacks \(JSONText.string(part))") }
        for (name, value) in m.headers.sorted(by: { $0.key < $1.key }) {
            let sent = r.headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
            if !sent.contains(value) { out.append(sent.isEmpty ? "no \(name) header" : "\(name) is \(sent.map(JSONText.string).joined(separator: ", "))") }
        }
        if let body = m.body, body != r.body { out.append("body is \(JSONText.string(RunReportText.trimmed(r.body)))") }
        if let part = m.bodyContains, !r.body.contains(part) { out.append("body lacks \(JSONText.string(part))") }
        if let pattern = m.bodyJSON, let problem = JSONMatch.problem(pattern, text: r.body) { out.append("body: " + problem) }
        if let wantJSON = m.bodyIsJSON {
            let isJSON = (try? ExprValue.parseJSON(r.body)) != nil
            if isJSON != wantJSON { out.append(wantJSON ? "body is not valid JSON" : "body is valid JSON") }
        }
        return out
    }

    private static func describe(_ m: RequestExpectation) -> String {
        var parts: [String] = []
        if let node = m.node { parts.append("node: \(node)") }
        if let method = m.method { parts.append("method: \(method)") }
        if let url = m.url { parts.append("url: \(url)") }
        if let part = m.urlContains { parts.append("urlContains: \(part)") }
        for (name, value) in m.headers.sorted(by: { $0.key < $1.key }) { parts.append("header \(name): \(value)") }
        if let body = m.body { parts.append("body: \(JSONText.string(body))") }
        if let part = m.bodyContains { parts.append("bodyContains: \(JSONText.string(part))") }
        if let pattern = m.bodyJSON { parts.append("bodyJson: \(pattern)") }
        if let isJSON = m.bodyIsJSON { parts.append("bodyIsJson: \(isJSON)") }
        return "{" + parts.joined(separator: ", ") + "}"
    }

    /// A node name close to the one written: same letters in another case, a loop or retry child, or a typo.
    static func bestMatch(_ word: String, among names: [String]) -> String? {
        names.first { $0.lowercased() == word.lowercased() }
            ?? names.first { $0.hasPrefix(word + "(") }
            ?? Suggestions.best(for: word, among: names)
    }

    private static func quoted(_ names: [String]) -> String {
        names.prefix(10).map { "\"\($0)\"" }.joined(separator: ", ") + (names.count > 10 ? ", ..." : "")
    }
}

enum RunReportText {
    static func trimmed(_ text: String, limit: Int = 120) -> String {
        text.count > limit ? String(text.prefix(limit - 3)) + "..." : text
    }
}

/// JSON patterns against a body or result.
enum JSONMatch {
    static func problem(_ pattern: JSONPattern, text: String) -> String? {
        guard let value = try? ExprValue.parseJSON(text) else {
            return "is not valid JSON (\(JSONText.string(RunReportText.trimmed(text))))"
        }
        return problem(pattern, value, at: "$")
    }

    private static func problem(_ pattern: JSONPattern, _ value: ExprValue, at path: String) -> String? {
        let shown = (try? value.jsonText()) ?? value.goText
        switch pattern {
        case .any: return nil
        case .null: return value.isNil ? nil : "\(path) is \(shown), not null"
        case .bool(let b):
            if case .bool(let v) = value, v == b { return nil }
            return "\(path) is \(shown), not \(b)"
        case .number(let n):
            switch value {
            case .int(let i) where Double(i) == n: return nil
            case .float(let f) where f == n: return nil
            default: return "\(path) is \(shown), not \(pattern)"
            }
        case .string(let s):
            if case .string(let v) = value, v == s { return nil }
            return "\(path) is \(shown), not \(pattern)"
        case .array(let items):
            guard case .array(let values, _, _) = value else { return "\(path) is \(shown), not a list" }
            guard values.count == items.count else { return "\(path) has \(values.count) items, not \(items.count)" }
            for (i, (p, v)) in zip(items, values).enumerated() {
                if let problem = problem(p, v, at: "\(path)[\(i)]") { return problem }
            }
            return nil
        case .object(let pairs):
            guard case .map(let entries, _) = value else { return "\(path) is \(shown), not an object" }
            for (key, p) in pairs {
                guard let v = entries[.string(key)] else { return "\(path) has no key \(JSONText.string(key))" }
                if let problem = problem(p, v, at: "\(path).\(key)") { return problem }
            }
            return nil
        }
    }
}

extension Expectations {
    /// The same expectations with `transform` applied to every string written in them.
    func expanded(_ transform: (String) -> String) -> Expectations {
        var copy = self
        copy.message = message.map(transform)
        copy.messageContains = messageContains.map(transform)
        copy.nodes = nodes.map { n in
            var e = n
            e.name = transform(n.name)
            e.message = n.message.map(transform)
            e.messageContains = n.messageContains.map(transform)
            e.result = n.result.map(transform)
            e.resultContains = n.resultContains.map(transform)
            e.resultJSON = n.resultJSON.map { $0.expanded(transform) }
            e.parameters = n.parameters.mapValues(transform)
            return e
        }
        copy.requests = requests.map { r in
            var e = r
            e.node = r.node.map(transform)
            e.url = r.url.map(transform)
            e.urlContains = r.urlContains.map(transform)
            e.headers = r.headers.mapValues(transform)
            e.body = r.body.map(transform)
            e.bodyContains = r.bodyContains.map(transform)
            e.bodyJSON = r.bodyJSON.map { $0.expanded(transform) }
            return e
        }
        return copy
    }
}

extension JSONPattern {
    func expanded(_ transform: (String) -> String) -> JSONPattern {
        switch self {
        case .string(let s): return .string(transform(s))
        case .array(let items): return .array(items.map { $0.expanded(transform) })
        case .object(let pairs): return .object(pairs.map { ($0.0, $0.1.expanded(transform)) })
        default: return self
        }
    }
}
