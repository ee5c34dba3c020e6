import Foundation
import Testing
import YAMLTree
@testable import ArgoLint
import ArgoSemantics

/// One rules/<id>.md, split into its parts.
struct RuleDoc: CustomTestStringConvertible, Sendable {
    var id: String
    var severity: String
    var summary: String
    var failing: [String]
    var passing: [String]
    var testDescription: String { id }

    static func load(_ id: String) throws -> RuleDoc {
        let text = try String(contentsOfFile: Repo.path("rules/\(id).md"), encoding: .utf8)
        var doc = RuleDoc(id: "", severity: "", summary: "", failing: [], passing: [])
        var section = ""
        var block: [String]?
        for line in text.components(separatedBy: "\n") {
            if let open = block {
                if line == "```" {
                    let body = open.joined(separator: "\n") + "\n"
                    if section == "Failing example" { doc.failing.append(body) }
                    if section == "Passing example" { doc.passing.append(body) }
                    block = nil
                } else {
                    block = open + [line]
                }
                continue
            }
            if line.hasPrefix("# ") { doc.id = String(line.dropFirst(2)) }
            else if line.hasPrefix("## ") { section = String(line.dropFirst(3)) }
            else if line == "```yaml" { block = [] }
            else if line.hasPrefix("| Severity | ") { doc.severity = String(line.dropFirst(13).dropLast(2)) }
            else if line.hasPrefix("| Summary | ") { doc.summary = String(line.dropFirst(12).dropLast(2)) }
        }
        return doc
    }
}

/// Expected findings marked in an example: a comment line `#   ^ rule-id`
/// whose caret sits under the column where the finding must start, on the
/// line above it.
func expectations(in example: String) -> [String] {
    var expected: [String] = []
    let lines = example.components(separatedBy: "\n")
    var lastContentLine = 0
    for (index, line) in lines.enumerated() {
        if line.first == "#", let caret = line.firstIndex(of: "^"),
           line[line.index(after: line.startIndex)..<caret].allSatisfy({ $0 == " " }) {
            let column = line.distance(from: line.startIndex, to: caret) + 1
            for rule in markedRuleIDs(line[line.index(after: caret)...]) { expected.append("\(rule)@\(lastContentLine):\(column)") }
        } else {
            lastContentLine = index + 1
        }
    }
    return expected.sorted()
}

/// The rule ids of an expectation marker's text (`rule-a, rule-b @validate.go:1021`):
/// comma- or space-separated; tokens starting with `@` name the upstream site the
/// finding stands for (docs/upstream-coverage.md) and are not rule ids.
func markedRuleIDs(_ text: Substring) -> [String] {
    text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" || $0 == "\r" })
        .map(String.init).filter { !$0.hasPrefix("@") }
}

/// The upstream sites an example stands for: `@site` tags after an expectation
/// marker (`#   ^ rule @site` or `# expect: rule @site`), each paired with the
/// rule ids on the same marker.
func siteTags(in text: String) -> [(site: String, rules: [String])] {
    var tags: [(site: String, rules: [String])] = []
    for line in text.components(separatedBy: "\n") {
        let trimmed = line.drop { $0 == " " }
        guard trimmed.first == "#" else { continue }
        let marker: Substring
        if let caret = trimmed.firstIndex(of: "^"), trimmed[trimmed.index(after: trimmed.startIndex)..<caret].allSatisfy({ $0 == " " }) {
            marker = trimmed[trimmed.index(after: caret)...]
        } else if let range = trimmed.range(of: "# expect: ") {
            marker = trimmed[range.upperBound...]
        } else { continue }
        let tokens = marker.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" || $0 == "\r" })
        let rules = markedRuleIDs(marker)
        for token in tokens where token.hasPrefix("@") { tags.append((String(token.dropFirst()), rules)) }
    }
    return tags
}

/// The variants every example is run in: as written, after an emoji comment
/// line (lines shift by one), with CRLF line ends, and with a byte order mark.
enum Variant: String, CaseIterable, Sendable {
    case plain, emojiPrefix, crlf, byteOrderMark

    func apply(_ text: String) -> String {
        switch self {
        case .plain: return text
        case .emojiPrefix: return "# 🚀 émoji prefix — 多字节 ✨\n" + text
        case .crlf: return text.replacingOccurrences(of: "\n", with: "\r\n")
        case .byteOrderMark: return "\u{FEFF}" + text
        }
    }

    func shift(_ expectation: String) -> String {
        guard self == .emojiPrefix, let at = expectation.firstIndex(of: "@"), let colon = expectation.lastIndex(of: ":"),
              let line = Int(expectation[expectation.index(after: at)..<colon]) else { return expectation }
        return "\(expectation[..<at])@\(line + 1)\(expectation[colon...])"
    }
}

let documentedRuleIDs: [String] = RuleRegistry.all.map(\.info.id)

@Suite struct RuleDocTests {
    @Test func everyRuleHasADocAndEveryDocARule() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Repo.path("rules")).filter { $0.hasSuffix(".md") }
        #expect(Set(files.map { String($0.dropLast(3)) }) == Set(documentedRuleIDs))
    }

    @Test(arguments: documentedRuleIDs)
    func docMatchesRule(_ id: String) throws {
        let doc = try RuleDoc.load(id)
        let rule = try #require(RuleRegistry.rule(id: id))
        #expect(doc.id == id)
        #expect(doc.severity == rule.info.defaultSeverity.rawValue)
        #expect(doc.summary == rule.info.summary)
        #expect(!doc.failing.isEmpty, "rules/\(id).md needs a failing example")
        #expect(!doc.passing.isEmpty, "rules/\(id).md needs a passing example")
        #expect(RuleDocs.markdown(for: id) == (try String(contentsOfFile: Repo.path("rules/\(id).md"), encoding: .utf8)))
    }

    @Test(arguments: documentedRuleIDs, Variant.allCases)
    func failingExamplesReportExactlyTheMarkedFindings(_ id: String, _ variant: Variant) throws {
        let doc = try RuleDoc.load(id)
        for example in doc.failing {
            let expected = expectations(in: example).map(variant.shift)
            #expect(expected.contains { $0.hasPrefix(id + "@") }, "a failing example of \(id) marks no \(id) finding")
            let found = summary(lint(variant.apply(example), path: "\(id).yaml")).sorted()
            #expect(found == expected.sorted(), "rules/\(id).md failing example (\(variant))")
        }
    }

    @Test(arguments: documentedRuleIDs, Variant.allCases)
    func passingExamplesReportNothing(_ id: String, _ variant: Variant) throws {
        let doc = try RuleDoc.load(id)
        for example in doc.passing {
            let found = lint(variant.apply(example), path: "\(id).yaml")
            #expect(found.isEmpty, "rules/\(id).md passing example (\(variant)): \(found.map { "\($0.rule)@\($0.start.line):\($0.start.column) \($0.message)" })")
        }
    }
}
