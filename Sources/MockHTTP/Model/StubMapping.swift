/// One stub: a request pattern and the response it gets, with optional
/// scenario state. Built by `StubLoader`.
public struct StubMapping: Sendable {
    /// From the file, or a generated UUID.
    public let id: String
    public let name: String?
    /// Lower numbers are tried first; 5 when not given.
    public let priority: Int
    public let request: RequestPattern
    public let response: ResponseDefinition
    public let scenarioName: String?
    public let requiredScenarioState: String?
    public let newScenarioState: String?
    /// Where the stub was written.
    public let location: StubLocation
    /// The stub as written, with its `id`, for `GET /__admin/mappings`.
    public let definition: JSONValue

    public static let defaultPriority = 5

    /// "name" (id), or the id alone, for reports.
    public var label: String { name.map { "\(quoted($0)) (\(id))" } ?? id }
}

/// A place in a stub file: 1-based line, column in Unicode scalars.
public struct StubLocation: Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int

    public init(path: String, line: Int, column: Int) {
        self.path = path
        self.line = line
        self.column = column
    }

    public var description: String { "\(path):\(line):\(column)" }
}
