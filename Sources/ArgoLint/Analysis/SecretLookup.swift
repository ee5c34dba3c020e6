/// The seed dialect's `{{=lookup 'secret' 'NAME' 'KEY'}}`: not an expr
/// expression at all (upstream has no `lookup`, and the words are juxtaposed),
/// so it is recognised by shape and left to the secret rules.
struct SecretLookup: Sendable, Equatable {
    var name: String
    var key: String
    /// Byte ranges, inside the expression text, of the quoted name and key (quotes excluded).
    var nameRange: Range<Int>
    var keyRange: Range<Int>

    /// Parses `lookup 'secret' 'NAME' 'KEY'` (single or double quotes, any spacing).
    static func parse(_ expression: String) -> SecretLookup? {
        let bytes = Array(expression.utf8)
        var i = 0
        func skipSpaces() { while i < bytes.count && (bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A) { i += 1 } }
        func word() -> String? {
            let start = i
            while i < bytes.count, (bytes[i] >= 97 && bytes[i] <= 122) || (bytes[i] >= 65 && bytes[i] <= 90) { i += 1 }
            return i > start ? String(decoding: bytes[start..<i], as: UTF8.self) : nil
        }
        func quoted() -> (String, Range<Int>)? {
            guard i < bytes.count, bytes[i] == 0x27 || bytes[i] == 0x22 else { return nil }
            let quote = bytes[i]
            let start = i + 1
            i += 1
            while i < bytes.count && bytes[i] != quote { i += 1 }
            guard i < bytes.count else { return nil }
            let range = start..<i
            i += 1
            return (String(decoding: bytes[range], as: UTF8.self), range)
        }
        skipSpaces()
        guard word() == "lookup" else { return nil }
        skipSpaces()
        guard let (kind, _) = quoted(), kind == "secret" else { return nil }
        skipSpaces()
        guard let (name, nameRange) = quoted() else { return nil }
        skipSpaces()
        guard let (key, keyRange) = quoted() else { return nil }
        skipSpaces()
        guard i == bytes.count else { return nil }
        return SecretLookup(name: name, key: key, nameRange: nameRange, keyRange: keyRange)
    }
}
