import YAMLTree
import ArgoModel
import ArgoSemantics

/// metric-spec: Prometheus metrics Argo rejects. A template's metrics are
/// checked as upstream's validate.go checks them (name, label keys, real-time
/// gauges of resourcesDuration; an empty help or value is schema-required's
/// finding); the workflow-level
/// `spec.metrics` only meets the CRD's rule on real-time gauges, since
/// validate.go does not look at them.
public struct MetricSpecRule: Rule {
    public static let info = RuleInfo(id: "metric-spec", defaultSeverity: .error,
                                      summary: "a Prometheus metric Argo rejects (name, label keys, real-time gauge value)")
    public var info: RuleInfo { Self.info }
    public init() {}

    public func check(_ context: ResourceContext, _ report: inout Reporter) {
        for template in context.allTemplates {
            let owner = template.name.map { "template \"\($0.value)\"" } ?? "this template"
            for metric in template.node["metrics"]?["prometheus"]?.sequenceItems ?? .empty where metric.isMapping {
                checkTemplateMetric(metric, owner: owner, &report)
            }
        }
        for metric in context.spec.node?["metrics"]?["prometheus"]?.sequenceItems ?? .empty where metric.isMapping {
            checkRealtimeGauge(metric, &report)
        }
    }

    private func checkTemplateMetric(_ metric: YAMLNode, owner: String, _ report: inout Reporter) {
        let name = metric.field("name")
        let label = name.map { "metric \"\($0.value)\"" } ?? "metric"
        // A name holding {{...}} is judged after substitution upstream; leave it.
        // An empty name, help or value is schema-required's finding.
        if let name, !name.isNull, !name.value.isEmpty, !name.value.hasTemplateTag, !Self.isMetricName(name.value) {
            let suggestion = Self.sanitized(name.value)
            report.report(name.reportSpan, "metric name \"\(name.value)\" of \(owner) is invalid: Argo allows only letters, digits and '_', not starting with a digit" + (suggestion.isEmpty || suggestion == name.value ? "" : "; for example \"\(suggestion)\""))
        }
        for item in metric["labels"]?.sequenceItems ?? .empty {
            guard let key = item.field("key"), !key.isNull, !key.value.isEmpty, !key.value.hasTemplateTag, !Self.isMetricName(key.value) else { continue }
            let suggestion = Self.sanitized(key.value)
            report.report(key.reportSpan, "label key \"\(key.value)\" of \(label) in \(owner) is invalid: Argo allows only letters, digits and '_', not starting with a digit" + (suggestion.isEmpty || suggestion == key.value ? "" : "; for example \"\(suggestion)\""))
        }
        checkRealtimeGauge(metric, &report)
    }

    /// A real-time gauge is updated while the node runs, before resource usage is known.
    private func checkRealtimeGauge(_ metric: YAMLNode, _ report: inout Reporter) {
        guard let gauge = metric["gauge"], gauge.isMapping, gauge.field("realtime")?.boolValue == true,
              let value = gauge.field("value"), value.value.contains("resourcesDuration.") else { return }
        let label = metric.field("name").map { "metric \"\($0.value)\"" } ?? "metric"
        report.report(value.span, "\(label) is a real-time gauge, and its value uses resourcesDuration.*, which is only known when the node finishes; Argo rejects it. Set realtime: false, or record another value")
    }

    /// Prometheus' legacy metric-name alphabet, without ':' (Argo refuses it).
    static func isMetricName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, !(first >= 48 && first <= 57) else { return false }
        return bytes.allSatisfy { InvalidNameRule.isAlphanumeric($0) || $0 == UInt8(ascii: "_") }
    }

    /// The name with each run of other characters turned into '_'.
    static func sanitized(_ name: String) -> String {
        var out = ""
        for ch in name.unicodeScalars {
            if ch.isASCII, InvalidNameRule.isAlphanumeric(UInt8(ch.value)) || ch == "_" { out.unicodeScalars.append(ch) }
            else if !out.isEmpty, !out.hasSuffix("_") { out += "_" }
        }
        while out.hasSuffix("_") { out.removeLast() }
        if let first = out.unicodeScalars.first, ("0"..."9").contains(first) { out = "_" + out }
        return out
    }
}
