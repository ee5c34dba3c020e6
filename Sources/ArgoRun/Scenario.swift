import YAMLTree

/// One behaviour test of a workflow: what to run it with, and what must happen.
/// A scenario file holds one, or several under `tests:` sharing the top-level fields.
public struct Scenario: Sendable {
    public var name: String
    /// The scenario file, for messages.
    public var path: String
    public var workflow: String
    public var dialect: String?
    public var mocks: [String]
    public var secrets: [String]
    public var parameters: [(name: String, value: String)]
    public var stubs: [String: LeafStub]
    /// Inline responses by call number, compiled into stubs that take precedence over `mocks`.
    public var responses: [ScriptedResponses]
    public var expect: Expectations
    public var seed: UInt64
}

/// `responses: {"POST http://host/path": {"0": {...}, "1-2": {...}, "3+": {...}}}`:
/// what the n-th call (from 0) to one method and URL gets back.
public struct ScriptedResponses: Sendable {
    public var method: String
    public var url: String
    /// Call ranges in order; the last one's upper bound may be open.
    public var calls: [(range: ClosedRange<Int>, response: String)]
    /// Where the entry is written, for messages about it.
    public var location: ScenarioLocation
}

public struct ScenarioLocation: Sendable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int
    public var description: String { "\(path):\(line):\(column)" }
}

public struct Expectations: Sendable {
    public var phase: NodePhase?
    public var message: String?
    public var messageContains: String?
    public var nodes: [NodeExpectation] = []
    public var requests: [RequestExpectation] = []
    /// How many requests no stub matched.
    public var unmatched: Int?
    /// How many requests were sent in all.
    public var requestCount: Int?
}

public struct NodeExpectation: Sendable {
    /// A display name (`get-data`, `call(1)`) or a full node name.
    public var name: String
    public var phase: NodePhase?
    public var message: String?
    public var messageContains: String?
    public var result: String?
    public var resultContains: String?
    /// A JSON value the result must contain (objects: these keys at least; "*": any value).
    public var resultJSON: JSONPattern?
    public var parameters: [String: String] = [:]
    public var attempts: Int?
    public var location: ScenarioLocation
}

public struct RequestExpectation: Sendable {
    public var node: String?
    public var method: String?
    public var url: String?
    public var urlContains: String?
    public var headers: [String: String] = [:]
    public var body: String?
    public var bodyContains: String?
    public var bodyJSON: JSONPattern?
    /// `true`: the body must parse as JSON; `false`: it must not.
    public var bodyIsJSON: Bool?
    /// Exactly this many requests match (default: at least one).
    public var count: Int?
    public var location: ScenarioLocation
}

/// A JSON value to compare against, written in YAML. `"*"` matches anything;
/// objects match when every key written matches (extra keys are fine).
public indirect enum JSONPattern: Sendable, CustomStringConvertible {
    case any
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONPattern])
    case object([(String, JSONPattern)])

    public var description: String {
        switch self {
        case .any: return "*"
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
        case .string(let s): return JSONText.string(s)
        case .array(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .object(let pairs): return "{" + pairs.map { "\(JSONText.string($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
        }
    }
}
