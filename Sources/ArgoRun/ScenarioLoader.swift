import Foundation
import YAMLTree

/// A problem in a scenario file, at its exact place.
public struct ScenarioIssue: Sendable, Error, CustomStringConvertible {
    public var location: ScenarioLocation
    public var message: String
    public var description: String { "\(location): \(message)" }
}

/// Reads scenario files (DESIGN.md, Scenarios). Unknown keys and values of
/// the wrong shape are errors with a did-you-mean: a misspelt expectation
/// that silently checks nothing would make a test pass that should fail.
public enum ScenarioLoader {
    static let fileKeys = ["name", "workflow", "dialect", "mocks", "secrets", "parameters", "stubs", "responses", "expect", "seed", "tests"]
    static let expectKeys = ["phase", "message", "messageContains", "nodes", "requests", "unmatched", "requestCount"]
    static let nodeKeys = ["phase", "message", "messageContains", "result", "resultContains", "resultJson", "parameters", "attempts"]
    static let requestKeys = ["node", "method", "url", "urlContains", "headers", "body", "bodyContains", "bodyJson", "bodyIsJson", "count"]
    static let stubKeys = ["phase", "result", "parameters", "message", "exitCode"]

    public static func load(path: String) -> (scenarios: [Scenario], issues: [ScenarioIssue]) {
        guard let data = FileManager.default.contents(atPath: path) else {
            return ([], [ScenarioIssue(location: ScenarioLocation(path: path, line: 1, column: 1), message: "cannot read the file")])
        }
        return parse(SourceFile(path: path, bytes: [UInt8](data)))
    }

