import Foundation

/// Go RE2 patterns run through Foundation's ICU engine. RE2 rejects some
/// constructs ICU accepts (look-around, back-references, atomic groups,
/// possessive quantifiers); those are reported as compile errors so that
/// patterns are judged the way the controller judges them.
enum GoRegex {
    struct CompileError: Error, Sendable, Hashable {
        var message: String
    }

    static func compile(_ pattern: String) -> Result<NSRegularExpression, CompileError> {
        if let unsupported = re2Unsupported(pattern) {
            return .failure(CompileError(message: "error parsing regexp: \(unsupported): `\(pattern)`"))
        }
        // RE2 spells named groups `(?P<name>…)`; ICU only knows `(?<name>…)`.
        let translated = pattern.replacingOccurrences(of: "(?P<", with: "(?<")
        do {
            return .success(try NSRegularExpression(pattern: translated, options: []))
        } catch {
            return .failure(CompileError(message: "error parsing regexp: invalid pattern `\(pattern)`"))
        }
    }

    /// Unanchored search, like Go's `Regexp.Match`.
    static func matches(_ pattern: String, _ text: String) -> Result<Bool, CompileError> {
        switch compile(pattern) {
        case .failure(let error): return .failure(error)
        case .success(let regex):
            let range = NSRange(text.startIndex..<text.endIndex, in: text)
            return .success(regex.firstMatch(in: text, options: [], range: range) != nil)
        }
    }

    private static func re2Unsupported(_ pattern: String) -> String? {
        let bytes = Array(pattern.utf8)
        var index = 0
        var inClass = false
        var afterQuantifier = false
        while index < bytes.count {
            let byte = bytes[index]
            let isQuantifier = !inClass
                && (byte == UInt8(ascii: "*") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "?"))
            if isQuantifier, byte == UInt8(ascii: "+"), afterQuantifier {
                return "invalid nested repetition operator"
            }
            afterQuantifier = isQuantifier
            if byte == UInt8(ascii: "\\"), index + 1 < bytes.count {
                let next = bytes[index + 1]
                if !inClass, next >= UInt8(ascii: "1"), next <= UInt8(ascii: "9") {
                    return "invalid escape sequence: `\\\(Character(Unicode.Scalar(next)))`"
                }
                index += 2
                continue
            }
            if inClass {
                if byte == UInt8(ascii: "]") { inClass = false }
                index += 1
                continue
            }
            if byte == UInt8(ascii: "[") {
                inClass = true
                // A leading `]` (or `^]`) is a literal member, not the end.
                if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "^") { index += 1 }
                if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "]") { index += 1 }
                index += 1
                continue
            }
            if byte == UInt8(ascii: "("), index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "?") {
                let marker = bytes[index + 2]
                if marker == UInt8(ascii: "=") || marker == UInt8(ascii: "!") || marker == UInt8(ascii: ">") {
                    return "invalid or unsupported Perl syntax: `(?\(Character(Unicode.Scalar(marker)))`"
                }
                if marker == UInt8(ascii: "<"), index + 3 < bytes.count,
                   bytes[index + 3] == UInt8(ascii: "=") || bytes[index + 3] == UInt8(ascii: "!") {
                    return "invalid or unsupported Perl syntax: `(?<`"
                }
            }
            index += 1
        }
        return nil
    }
}
