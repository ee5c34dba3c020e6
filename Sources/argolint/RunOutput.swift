import ArgoLint
import ArgoRun
import Foundation
import MockHTTP

/// `run --format human`: the node tree as `argo get` prints it, then the requests.
enum RunHuman {
    static func format(_ outcome: SandboxOutcome, trace: Bool) -> String {
        let report = outcome.report
        var out = ""
        if !outcome.diagnostics.isEmpty {
            for d in outcome.diagnostics {
                out += "\(d.path):\(d.start.line):\(d.start.column): \(d.severity.rawValue): \(d.message) [\(d.rule)]\n"
            }
            out += "\n"
        }
        out += "Name:      \(report.workflowName)\n"
        out += "UID:       \(report.uid)\n"
        out += "Phase:     \(report.phase.rawValue)\n"
        if !report.message.isEmpty { out += "Message:   \(report.message)\n" }
        out += "Duration:  \(duration(report.finishedAt))\n\n"
        var rows: [[String]] = [["STEP", "TEMPLATE", "PHASE", "DURATION", "MESSAGE"]]
        for (node, indent) in treePrefixes(report.nodes) {
            var message = node.message
            if let note = node.note, message.isEmpty { message = "(\(note))" }
            if let result = node.result, !result.isEmpty, node.type == .http || node.type == .pod {
                message += (message.isEmpty ? "" : " ") + "result: " + trimmed(result)
            }
            if node.attempts > 1 { message += (message.isEmpty ? "" : " ") + "(\(node.attempts) attempts)" }
            rows.append([indent + symbol(node.phase) + " " + node.displayName, node.template ?? "", node.phase.rawValue,
                         duration(node.finishedAt - node.startedAt), message])
        }
        out += table(rows)
        if !report.requests.isEmpty {
            out += "\nREQUESTS\n"
            for r in report.requests {
                let answer = r.error ?? r.status.map { "\($0)" } ?? "-"
                out += "  \(r.node)  \(r.method) \(r.url) -> \(answer)\n"
                if trace {
                    for h in r.headers { out += "      > \(h.name): \(h.value)\n" }
                    if !r.body.isEmpty { out += indentBlock(r.body, "      > ") }
                    for h in r.responseHeaders { out += "      < \(h.name): \(h.value)\n" }
                    if let body = r.responseBody, !body.isEmpty { out += indentBlock(body, "      < ") }
                }
            }
        }
        if !outcome.unmatched.isEmpty {
            out += "\nUNMATCHED (no stub matched; the responder answered 404)\n"
            for entry in outcome.unmatched { out += "  \(entry.method) \(entry.absoluteURL ?? entry.url)\n" }
        }
        return out
    }

    /// Each node with the `├─`/`└─` prefix `argo get` draws before it.
    static func treePrefixes(_ nodes: [RunNode]) -> [(RunNode, String)] {
        var byPath: [String: RunNode] = [:]
        var isChild = Set<String>()
        for node in nodes {
            byPath[node.path] = node
            isChild.formUnion(node.children)
        }
        var result: [(RunNode, String)] = []
        func visit(_ path: String, lead: String, branch: String) {
            guard let node = byPath[path] else { return }
            result.append((node, lead + branch))
            let children = node.children.filter { byPath[$0] != nil }
            let nextLead = lead + (branch == "├─" ? "│ " : branch.isEmpty ? "" : "  ")
            for (index, child) in children.enumerated() {
                visit(child, lead: nextLead, branch: index == children.count - 1 ? "└─" : "├─")
            }
        }
        for node in nodes where !isChild.contains(node.path) { visit(node.path, lead: "", branch: "") }
        return result
    }

    static func symbol(_ phase: NodePhase) -> String {
        switch phase {
        case .succeeded: return "✔"
        case .failed, .error: return "✖"
        case .skipped, .omitted: return "○"
        case .running, .pending: return "◷"
        }
    }

