/// The simple JSONPath subset stubs may use in `matchesJsonPath`:
/// `$`, `.name`, `['name']`, `[index]` (negative counts from the end),
/// `[*]` and `.*`. Filters and recursive descent are rejected when the stub
/// is loaded rather than silently never matching.
public struct JSONPath: Sendable, CustomStringConvertible {
    enum Segment: Sendable, Equatable {
        case key(String)
        case index(Int)
        case wildcard
    }

    public let expression: String
    let segments: [Segment]

    public var description: String { expression }

    /// True when the path names at most one value (no wildcard).
    var isDefinite: Bool { !segments.contains(.wildcard) }

    /// The path, or a message saying what is wrong with it.
    static func parse(_ text: String) -> Result<JSONPath, JSONPathError> {
        let chars = Array(text.unicodeScalars)
        guard chars.first == "$" else { return .failure(JSONPathError("a JSONPath must start with \"$\"")) }
        var segments: [Segment] = []
        var i = 1
        while i < chars.count {
            switch chars[i] {
            case ".":
                i += 1
                guard i < chars.count else { return .failure(JSONPathError("the path ends with \".\"")) }
                if chars[i] == "." { return .failure(JSONPathError("recursive descent (\"..\") is not supported")) }
                if chars[i] == "*" { segments.append(.wildcard); i += 1; continue }
                var name = ""
                while i < chars.count, chars[i] != ".", chars[i] != "[" {
                    name.unicodeScalars.append(chars[i])
                    i += 1
                }
                guard !name.isEmpty else { return .failure(JSONPathError("empty member name after \".\"")) }
                segments.append(.key(name))
            case "[":
                i += 1
                guard i < chars.count else { return .failure(JSONPathError("unclosed \"[\"")) }
                if chars[i] == "?" || chars[i] == "(" { return .failure(JSONPathError("filter and script expressions are not supported")) }
                if chars[i] == "*" {
                    guard i + 1 < chars.count, chars[i + 1] == "]" else { return .failure(JSONPathError("expected \"]\" after \"*\"")) }
                    segments.append(.wildcard)
                    i += 2
                } else if chars[i] == "'" || chars[i] == "\"" {
                    let quote = chars[i]
                    i += 1
                    var name = ""
                    while i < chars.count, chars[i] != quote {
                        name.unicodeScalars.append(chars[i])
                        i += 1
                    }
                    guard i + 1 < chars.count, chars[i + 1] == "]" else { return .failure(JSONPathError("unclosed quoted name in \"[...]\"")) }
                    segments.append(.key(name))
                    i += 2
                } else {
                    var digits = ""
                    while i < chars.count, chars[i] != "]" {
                        digits.unicodeScalars.append(chars[i])
                        i += 1
                    }
                    guard i < chars.count else { return .failure(JSONPathError("unclosed \"[\"")) }
                    guard let index = Int(digits) else {
                        return .failure(JSONPathError("\"[\(digits)]\" is not an index; only [n], [*] and ['name'] are supported"))
                    }
                    segments.append(.index(index))
                    i += 1
                }
            default:
                return .failure(JSONPathError("unexpected \"\(chars[i])\"; write .name or ['name']"))
            }
        }
        return .success(JSONPath(expression: text, segments: segments))
    }

    /// The values the path selects in `root` (empty when nothing is there).
    func select(in root: JSONValue) -> [JSONValue] {
        var current = [root]
        for segment in segments {
            var next: [JSONValue] = []
            for value in current {
                switch (segment, value) {
                case (.key(let key), .object):
                    if let found = value[key] { next.append(found) }
                case (.index(let n), .array(let items)):
                    let position = n < 0 ? items.count + n : n
                    if position >= 0 && position < items.count { next.append(items[position]) }
                case (.wildcard, .array(let items)):
                    next.append(contentsOf: items)
                case (.wildcard, .object(let members)):
                    next.append(contentsOf: members.map(\.value))
                default:
                    break
                }
            }
            current = next
        }
        return current
    }
}

struct JSONPathError: Error, Sendable {
    let message: String
    init(_ message: String) { self.message = message }
}
