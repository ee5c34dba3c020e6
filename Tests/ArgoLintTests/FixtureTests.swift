import Foundation
import Testing
import YAMLTree
@testable import ArgoLint
import ArgoSemantics

/// A fixture under fixtures/ and what it declares: `# dialect: seed` in its
/// header, and `# expect: RULE[, RULE]` on each line where a finding starts.
struct Fixture: CustomTestStringConvertible, Sendable {
    var path: String
    var testDescription: String { path }

    static let all: [Fixture] = Project.yamlFiles(under: Repo.path("fixtures"))
        .filter { !$0.contains("/hostile/") && !$0.contains("/mocks/") && !$0.contains("/scenarios/") && !$0.contains("/secrets/") && !$0.contains("/parity/") }
        .map { Fixture(path: String($0.dropFirst(Repo.root.path.count + 1))) }

    var text: String { (try? String(contentsOfFile: Repo.path(path), encoding: .utf8)) ?? "" }

    var dialect: Dialect { text.hasPrefix("# dialect: seed") ? .seed : .argo }

    /// `rule@line` for every expectation.
    var expected: [String] {
        var result: [String] = []
        for (index, line) in text.components(separatedBy: "\n").enumerated() {
            // `# expect-line N: RULE` declares a finding on line N, for lines where a
            // comment cannot go (inside a block scalar, a comment is content).
            if line.hasPrefix("# expect-line "), let colon = line.firstIndex(of: ":"),
               let target = Int(line[line.index(line.startIndex, offsetBy: 14)..<colon]) {
                for rule in markedRuleIDs(line[line.index(after: colon)...]) { result.append("\(rule)@\(target)") }
                continue
            }
            guard let range = line.range(of: "# expect: ") else { continue }
            for rule in markedRuleIDs(line[range.upperBound...]) { result.append("\(rule)@\(index + 1)") }
        }
        return result.sorted()
    }
}

@Suite struct FixtureTests {
    @Test func thereAreFixtures() {
        #expect(Fixture.all.count >= 5)
        #expect(Fixture.all.contains { $0.path == "fixtures/workflows/seed-http.yaml" })
    }

    /// fixtures/secrets: the secret inventory every fixture is linted with, as
    /// `--secrets fixtures/secrets` would give it.
    static let secretContext: [LintInput] = Project.yamlFiles(under: Repo.path("fixtures/secrets")).compactMap { path in
        FileManager.default.contents(atPath: path).map { LintInput(path: path, bytes: [UInt8]($0)) }
    }

    @Test(arguments: Fixture.all)
    func fixtureReportsExactlyWhatItExpects(_ fixture: Fixture) throws {
        let input = LintInput(path: fixture.path, bytes: Array(fixture.text.utf8))
        let found = Linter(options: LintOptions(dialect: fixture.dialect)).lint([input], context: Self.secretContext).resolved()
            .map { "\($0.rule)@\($0.start.line)" }.sorted()
        #expect(found == fixture.expected)
    }
}

/// The hostile inputs of fixtures/hostile: each is a diagnostic, never a crash or a hang.
@Suite struct HostileFixtureTests {
    func lintFile(_ name: String) throws -> [ResolvedDiagnostic] {
        let data = try #require(FileManager.default.contents(atPath: Repo.path("fixtures/hostile/\(name)")))
        return Linter().lint([LintInput(path: name, bytes: [UInt8](data))]).resolved()
    }

    @Test func syntaxError() throws {
        let found = try lintFile("syntax-error.yaml")
        #expect(summary(found) == ["yaml-syntax@10:1"])
        #expect(found[0].message.contains("quoted scalar started at line 9 column 50"))
    }

    @Test func crlfAndByteOrderMarkAreClean() throws {
        #expect(try lintFile("crlf.yaml").isEmpty)
        #expect(try lintFile("bom.yaml").isEmpty)
    }

    @Test func invalidUTF8() throws {
        #expect(summary(try lintFile("invalid-utf8.yaml")) == ["yaml-syntax@4:9"])
    }

    @Test func tabs() throws {
        let found = try lintFile("tabs.yaml")
        #expect(summary(found) == ["yaml-syntax@4:1"])
        #expect(found[0].message.contains("tabs"))
    }

    @Test func emptyFile() throws {
        #expect(try lintFile("empty.yaml").isEmpty)
    }

    @Test func bareScalar() throws {
        let found = try lintFile("bare-scalar.yaml")
        #expect(summary(found) == ["schema-type@1:1"])
        #expect(found[0].severity == .warning)
    }

    @Test func deepNesting() throws {
        let found = try lintFile("deep-nesting.yaml")
        #expect(found.map(\.rule) == ["yaml-syntax"])
        #expect(found[0].message.contains("deeper than 1000"))
    }

    @Test func billionLaughs() throws {
        let found = try lintFile("billion-laughs.yaml")
        #expect(found.map(\.rule) == ["yaml-syntax"])
        #expect(found[0].message.contains("alias bomb"))
    }
}
