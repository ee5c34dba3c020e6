import Testing
@testable import ArgoSyntax

/// Deterministic pseudo-random inputs: the parsers must never trap, and every
/// reported range must lie inside the input.
@Suite struct RobustnessTests {
    private static let alphabet: [String] = [
        "a", "b", "Z", "1", "0x", ".", "-", "_", " ", "(", ")", "[", "]", "'", "\"", "\\", "{{", "}}", "{{=", "=",
        "==", "!", "&", "&&", "|", "||", "?", ":", ",", "<", ">", "~", "^", "*", "in", "and", "not", "é", "😀",
        ".Succeeded", ".failed", "true",
    ]

    @Test func randomInputsNeverTrapAndRangesStayInBounds() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        for _ in 0..<3000 {
            let length = next() % 12
            let text = (0..<length).map { _ in Self.alphabet[next() % Self.alphabet.count] }.joined()
            let count = text.utf8.count
            for issue in WhenCondition.check(text, options: WhenCheckOptions(strictTagQuoting: true)) {
                #expect(issue.range.lowerBound >= 0 && issue.range.upperBound <= count, "\(text): \(issue)")
            }
            _ = WhenCondition.evaluate(text)
            if case .failure(let failure) = DependsExpression.parse(text) {
                for issue in failure.issues {
                    #expect(issue.range.upperBound <= count, "\(text): \(issue)")
                }
            }
            for tag in TemplateTagScanner.scan(text).tags {
                #expect(tag.range.upperBound <= count)
            }
        }
    }
}