    static func duration(_ seconds: Double) -> String {
        if seconds < 1 && seconds > 0 { return "\(Int((seconds * 1000).rounded()))ms" }
        let s = Int(seconds.rounded())
        return s >= 60 ? "\(s / 60)m\(s % 60)s" : "\(s)s"
    }

    static func trimmed(_ text: String, limit: Int = 60) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        return flat.count > limit ? String(flat.prefix(limit - 3)) + "..." : flat
    }

    private static func indentBlock(_ text: String, _ prefix: String) -> String {
        let text = text.hasSuffix("\n") ? String(text.dropLast()) : text
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { prefix + $0 }.joined(separator: "\n") + "\n"
    }

    private static func table(_ rows: [[String]]) -> String {
        var widths = [Int](repeating: 0, count: rows[0].count)
        for row in rows { for (i, cell) in row.enumerated() where i < row.count - 1 { widths[i] = max(widths[i], cell.count) } }
        return rows.map { row in
            row.enumerated().map { i, cell in i < row.count - 1 ? cell.padding(toLength: widths[i] + 2, withPad: " ", startingAt: 0) : cell }
                .joined().replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }.joined(separator: "\n") + "\n"
    }
}

/// `run --format json`: one object on stdout (DESIGN.md).
enum RunJSON {
    static func format(_ outcome: SandboxOutcome) -> String {
        let report = outcome.report
        var object: [String: Any] = [
            "workflow": report.declaredName,
            "name": report.workflowName,
            "uid": report.uid,
            "phase": report.phase.rawValue,
            "message": report.message,
        ]
        object["nodes"] = report.nodes.map { node -> [String: Any] in
            var outputs: [String: Any] = [:]
            if let result = node.result { outputs["result"] = result }
            if !node.outputParameters.isEmpty {
                outputs["parameters"] = node.outputParameters.map { ["name": $0.name, "value": $0.value] }
            }
            var item: [String: Any] = [
                "name": node.displayName, "id": node.path, "type": node.type.rawValue, "template": node.template ?? "",
                "phase": node.phase.rawValue, "message": node.message, "attempts": node.attempts,
                "startedAt": node.startedAt, "finishedAt": node.finishedAt, "outputs": outputs, "children": node.children,
            ]
            if let note = node.note { item["note"] = note }
            return item
        }
        object["requests"] = report.requests.map { r -> [String: Any] in
            var headers: [String: [String]] = [:]
            for h in r.headers { headers[h.name, default: []].append(h.value) }
            var item: [String: Any] = ["node": r.node, "method": r.method, "url": r.url, "headers": headers, "body": r.body]
            if let status = r.status {
                var responseHeaders: [String: [String]] = [:]
                for h in r.responseHeaders { responseHeaders[h.name, default: []].append(h.value) }
                item["response"] = ["status": status, "headers": responseHeaders, "body": r.responseBody ?? ""] as [String: Any]
            }
            if let error = r.error { item["error"] = error }
            return item
        }
        object["unmatched"] = outcome.unmatched.map { ["method": $0.method, "url": $0.absoluteURL ?? $0.url, "body": $0.bodyText] }
        object["diagnostics"] = diagnosticsArray(outcome.diagnostics)
        return serialize(object)
    }

    static func refusal(_ refusal: SandboxRefusal) -> String {
        serialize(["phase": "Refused", "message": refusal.message, "nodes": [] as [Any], "requests": [] as [Any], "unmatched": [] as [Any],
                   "diagnostics": diagnosticsArray(refusal.diagnostics)])
    }

    /// The lint findings in exactly `lint --format json`'s shape.
    private static func diagnosticsArray(_ diagnostics: [ResolvedDiagnostic]) -> [Any] {
        diagnostics.compactMap { d in
            (try? JSONSerialization.jsonObject(with: Data(JSONFormatter.diagnostic(d).utf8)))
        }
    }

    private static func serialize(_ object: [String: Any]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
