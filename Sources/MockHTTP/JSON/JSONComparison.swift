/// Semantic JSON equality for `equalToJson`: member order never matters,
/// numbers compare by value, and the flags relax arrays and objects the way
/// WireMock's documentation describes. Expected strings may be JsonUnit
/// placeholders (`${json-unit.ignore}`, `any-string`, `any-number`, `any-boolean`).
struct JSONComparison {
    var ignoreArrayOrder = false
    var ignoreExtraElements = false

    func matches(expected: JSONValue, actual: JSONValue) -> Bool {
        if case .string(let text) = expected, let placeholder = Placeholder(rawValue: text) {
            return placeholder.accepts(actual)
        }
        switch (expected, actual) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a), .number(let b)): return Self.sameNumber(a, b)
        case (.string(let a), .string(let b)): return a == b
        case (.array(let a), .array(let b)): return arraysMatch(expected: a, actual: b)
        case (.object(let a), .object(let b)): return objectsMatch(expected: a, actual: b)
        default: return false
        }
    }

    static func sameNumber(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        guard let x = Double(a), let y = Double(b) else { return false }
        return x == y
    }

    private func objectsMatch(expected: [JSONMember], actual: [JSONMember]) -> Bool {
        if !ignoreExtraElements && Set(actual.map(\.key)).count != Set(expected.map(\.key)).count { return false }
        var actualByKey: [String: JSONValue] = [:]
        for member in actual where actualByKey[member.key] == nil { actualByKey[member.key] = member.value }
        for member in expected {
            guard let value = actualByKey[member.key] else { return false }
            guard matches(expected: member.value, actual: value) else { return false }
        }
        return true
    }

    private func arraysMatch(expected: [JSONValue], actual: [JSONValue]) -> Bool {
        if ignoreExtraElements ? actual.count < expected.count : actual.count != expected.count { return false }
        guard ignoreArrayOrder else {
            // Extra elements, when allowed, may only follow the expected ones.
            return zip(expected, actual).allSatisfy { matches(expected: $0, actual: $1) }
        }
        return Self.perfectMatching(rows: expected.count, columns: actual.count) { matches(expected: expected[$0], actual: actual[$1]) }
    }

    /// True when every row can be paired with a distinct column it accepts
    /// (Kuhn's augmenting paths): a greedy pairing could fail where a
    /// pairing exists once placeholders or ignored members make several
    /// elements interchangeable.
    static func perfectMatching(rows: Int, columns: Int, accepts: (Int, Int) -> Bool) -> Bool {
        var allowed = [[Bool]](repeating: [Bool](repeating: false, count: columns), count: rows)
        for r in 0..<rows { for c in 0..<columns { allowed[r][c] = accepts(r, c) } }
        var owner = [Int](repeating: -1, count: columns)
        func augment(_ row: Int, _ seen: inout [Bool]) -> Bool {
            for c in 0..<columns where allowed[row][c] && !seen[c] {
                seen[c] = true
                if owner[c] < 0 || augment(owner[c], &seen) {
                    owner[c] = row
                    return true
                }
            }
            return false
        }
        for r in 0..<rows {
            var seen = [Bool](repeating: false, count: columns)
            if !augment(r, &seen) { return false }
        }
        return true
    }

    enum Placeholder: String {
        case ignore = "${json-unit.ignore}"
        case anyString = "${json-unit.any-string}"
        case anyNumber = "${json-unit.any-number}"
        case anyBoolean = "${json-unit.any-boolean}"

        func accepts(_ value: JSONValue) -> Bool {
            switch (self, value) {
            case (.ignore, _): return true
            case (.anyString, .string), (.anyNumber, .number), (.anyBoolean, .bool): return true
            default: return false
            }
        }
    }
}
