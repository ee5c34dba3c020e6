/// A JSON value that keeps object members in source order, so a stub's
/// `jsonBody` is served with its keys in the order they were written.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// The number as written (JSON text): serialization stays faithful, and
    /// comparisons convert only when two texts differ.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([JSONMember])

    /// The first member named `key` of an object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first(where: { $0.key == key })?.value
    }

    /// Compact JSON text.
    public var jsonText: String { JSONWriter.write(self) }
}

/// One `"key": value` member of a JSON object.
public struct JSONMember: Sendable, Equatable {
    public var key: String
    public var value: JSONValue

    public init(key: String, value: JSONValue) {
        self.key = key
        self.value = value
    }
}
