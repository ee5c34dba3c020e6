/// `tool.driver.rules`: every rule argolint has, described from its
/// registry entry and its embedded rules/<id>.md, so code scanning can show
/// what a finding means and how to fix it without a link to follow.
enum SARIFRules {
    static func descriptors() -> [JSONTree] {
        RuleRegistry.all.map { descriptor(for: $0.info) }
    }

    /// Index of each rule id in `descriptors()`, for `result.ruleIndex`.
    static let indices: [String: Int] = {
        var map: [String: Int] = [:]
        for (index, rule) in RuleRegistry.all.enumerated() where map[rule.info.id] == nil { map[rule.info.id] = index }
        return map
    }()

    static func descriptor(for info: RuleInfo) -> JSONTree {
        let doc = RuleDocs.markdown(for: info.id)
        var fields: [(String, JSONTree)] = [
            ("id", .string(info.id)),
            ("name", .string(name(of: info.id))),
            ("shortDescription", .object([("text", .string(info.summary))])),
            ("fullDescription", .object([("text", .string(doc.flatMap(fullDescription(from:)) ?? info.summary))])),
        ]
        if let doc {
            fields.append(("help", .object([("text", .string(doc)), ("markdown", .string(doc))])))
        }
        fields.append(("defaultConfiguration", .object([("level", .string(SARIFFormatter.level(info.defaultSeverity)))])))
        return .object(fields)
    }

    /// `dag-cycle` → `DagCycle`: SARIF's `name` is an identifier for people, in the spec's own style.
    static func name(of id: String) -> String {
        id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// The doc's "What it catches" and "Why it matters" sections as plain
    /// paragraphs (wrapped lines joined, list items on lines of their own),
    /// or nil when it has neither.
    static func fullDescription(from markdown: String) -> String? {
        var paragraphs: [String] = []
        var current: [String] = []
        var inSection = false
        func flush() {
            if !current.isEmpty { paragraphs.append(current.joined(separator: "\n")) }
            current = []
        }
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("#") {
                flush()
                inSection = line == "## What it catches" || line == "## Why it matters"
                continue
            }
            guard inSection else { continue }
            let trimmed = line.blankTrimmed
            if trimmed.isEmpty {
                flush()
            } else if trimmed.hasPrefix("- ") || current.isEmpty {
                // A list item keeps its own line; a wrapped line joins the one before.
                current.append(trimmed)
            } else {
                current[current.count - 1] += " " + trimmed
            }
        }
        flush()
        return paragraphs.isEmpty ? nil : paragraphs.joined(separator: "\n\n")
    }
}
