import Foundation

/// A regular expression that must match a whole value, as WireMock's
/// `matches` does (Java's `Matcher.matches()`). Anchoring with `\A(?:...)\z`
/// rather than checking a first match's range lets the engine backtrack into
/// a longer alternative (`a|ab` against "ab").
public struct WholeRegex: Sendable, CustomStringConvertible {
    public let pattern: String
    private let regex: NSRegularExpression

    /// Throws a message quoting the pattern when it does not compile.
    init(pattern: String) throws(WholeRegexError) {
        self.pattern = pattern
        // Compiled alone first, so a message quotes the pattern as written
        // (and "a)(b", valid only once wrapped, is still rejected).
        do {
            _ = try NSRegularExpression(pattern: pattern, options: [])
            regex = try NSRegularExpression(pattern: "\\A(?:" + pattern + ")\\z", options: [])
        } catch {
            throw WholeRegexError(message: "invalid regular expression \(quoted(pattern))")
        }
    }

    public var description: String { pattern }

    func matches(_ text: String) -> Bool {
        let range = NSRange(text.startIndex..<text.endIndex, in: text)
        return regex.firstMatch(in: text, options: [], range: range) != nil
    }
}

struct WholeRegexError: Error, Sendable {
    let message: String
}
