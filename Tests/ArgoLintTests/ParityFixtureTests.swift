import Foundation
import Testing
@testable import ArgoLint

/// fixtures/parity: manifests upstream's validation rejects. Each marks its
/// findings with carets as the rule docs do (`#   ^ rule-id @validate.go:1021`),
/// the `@site` naming the upstream check it stands for in docs/upstream-coverage.md.
/// A file is linted on its own (its documents form the project) and must report
/// exactly the marked findings, also after a multi-byte line and with CRLF ends.
struct ParityFixture: CustomTestStringConvertible, Sendable {
    var name: String
    var testDescription: String { name }
    var text: String { (try? String(contentsOfFile: Repo.path("fixtures/parity/\(name)"), encoding: .utf8)) ?? "" }

    static let all: [ParityFixture] = ((try? FileManager.default.contentsOfDirectory(atPath: Repo.path("fixtures/parity"))) ?? [])
        .filter { $0.hasSuffix(".yaml") }.sorted().map { ParityFixture(name: $0) }
}

@Suite struct ParityFixtureTests {
    @Test(arguments: ParityFixture.all, [Variant.plain, .emojiPrefix, .crlf])
    func fixtureReportsExactlyTheMarkedFindings(_ fixture: ParityFixture, _ variant: Variant) {
        let expected = expectations(in: fixture.text).map(variant.shift).sorted()
        let found = summary(lint(variant.apply(fixture.text), path: fixture.name)).sorted()
        #expect(found == expected, "fixtures/parity/\(fixture.name) (\(variant))")
    }

    @Test func markersParseRuleIDsAndSites() {
        #expect(markedRuleIDs(" template-field, parameter-value @validate.go:1021 @cel:x") == ["template-field", "parameter-value"])
        let tags = siteTags(in: "x: 1\n#   ^ parameter-value @validate.go:1021\n  # expect: a, b @s")
        #expect(tags.map(\.site) == ["validate.go:1021", "s"])
        #expect(tags.map(\.rules) == [["parameter-value"], ["a", "b"]])
    }
}
