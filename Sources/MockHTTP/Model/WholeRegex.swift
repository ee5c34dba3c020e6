import Foundation

/// A regular expression that must match a whole value, as WireMock's
/// `matches` does (Java's `Matcher.matches()`). Anchoring with `\A(?:...)\z`
/// rather than checking a first match's range lets the engine backtrack into
/// a longer alternative (`a|ab` against "ab").
public struct WholeRegex: Sendable, CustomStringConvertible {
    public let pattern: String
    private let regex: NSRegularExpression

    /// Throws the engine's message when the pattern does not compile.
    init(pattern: String) throws(WholeRegexError) {
        self.pattern = pattern
        do {
            regex = try NSRegularExpression(pattern: "\\A(?:" + pattern + ")\\z", options: [])
        } catch {
            throw WholeRegexError(message: Self.describe(error))
        }
        // A pattern such as "a)(b" compiles once wrapped; check it alone too.
        do {
            _ = try NSRegularExpression(pattern: pattern, options: [])
        } catch {
            throw WholeRegexError(message: Self.describe(error))
        }
    }

    public var description: String { pattern }

    func matches(_ text: String) -> Bool {
        let range = NSRange(text.startIndex..<text.endIndex, in: text)
        return regex.firstMatch(in: text, options: [], range: range) != nil
    }

    private static func describe(_ error: Error) -> String {
        let nsError = error as NSError
        if let detail = nsError.userInfo["NSInvalidValue"] as? String { return "invalid regular expression \"\(detail)\"" }
        return "invalid regular expression"
    }
}

struct WholeRegexError: Error, Sendable {
    let message: String
}
