import Foundation
import Testing
@testable import ArgoLint

/// docs/upstream-coverage.md: every check upstream's validation makes, with the
/// rule that reports it or the reason none is needed. These tests keep it honest.
struct CoverageRow: Sendable {
    var site: String
    var rules: [String]
    var example: String
    var line: Int

    /// Table rows whose first cell is an upstream site (`file.go:123`).
    static func load() throws -> [CoverageRow] {
        let text = try String(contentsOfFile: Repo.path("docs/upstream-coverage.md"), encoding: .utf8)
        var rows: [CoverageRow] = []
        for (index, line) in text.components(separatedBy: "\n").enumerated() where line.hasPrefix("| ") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 4, let colon = cells[0].lastIndex(of: ":"),
                  Int(cells[0][cells[0].index(after: colon)...]) != nil else { continue }
            let rules = cells[2] == "—" ? [] : cells[2].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            rows.append(CoverageRow(site: cells[0].replacingOccurrences(of: "`", with: ""), rules: rules,
                                    example: cells[3].replacingOccurrences(of: "`", with: ""), line: index + 1))
        }
        return rows
    }
}

/// Every `@site` tag in the parity fixtures and the rule docs' failing examples,
/// with the file it is in and the rules its marker names.
func taggedSites() throws -> [(file: String, site: String, rules: [String])] {
    var tags: [(file: String, site: String, rules: [String])] = []
    for fixture in ParityFixture.all {
        for tag in siteTags(in: fixture.text) { tags.append(("fixtures/parity/\(fixture.name)", tag.site, tag.rules)) }
    }
    for id in documentedRuleIDs {
        for example in try RuleDoc.load(id).failing {
            for tag in siteTags(in: example) { tags.append(("rules/\(id).md", tag.site, tag.rules)) }
        }
    }
    return tags
}

@Suite struct UpstreamCoverageTests {
    @Test func everyRowNamesRulesThatExistOrAReason() throws {
        let rows = try CoverageRow.load()
        #expect(rows.count >= 125, "the table lists upstream's checks")
        for row in rows {
            for rule in row.rules {
                #expect(RuleRegistry.rule(id: rule) != nil, "docs/upstream-coverage.md:\(row.line): no rule \"\(rule)\"")
            }
            #expect(!row.example.isEmpty, "docs/upstream-coverage.md:\(row.line): \(row.site) needs an example or a reason")
        }
        let sites = rows.map(\.site)
        #expect(Set(sites).count == sites.count, "a site is listed twice")
    }

    @Test func everyCoveredRowHasAnExampleThatTriggersItsRule() throws {
        let tags = try taggedSites()
        for row in try CoverageRow.load() where !row.rules.isEmpty {
            let marked = tags.filter { $0.site == row.site && $0.file == row.example }
            #expect(!marked.isEmpty, "docs/upstream-coverage.md:\(row.line): \(row.example) marks no finding @\(row.site)")
            for rule in row.rules {
                #expect(marked.contains { $0.rules.contains(rule) },
                        "docs/upstream-coverage.md:\(row.line): \(row.example) marks no \(rule) finding @\(row.site)")
            }
        }
    }

    @Test func everyTagNamesARowOfTheTable() throws {
        let sites = Set(try CoverageRow.load().map(\.site))
        for tag in try taggedSites() {
            #expect(sites.contains(tag.site), "\(tag.file) marks @\(tag.site), which docs/upstream-coverage.md does not list")
        }
    }

    @Test func theSummaryCountsTheRows() throws {
        let rows = try CoverageRow.load()
        let text = try String(contentsOfFile: Repo.path("docs/upstream-coverage.md"), encoding: .utf8)
        let covered = rows.filter { !$0.rules.isEmpty }.count
        let notApplicable = rows.count - covered
        #expect(text.contains("\(rows.count) upstream checks: \(covered) covered, \(notApplicable) not applicable, 0 open."))
    }
}
