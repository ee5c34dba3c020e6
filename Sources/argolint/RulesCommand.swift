import ArgumentParser
import ArgoLint
import YAMLTree

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List every rule with its default severity."
    )

    func run() {
        let width = RuleRegistry.all.map(\.info.id.count).max() ?? 0
        for rule in RuleRegistry.all {
            let info = rule.info
            let id = info.id + String(repeating: " ", count: width - info.id.count)
            let severity = info.defaultSeverity.rawValue + String(repeating: " ", count: 7 - info.defaultSeverity.rawValue.count)
            print("\(id)  \(severity)  \(info.summary)")
        }
    }
}

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Print a rule's documentation: what it catches, why, and examples."
    )

    @Argument(help: "A rule id, as listed by `argolint rules`.")
    var rule: String

    func validate() throws {
        guard RuleRegistry.rule(id: rule) != nil else {
            let ids = RuleRegistry.all.map(\.info.id)
            throw ValidationError("unknown rule \"\(rule)\"\(Suggestions.didYouMean(rule, among: ids)); `argolint rules` lists them")
        }
    }

    func run() throws {
        guard let doc = RuleDocs.markdown(for: rule) else {
            throw ValidationError("no documentation is bundled for \"\(rule)\"")
        }
        print(doc, terminator: doc.hasSuffix("\n") ? "" : "\n")
    }
}
