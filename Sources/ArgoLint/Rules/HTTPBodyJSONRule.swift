import YAMLTree
import ArgoModel
import ArgoSemantics
import ArgoSyntax

/// http-body-json: a body declared JSON (a Content-Type header with "json",
/// or the seed's `contentType`) that is not JSON once its tags are filled, or
/// that splices a value which may hold quotes or newlines into a JSON string.
public struct HTTPBodyJSONRule: Rule {
    public static let info = RuleInfo(id: "http-body-json", defaultSeverity: .error, summary: "a JSON body that is not valid JSON, or splices a value into a JSON string unescaped")
    public var info: RuleInfo { Self.info }
    public init() {}

    public func check(_ context: ResourceContext, _ report: inout Reporter) {
        // Built only when a JSON body needs a value traced to its callers.
        var resolver: VariableScope?
        for template in context.allTemplates {
            guard let http = template.http, let body = http.body, !body.isNull, declaresJSON(http, dialect: context.dialect),
                  !TemplateTagScanner.isEntirelyTag(body.value) else { continue }
            let result = TemplatedJSON.check(body.value)
            if let error = result.error {
                let offset = min(error.offset, body.value.utf8.count)
                let span = body.sourceSpan(offset..<min(offset + 1, body.value.utf8.count), in: context.file)
                report.report(span.length > 0 ? span : body.reportSpan, "the body is declared JSON but is not: \(error.message)")
            }
            for (tag, string) in result.tagsInStrings where tag.kind == .simple {
                if resolver == nil { resolver = VariableScope(semantics: context.semantics) }
                guard let resolver, let risk = risk(of: tag.text, in: template, resolver: resolver) else { continue }
                let span = body.sourceSpan(tag.range, in: context.file)
                var fix: Fix?
                // The string is exactly "{{tag}}": swap it, quotes included, for a toJson expression.
                if string.count == tag.range.count + 2, let path = Self.exprPath(tag.text) {
                    let stringSpan = body.sourceSpan(string, in: context.file)
                    let written = String(decoding: Array(body.value.utf8)[string], as: UTF8.self)
                    if context.file.text(of: stringSpan) == written {
                        fix = Fix(description: "insert it JSON-encoded with {{=toJson(\(path))}}", edits: [TextEdit(span: stringSpan, newText: "{{=toJson(\(path))}}")],
                                  // The body sent changes (the value is escaped now): worth a look.
                                  applicability: .unsafe)
                    }
                }
                report.report(span, "{{\(tag.text)}} is spliced into a JSON string, but \(risk.what) can hold quotes, backslashes or newlines, which break the JSON; write the value JSON-encoded instead: {{=toJson(\(Self.exprPath(tag.text) ?? "..."))}} without the surrounding quotes",
                              severity: risk.severity, fix: fix)
            }
        }
    }

    private func declaresJSON(_ http: HTTPTemplate, dialect: Dialect) -> Bool {
        for header in http.headers where header.name?.value.lowercased() == "content-type" {
            if header.value?.value.lowercased().contains("json") == true { return true }
        }
        return dialect == .seed && http.contentType?.value.lowercased().contains("json") == true
    }

    /// What a tag's value may hold. nil for values that cannot hold quotes or
    /// newlines (names, uids, ids, statuses) or that cannot be known here.
    /// An input parameter is traced to what its callers pass.
    private func risk(of name: String, in template: Template, resolver: VariableScope, depth: Int = 0) -> (what: String, severity: Severity)? {
        let parts = name.splitBytes(".", omittingEmpty: true)
        guard let root = parts.first else { return nil }
        switch root {
        case "tasks", "steps":
            guard parts.count >= 4, parts[2] == "outputs" else { return nil }
            return parts[3] == "result" ? ("a task's result (a response body or a program's output)", .error) : ("an output parameter", .warning)
        case "inputs":
            guard parts.count >= 3, parts[1] == "parameters", depth < 3 else { return nil }
            let parameter = parts.dropFirst(2).joined(separator: ".")
            var worst: (what: String, severity: Severity)?
            for (_, task) in resolver.callingTasks(of: template) {
                guard let value = task.call.arguments.parameter(named: parameter)?.value?.value,
                      let found = risk(ofValue: value, in: resolver.semantics.allTemplates.first { $0.dag?.tasks.contains { $0 === task } ?? false }, resolver: resolver, depth: depth + 1) else { continue }
                if found.severity > (worst?.severity ?? .info) || worst == nil { worst = found }
            }
            return worst.map { ("input parameter \"\(parameter)\", which a caller fills with \($0.what),", $0.severity) }
        case "item":
            return ("a loop item", .warning)
        default:
            return nil
        }
    }

    /// The worst risk among the tags of an argument value, or its literal text.
    private func risk(ofValue value: String, in template: Template?, resolver: VariableScope, depth: Int) -> (what: String, severity: Severity)? {
        let scan = TemplateTagScanner.scan(value)
        if scan.tags.isEmpty {
            return value.contains("\"") || value.contains("\\") || value.contains("\n") ? ("a literal with quotes, backslashes or newlines", .error) : nil
        }
        var worst: (what: String, severity: Severity)?
        for tag in scan.tags where tag.kind == .simple {
            guard let template, let found = risk(of: tag.text, in: template, resolver: resolver, depth: depth) else { continue }
            if found.severity > (worst?.severity ?? .info) || worst == nil { worst = found }
        }
        return worst
    }

    /// `tasks.get-data.outputs.result` → `tasks['get-data'].outputs.result`: expr reads `-` as minus.
    static func exprPath(_ name: String) -> String? {
        let parts = name.splitBytes(".")
        guard let first = parts.first, !first.isEmpty, !parts.contains(where: { $0.isEmpty || $0.contains("'") }) else { return nil }
        var path = first
        for part in parts.dropFirst() {
            let plain = part.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
                && !(part.first?.isNumber ?? true)
            path += plain ? ".\(part)" : "['\(part)']"
        }
        return path
    }
}
