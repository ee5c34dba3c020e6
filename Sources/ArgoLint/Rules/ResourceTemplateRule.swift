import YAMLTree
import ArgoModel
import ArgoSemantics

/// resource-template: a resource template Argo rejects: an unknown action, a
/// manifest given twice or not at all, manifestFrom naming no input artifact,
/// or a manifest that is not YAML (reported where the YAML breaks, inside the
/// block scalar).
public struct ResourceTemplateRule: Rule {
    public static let info = RuleInfo(id: "resource-template", defaultSeverity: .error,
                                      summary: "a resource template's action or manifest Argo rejects")
    public var info: RuleInfo { Self.info }
    public init() {}

    static let actions = ["get", "create", "apply", "delete", "replace", "patch"]

    public func check(_ context: ResourceContext, _ report: inout Reporter) {
        for template in context.allTemplates where template.type == .resource {
            guard let resource = template.node["resource"], resource.isMapping else { continue }
            let name = template.name.map { "template \"\($0.value)\"" } ?? "this template"
            check(template, resource: resource, name: name, file: context.file, &report)
        }
    }

    private func check(_ template: Template, resource: YAMLNode, name: String, file: SourceFile, _ report: inout Reporter) {
        let resourceKey = template.node.pair("resource")?.key.span ?? template.reportSpan
        let action = resource.field("action")
        let actionText = action?.value ?? ""
        // A missing action is schema-required's finding; a placeholder is resolved at runtime.
        if let action, !action.scalar.isNull, !actionText.hasTemplateTag, !Self.actions.contains(actionText) {
            let hint = Suggestions.didYouMean(actionText, among: Self.actions)
            let fix = Self.actions.first { $0 == actionText.lowercased() }.map {
                Fix(description: "write \($0)", edits: [TextEdit(span: action.span, newText: $0)])
            }
            report.report(action.span, "resource action \"\(actionText)\" of \(name) is not one Argo knows; use one of \(Self.actions.joined(separator: ", "))\(hint)", fix: fix)
        }
        let manifestPair = resource.pair("manifest")
        let manifestFromPair = resource.pair("manifestFrom")
        let hasManifest = manifestPair.map { !$0.value.isNull } ?? false
        let manifestText = manifestPair?.value.stringValue ?? ""
        let hasManifestFrom = manifestFromPair.map { !$0.value.isNull } ?? false
        // get and delete may name the object by other means; the others need one of the two.
        let needsManifest = actionText != "get" && actionText != "delete"
        if hasManifest, hasManifestFrom, let pair = manifestFromPair {
            report.report(pair.key.span, "resource of \(name) has both manifest and manifestFrom, and Argo accepts only one; remove one of them")
        } else if needsManifest, manifestText.isEmpty, !hasManifestFrom {
            report.report(resource.pair("manifest")?.key.span ?? resourceKey, "resource of \(name) has neither manifest nor manifestFrom, and Argo needs one for action \"\(actionText)\"; add the manifest to apply")
        }
        guard needsManifest else { return }
        if hasManifestFrom, let artifact = manifestFromPair?.value["artifact"]?.field("name"), !artifact.value.isEmpty {
            let known = template.inputs.artifacts.compactMap(\.name?.value)
            if !known.contains(artifact.value) {
                let list = known.isEmpty ? "the template has no input artifacts" : "its input artifacts are \(Suggestions.quotedList(known))"
                report.report(artifact.span, "manifestFrom of \(name) names artifact \"\(artifact.value)\", which is not an input artifact of the template (\(list)), and Argo rejects it\(Suggestions.didYouMean(artifact.value, among: known))")
            }
        }
        if !manifestText.isEmpty, !hasManifestFrom, let node = manifestPair?.value, node.isScalar {
            checkManifestYAML(node, name: name, file: file, &report)
        }
    }

    /// Upstream parses the manifest (after its `{{...}}` variables are filled in) and
    /// rejects it if it is not YAML. A manifest that is one variable is skipped, as
    /// upstream does. Every `{{...}}` on one line is replaced by as many letters as it
    /// has bytes, so the value keeps its length and an error's offset inside the value
    /// maps straight back to the file through the scalar's source map.
    private func checkManifestYAML(_ node: YAMLNode, name: String, file: SourceFile, _ report: inout Reporter) {
        guard let value = node.stringValue, !value.hasPrefix("{{") else { return }
        let masked = Self.maskTags(Array(value.utf8))
        let inner = SourceFile(path: file.path, bytes: masked)
        let result = YAMLParser.parse(inner)
        // Upstream decodes the first document only; a problem after it goes unseen.
        guard result.documents.isEmpty, let issue = result.issues.first(where: { $0.kind == .syntax }) else { return }
        let map = ScalarSourceMap(file: file, node: node)
        var start = min(issue.span.start, masked.count)
        var problem = issue.message
        if let cut = problem.range(of: " started at line ") {
            // The parser names where the broken construct began, in the manifest's own
            // lines. When the problem is only noticed at the end of the manifest (an
            // unclosed quote or bracket), that beginning is the place to fix.
            let numbers = problem[cut.upperBound...].split(separator: " ")
            problem = String(problem[..<cut.lowerBound])  // those line numbers are the manifest's, not the file's
            if numbers.count >= 3, let line = Int(numbers[0]), let column = Int(numbers[2]) {
                let began = min(inner.byteOffset(line: line, column: column), masked.count)
                if start >= Self.contentEnd(masked) {
                    start = began
                } else {
                    let at = file.position(ofByte: map.sourceOffset(began))
                    problem += " that began at line \(at.line), column \(at.column)"
                }
            }
        }
        let span = map.sourceSpan(start..<min(start + 1, masked.count))
        report.report(span, "resource manifest of \(name) is not valid YAML (\(problem)), and Argo rejects it; fix the manifest's YAML here")
    }

    /// The offset just past the last byte that is not a line break or a blank.
    static func contentEnd(_ bytes: [UInt8]) -> Int {
        var end = bytes.count
        while end > 0, [0x0A, 0x0D, 0x20, 0x09].contains(bytes[end - 1]) { end -= 1 }
        return end
    }

    /// Replaces each single-line `{{ ... }}` with `x`s of the same byte length.
    static func maskTags(_ bytes: [UInt8]) -> [UInt8] {
        var out = bytes
        var i = 0
        let open = UInt8(ascii: "{"), close = UInt8(ascii: "}"), newline = UInt8(ascii: "\n")
        while i + 1 < out.count {
            guard out[i] == open, out[i + 1] == open else { i += 1; continue }
            var j = i + 2
            var end: Int?
            while j + 1 < out.count, out[j] != newline, out[j] != UInt8(ascii: "\r") {
                if out[j] == close, out[j + 1] == close { end = j + 2; break }
                j += 1
            }
            guard let end else { i += 2; continue }
            for k in i..<end { out[k] = UInt8(ascii: "x") }
            i = end
        }
        return out
    }
}
