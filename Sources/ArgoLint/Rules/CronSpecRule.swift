import YAMLTree
import ArgoSyntax
import ArgoModel
import ArgoSemantics

/// cron-spec: the CronWorkflow settings Argo rejects before it schedules
/// anything: no schedule, a schedule the cron library cannot parse, an unknown
/// time zone, a concurrencyPolicy it does not have, a negative starting deadline.
public struct CronSpecRule: Rule {
    public static let info = RuleInfo(id: "cron-spec", defaultSeverity: .error,
                                      summary: "a CronWorkflow schedule, time zone or policy Argo rejects")
    public var info: RuleInfo { Self.info }
    public init() {}

    static let policies = ["Allow", "Forbid", "Replace"]

    public func check(_ context: ResourceContext, _ report: inout Reporter) {
        guard context.resource.kind == .cronWorkflow, let spec = context.resource.root["spec"], spec.isMapping else { return }
        checkSchedules(spec, context, &report)
        if let zone = spec.field("timezone"), !zone.isNull, !TimeZoneNames.isKnown(zone.value) {
            report.report(zone.span, "timezone \"\(zone.value)\" is not an IANA time zone name, and Argo rejects the CronWorkflow (invalid timezone)\(zoneHint(zone.value))",
                          fix: Self.caseFix(zone, TimeZoneNames.caseVariant(of: zone.value)))
        }
        if let policy = spec.field("concurrencyPolicy"), !policy.isNull, !policy.value.isEmpty, !Self.policies.contains(policy.value) {
            let caseMatch = Self.policies.first { $0.lowercased() == policy.value.lowercased() }
            let hint = (caseMatch ?? Suggestions.best(for: policy.value, among: Self.policies)).map { "; did you mean \"\($0)\"?" }
                ?? "; use one of \(Suggestions.quotedList(Self.policies))"
            report.report(policy.span, "concurrencyPolicy \"\(policy.value)\" is not one Argo knows: it takes Allow, Forbid or Replace\(hint)",
                          fix: Self.caseFix(policy, caseMatch))
        }
        if let deadline = spec.field("startingDeadlineSeconds"), let seconds = Int(deadline.value), seconds < 0 {
            report.report(deadline.span, "startingDeadlineSeconds is \(seconds), and Argo wants a number of seconds of 0 or more (startingDeadlineSeconds must be positive); use 0 to skip missed runs, or drop the field")
        }
    }

    private func checkSchedules(_ spec: YAMLNode, _ context: ResourceContext, _ report: inout Reporter) {
        let list = spec.pair("schedules")
        if let single = spec.pair("schedule") {
            // Argo 4 removed the single `schedule`: its value is ignored, so without
            // `schedules` the CronWorkflow has no schedule at all.
            var fix: Fix?
            if list == nil, let scalar = single.value.scalar, !scalar.isBlock, !scalar.value.contains("\n") {
                let text = scalar.isQuoted ? context.file.text(of: single.value.span) : "\"\(scalar.value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""))\""
                fix = Fix(description: "write schedules: [\(text)]", edits: [
                    TextEdit(span: single.key.span, newText: "schedules"),
                    TextEdit(span: single.value.span, newText: "[\(text)]"),
                ])
            }
            let consequence = list == nil ? "so this CronWorkflow has no schedule and Argo rejects it" : "and Argo's strict decoding rejects the unknown field"
            report.report(single.key.span, "spec.schedule was removed in Argo 4, \(consequence); list the schedule under schedules instead", fix: fix)
            if let field = ScalarField(single.value, key: single.key) { checkSchedule(field, single.value, context, &report) }
        }
        guard let list else { return }
        if list.value.isSequence && list.value.sequenceItems.isEmpty {
            report.report(list.key.span, "schedules is empty, and Argo rejects a CronWorkflow without at least one schedule; add one, like \"0 2 * * *\"")
            return
        }
        for item in list.value.sequenceItems {
            guard let field = ScalarField(item), !item.isNull else { continue }
            checkSchedule(field, item, context, &report)
        }
    }

    private func checkSchedule(_ field: ScalarField, _ node: YAMLNode, _ context: ResourceContext, _ report: inout Reporter) {
        guard let issue = CronSchedule.check(field.value, isKnownZone: TimeZoneNames.isKnown) else { return }
        let map = ScalarSourceMap(file: context.file, node: node)
        let span = issue.range.isEmpty ? field.span : map.sourceSpan(issue.range)
        report.report(span, "schedule \"\(field.value)\" is malformed, and Argo rejects the CronWorkflow: \(issue.message)")
    }

    private func zoneHint(_ name: String) -> String {
        if let variant = TimeZoneNames.caseVariant(of: name) { return "; did you mean \"\(variant)\"?" }
        let guess = Suggestions.didYouMean(name, among: TimeZoneNames.identifiers)
        return guess.isEmpty ? "; write a name like \"America/Los_Angeles\" or \"UTC\"" : guess
    }

    /// Rewrites a value that differs from the right one only in case, keeping its quotes.
    static func caseFix(_ field: ScalarField, _ right: String?) -> Fix? {
        guard let right else { return nil }
        let text: String
        switch field.style {
        case .plain: text = right
        case .doubleQuoted: text = "\"\(right)\""
        case .singleQuoted: text = "'\(right)'"
        case .literal, .folded: return nil
        }
        return Fix(description: "write \(right)", edits: [TextEdit(span: field.span, newText: text)])
    }
}