    public static func parse(_ file: SourceFile) -> (scenarios: [Scenario], issues: [ScenarioIssue]) {
        var reader = Reader(file: file)
        let parsed = YAMLParser.parse(file)
        for diagnostic in parsed.issues where diagnostic.severity == .error {
            reader.issue(diagnostic.span, diagnostic.message)
        }
        guard reader.issues.isEmpty else { return ([], reader.issues) }
        guard let root = parsed.documents.first?.root, root.isMapping else {
            reader.issue(parsed.documents.first?.root.span ?? SourceSpan(start: 0, end: 0), "a scenario file is a mapping with workflow, mocks and expect")
            return ([], reader.issues)
        }
        reader.checkKeys(root, allowed: fileKeys, what: "scenario")
        let base = reader.scenario(root, inheriting: nil)
        var scenarios: [Scenario] = []
        if let tests = root["tests"] {
            guard let items = tests.items else {
                reader.issue(tests.span, "tests is a list of scenarios")
                return ([], reader.issues)
            }
            for (index, item) in items.enumerated() {
                guard item.isMapping else { reader.issue(item.span, "each entry of tests is a mapping"); continue }
                reader.checkKeys(item, allowed: fileKeys.filter { $0 != "tests" }, what: "test")
                var scenario = reader.scenario(item, inheriting: base)
                if item["name"] == nil { scenario.name = "\(base.name) #\(index + 1)" }
                scenarios.append(scenario)
            }
        } else {
            scenarios.append(base)
        }
        if base.workflow.isEmpty { reader.issue(root.span, "the scenario names no workflow; add workflow: PATH") }
        let issues = reader.issues.sorted { ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column) }
        return (issues.isEmpty ? scenarios : [], issues)
    }

    private struct Reader {
        let file: SourceFile
        var issues: [ScenarioIssue] = []
        var directory: String { (file.path as NSString).deletingLastPathComponent }

        init(file: SourceFile) { self.file = file }

        func location(_ span: SourceSpan) -> ScenarioLocation {
            let position = file.position(ofByte: span.start)
            return ScenarioLocation(path: file.path, line: position.line, column: position.column)
        }

        mutating func issue(_ span: SourceSpan, _ message: String) {
            issues.append(ScenarioIssue(location: location(span), message: message))
        }

        mutating func checkKeys(_ node: YAMLNode, allowed: [String], what: String) {
            for pair in node.mappingPairs {
                guard let key = pair.key.stringValue, !allowed.contains(key) else { continue }
                issue(pair.key.span, "unknown \(what) key \"\(key)\"" + Suggestions.didYouMean(key, among: allowed)
                      + (Suggestions.best(for: key, among: allowed) == nil ? "; known keys are \(Suggestions.quotedList(allowed))" : ""))
            }
        }

        func resolvePath(_ text: String) -> String {
            text.hasPrefix("/") || directory.isEmpty ? text : (directory as NSString).appendingPathComponent(text)
        }

        mutating func string(_ node: YAMLNode?, _ what: String) -> String? {
            guard let node else { return nil }
            guard let scalar = node.scalar, !node.isNull else {
                issue(node.span, "\(what) must be a single value")
                return nil
            }
            return scalar.value
        }

        mutating func paths(_ node: YAMLNode?, _ what: String) -> [String]? {
            guard let node else { return nil }
            if let items = node.items { return items.compactMap { string($0, what).map(resolvePath) } }
            return string(node, what).map { [resolvePath($0)] }
        }

        mutating func phase(_ node: YAMLNode?) -> NodePhase? {
            guard let text = string(node, "phase"), let node else { return nil }
            if let phase = NodePhase(rawValue: text) { return phase }
            let names = NodePhase.allCases.map(\.rawValue)
            issue(node.span, "\"\(text)\" is not a node phase" + Suggestions.didYouMean(text, among: names) + "; phases are \(Suggestions.quotedList(names))")
            return nil
        }

        mutating func integer(_ node: YAMLNode?, _ what: String) -> Int? {
            guard let text = string(node, what), let node else { return nil }
            guard let value = Int(text), value >= 0 else { issue(node.span, "\(what) must be a whole number ≥ 0"); return nil }
            return value
        }

        mutating func bool(_ node: YAMLNode?, _ what: String) -> Bool? {
            guard let text = string(node, what), let node else { return nil }
            switch text { case "true": return true; case "false": return false
            default: issue(node.span, "\(what) must be true or false"); return nil }
        }

        mutating func stringMap(_ node: YAMLNode?, _ what: String) -> [(String, String)]? {
            guard let node else { return nil }
            guard let pairs = node.pairs else { issue(node.span, "\(what) is a mapping of names to values"); return nil }
            return pairs.compactMap { pair in
                guard let key = pair.key.stringValue, let value = string(pair.value, "\(what).\(key)") else { return nil }
                return (key, value)
            }
        }

        mutating func scenario(_ node: YAMLNode, inheriting base: Scenario?) -> Scenario {
            let name = string(node["name"], "name") ?? base?.name ?? (file.path as NSString).lastPathComponent
            var scenario = Scenario(
                name: name, path: file.path,
                workflow: string(node["workflow"], "workflow").map(resolvePath) ?? base?.workflow ?? "",
                dialect: string(node["dialect"], "dialect") ?? base?.dialect,
                mocks: paths(node["mocks"], "mocks") ?? base?.mocks ?? [],
                secrets: paths(node["secrets"], "secrets") ?? base?.secrets ?? [],
                parameters: base?.parameters ?? [], stubs: base?.stubs ?? [:], responses: base?.responses ?? [],
                expect: base?.expect ?? Expectations(), seed: base?.seed ?? 0)
            if let dialect = scenario.dialect, dialect != "argo", dialect != "seed", let span = node["dialect"]?.span {
                issue(span, "dialect is argo or seed, not \"\(dialect)\"")
            }
            if let parameters = stringMap(node["parameters"], "parameters") {
                for (key, value) in parameters {
                    scenario.parameters.removeAll { $0.name == key }
                    scenario.parameters.append((key, value))
                }
            }
            if let seedNode = node["seed"], let seed = integer(seedNode, "seed") { scenario.seed = UInt64(seed) }
            if let stubs = node["stubs"] {
                for pair in stubs.mappingPairs {
                    guard let key = pair.key.stringValue else { continue }
                    if let stub = leafStub(pair.value) { scenario.stubs[key] = stub }
                }
                if !stubs.isMapping { issue(stubs.span, "stubs maps a template or node name to its outcome") }
            }
            if let responses = node["responses"] {
                // A test's own responses come before the shared ones.
                scenario.responses = scriptedResponses(responses) + (base?.responses ?? [])
            }
            if let expect = node["expect"] { scenario.expect = expectations(expect) }
            return scenario
        }

        mutating func leafStub(_ node: YAMLNode) -> LeafStub? {
            if node.isScalar { return phase(node).map { LeafStub(phase: $0) } }
            guard node.isMapping else { issue(node.span, "a stub is a phase or a mapping of phase, result, parameters, message"); return nil }
            checkKeys(node, allowed: stubKeys, what: "stub")
            var parameters: [String: String] = [:]
            for (key, value) in stringMap(node["parameters"], "parameters") ?? [] { parameters[key] = value }
            return LeafStub(phase: phase(node["phase"]) ?? .succeeded, result: string(node["result"], "result") ?? "",
                            parameters: parameters, message: string(node["message"], "message") ?? "",
                            exitCode: string(node["exitCode"], "exitCode"))
        }

        mutating func scriptedResponses(_ node: YAMLNode) -> [ScriptedResponses] {
            guard let pairs = node.pairs else {
                issue(node.span, "responses maps \"METHOD URL\" to responses by call number, e.g. \"0\": {status: 503}")
                return []
            }
            var result: [ScriptedResponses] = []
            for pair in pairs {
                guard let key = pair.key.stringValue else { continue }
                let words = key.split(separator: " ", omittingEmptySubsequences: true)
                guard words.count == 2, words[1].contains("://") else {
                    issue(pair.key.span, "a responses key is \"METHOD URL\" with an absolute URL, e.g. \"GET http://example.com/api/data\"")
                    continue
                }
                guard let calls = pair.value.pairs else {
                    issue(pair.value.span, "map call numbers (\"0\", \"1-2\", \"3+\") to responses")
                    continue
                }
                var entries: [(range: ClosedRange<Int>, response: String)] = []
                for call in calls {
                    guard let text = call.key.stringValue, let range = Self.callRange(text) else {
                        issue(call.key.span, "\"\(call.key.stringValue ?? "")\" is not a call number: use \"0\", \"1-2\" or \"3+\" (calls count from 0)")
                        continue
                    }
                    if let last = entries.last, range.lowerBound <= last.range.upperBound {
                        issue(call.key.span, "calls \(text) overlap the calls before; list them in increasing order")
                        continue
                    }
                    guard call.value.isMapping else { issue(call.value.span, "a response is a mapping such as {status: 503}"); continue }
                    entries.append((range, JSONFromYAML.text(call.value)))
                }
                result.append(ScriptedResponses(method: String(words[0]).uppercased(), url: String(words[1]), calls: entries,
                                                location: location(pair.key.span)))
            }
            return result
        }

        /// "0", "1-2", "3+" (open end: every later call).
        static func callRange(_ text: String) -> ClosedRange<Int>? {
            if text.hasSuffix("+"), let start = Int(text.dropLast()), start >= 0 { return start...Int.max }
            let parts = text.split(separator: "-")
            if parts.count == 1, let n = Int(parts[0]), n >= 0 { return n...n }
            if parts.count == 2, let a = Int(parts[0]), let b = Int(parts[1]), a >= 0, a <= b { return a...b }
            return nil
        }

        mutating func expectations(_ node: YAMLNode) -> Expectations {
            var expect = Expectations()
            guard node.isMapping else { issue(node.span, "expect is a mapping of phase, nodes, requests"); return expect }
            checkKeys(node, allowed: expectKeys, what: "expect")
            expect.phase = phase(node["phase"])
            expect.message = string(node["message"], "message")
            expect.messageContains = string(node["messageContains"], "messageContains")
            expect.unmatched = integer(node["unmatched"], "unmatched")
            expect.requestCount = integer(node["requestCount"], "requestCount")
            if let nodes = node["nodes"] {
                if nodes.pairs == nil { issue(nodes.span, "nodes maps node names to a phase or to {phase, message, result, ...}") }
                for pair in nodes.mappingPairs {
                    guard let name = pair.key.stringValue else { continue }
                    var expectation = NodeExpectation(name: name, location: location(pair.key.span))
                    if pair.value.isScalar {
                        expectation.phase = phase(pair.value)
                    } else if pair.value.isMapping {
                        checkKeys(pair.value, allowed: nodeKeys, what: "node expectation")
                        expectation.phase = phase(pair.value["phase"])
                        expectation.message = string(pair.value["message"], "message")
                        expectation.messageContains = string(pair.value["messageContains"], "messageContains")
                        expectation.result = string(pair.value["result"], "result")
                        expectation.resultContains = string(pair.value["resultContains"], "resultContains")
                        expectation.resultJSON = pair.value["resultJson"].map(Self.pattern)
                        expectation.attempts = integer(pair.value["attempts"], "attempts")
                        for (key, value) in stringMap(pair.value["parameters"], "parameters") ?? [] { expectation.parameters[key] = value }
                    } else {
                        issue(pair.value.span, "a node expectation is a phase or a mapping")
                    }
                    expect.nodes.append(expectation)
                }
            }
            if let requests = node["requests"] {
                guard let items = requests.items else { issue(requests.span, "requests is a list of request matchers"); return expect }
                for item in items {
                    guard item.isMapping else { issue(item.span, "a request matcher is a mapping such as {node: x, method: POST}"); continue }
                    checkKeys(item, allowed: requestKeys, what: "request matcher")
                    var matcher = RequestExpectation(location: location(item.span))
                    matcher.node = string(item["node"], "node")
                    matcher.method = string(item["method"], "method")
                    matcher.url = string(item["url"], "url")
                    matcher.urlContains = string(item["urlContains"], "urlContains")
                    for (key, value) in stringMap(item["headers"], "headers") ?? [] { matcher.headers[key] = value }
                    matcher.body = string(item["body"], "body")
                    matcher.bodyContains = string(item["bodyContains"], "bodyContains")
                    matcher.bodyJSON = item["bodyJson"].map(Self.pattern)
                    matcher.bodyIsJSON = bool(item["bodyIsJson"], "bodyIsJson")
                    matcher.count = integer(item["count"], "count")
                    expect.requests.append(matcher)
                }
            }
            return expect
        }

        static func pattern(_ node: YAMLNode) -> JSONPattern {
            switch node.content {
            case .scalar(let scalar):
                if scalar.style == .plain {
                    if scalar.value == "*" { return .any }
                    switch scalar.resolved {
                    case .null: return .null
                    case .bool(let b): return .bool(b)
                    case .int, .float: if let n = Double(scalar.value) { return .number(n) }
                    default: break
                    }
                }
                return scalar.value == "*" ? .any : .string(scalar.value)
            case .sequence(let items): return .array(items.map(pattern))
            case .mapping(let pairs): return .object(pairs.map { ($0.key.stringValue ?? "", pattern($0.value)) })
            }
        }
    }
}
