import YAMLTree
import ArgoSyntax
import ArgoModel
import ArgoSemantics

/// invalid-name: names Argo or Kubernetes reject when the resource is submitted.
public struct InvalidNameRule: Rule {
    public static let info = RuleInfo(id: "invalid-name", defaultSeverity: .error, summary: "a name Argo rejects")
    public var info: RuleInfo { Self.info }
    public init() {}

    public func check(_ context: ResourceContext, _ report: inout Reporter) {
        checkMetadata(context.resource, &report)
        let spec = context.spec
        checkParameters(spec.arguments, &report)
        for template in context.allTemplates {
            if let name = template.name { checkNodeName(name, what: "template", &report) }
            checkParameters(template.inputs, &report)
            checkParameters(template.outputs, &report)
            if let dag = template.dag {
                let anyDepends = dag.tasks.contains { $0.depends != nil }
                for task in dag.tasks {
                    guard let name = task.name else { continue }
                    checkNodeName(name, what: "task", &report)
                    checkParameters(task.call.arguments, &report)
                    if let first = name.value.unicodeScalars.first, ("0"..."9").contains(first),
                       anyDepends || task.dependencies != nil {
                        report.report(name.span, "task name \"\(name.value)\" begins with a digit, which Argo rejects in a DAG that uses depends or dependencies; start it with a letter")
                    }
                }
            }
            for step in template.steps?.flatMap({ $0 }) ?? [] {
                if let name = step.name { checkNodeName(name, what: "step", skeletonOfTags: true, &report) }
                checkParameters(step.call.arguments, &report)
            }
        }
    }

    /// Template, step and task names: `[a-zA-Z0-9][-a-zA-Z0-9]*`, at most 128 characters.
    /// With `skeletonOfTags` (step names, since Argo 4.1), each complete `{{...}}`
    /// stands for its value: only the literal text around the tags is checked.
    private func checkNodeName(_ name: ScalarField, what: String, skeletonOfTags: Bool = false, _ report: inout Reporter) {
        var value = name.value
        if skeletonOfTags, value.hasTemplateTag {
            let tags = TemplateTagScanner.scan(value).tags
            var bytes = Array(value.utf8)
            for tag in tags.reversed() { bytes.replaceSubrange(tag.range, with: Array("x".utf8)) }
            value = String(decoding: bytes, as: UTF8.self)
            if value == "x" { return }
        }
        if value.isEmpty {
            report.report(name.reportSpan, "\(what) name is empty")
            return
        }
        let bytes = Array(value.utf8)
        if !Self.isAlphanumeric(bytes[0]) || !bytes.allSatisfy({ Self.isAlphanumeric($0) || $0 == UInt8(ascii: "-") }) {
            let suggestion = Self.sanitized(name.value, allowUnderscore: false)
            report.report(name.span, "\(what) name \"\(name.value)\" is invalid: Argo allows only letters, digits and '-', starting with a letter or digit" + (suggestion.isEmpty ? "" : "; for example \"\(suggestion)\""))
        } else if value.count > 128 {
            report.report(name.span, "\(what) name \"\(value.prefix(20))...\" is \(value.count) characters long; Argo allows at most 128")
        }
    }

    /// Parameter and artifact names: `[-a-zA-Z0-9_]+`.
    private func checkParameters(_ set: ParameterSet, _ report: inout Reporter) {
        let names = set.parameters.map { ($0.name, "parameter") } + set.artifacts.map { ($0.name, "artifact") }
        for case let (name?, what) in names {
            let bytes = Array(name.value.utf8)
            guard !bytes.isEmpty else {
                report.report(name.reportSpan, "\(what) name is empty")
                continue
            }
            if !bytes.allSatisfy({ Self.isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }) {
                let suggestion = Self.sanitized(name.value, allowUnderscore: true)
                report.report(name.span, "\(what) name \"\(name.value)\" is invalid: Argo allows only letters, digits, '_' and '-'" + (suggestion.isEmpty ? "" : "; for example \"\(suggestion)\""))
            }
        }
    }

    private func checkMetadata(_ resource: ArgoResource, _ report: inout Reporter) {
        let limit = resource.kind == .cronWorkflow ? 52 : 63
        if let name = resource.metadata.name, !name.value.hasTemplateTag {
            if name.value.count > limit {
                report.report(name.span, "\(resource.kind.rawValue) name \"\(name.value)\" is \(name.value.count) characters long; Argo allows at most \(limit)")
            } else if !Self.isDNSSubdomain(name.value) {
                report.report(name.span, "metadata.name \"\(name.value)\" is not a valid Kubernetes name: use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit" + Self.lowercaseHint(name.value))
            }
        }
        if let generateName = resource.metadata.generateName, !generateName.value.hasTemplateTag {
            // Kubernetes appends 5 random characters and validates the result as a name.
            if !generateName.value.isEmpty && !Self.isDNSSubdomain(generateName.value + "abcde") {
                report.report(generateName.span, "metadata.generateName \"\(generateName.value)\" cannot form a valid Kubernetes name: use lower-case letters, digits, '-' and '.'" + Self.lowercaseHint(generateName.value))
            }
        }
    }

    private static func lowercaseHint(_ value: String) -> String {
        let fixed = sanitizedDNS(value)
        return fixed.isEmpty || fixed == value ? "" : "; for example \"\(fixed)\""
    }

    static func isAlphanumeric(_ b: UInt8) -> Bool {
        (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122)
    }

    /// RFC 1123 subdomain: dot-separated labels of `[a-z0-9]([-a-z0-9]*[a-z0-9])?`, at most 253 characters.
    static func isDNSSubdomain(_ value: String) -> Bool {
        guard !value.isEmpty, value.utf8.count <= 253 else { return false }
        for label in value.splitBytes(".") {
            let bytes = Array(label.utf8)
            guard let first = bytes.first, let last = bytes.last else { return false }
            let ok: (UInt8) -> Bool = { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 122) }
            guard ok(first), ok(last), bytes.allSatisfy({ ok($0) || $0 == UInt8(ascii: "-") }) else { return false }
        }
        return true
    }

    static func sanitized(_ value: String, allowUnderscore: Bool) -> String {
        var out = ""
        for ch in value.unicodeScalars {
            if ch.isASCII && (CharacterSet.alnum(ch) || ch == "-" || (allowUnderscore && ch == "_")) { out.unicodeScalars.append(ch) }
            else if !out.isEmpty && !out.hasSuffix("-") { out += "-" }
        }
        while out.hasPrefix("-") { out.removeFirst() }
        while out.hasSuffix("-") { out.removeLast() }
        return out
    }

    static func sanitizedDNS(_ value: String) -> String {
        var out = ""
        for ch in value.lowercased().unicodeScalars {
            if ch.isASCII && (CharacterSet.alnum(ch) || ch == "-" || ch == ".") { out.unicodeScalars.append(ch) }
            else if !out.isEmpty && !out.hasSuffix("-") { out += "-" }
        }
        return out
    }
}

private enum CharacterSet {
    static func alnum(_ s: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s)
    }
}
