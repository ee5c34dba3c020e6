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
            for entry in outcome.unmatched { out += "  \(entry.method) \(outcome.masker.mask(entry.absoluteURL ?? entry.url))\n" }
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

/// `run --format json`: one object on stdout (DESIGN.md), keys in a fixed order.
enum RunJSON {
    static func format(_ outcome: SandboxOutcome) -> String {
        let report = outcome.report
        let nodes: [JSONOut] = report.nodes.map { node in
            var outputs: [(String, JSONOut)] = []
            if let result = node.result { outputs.append(("result", .string(result))) }
            if !node.outputParameters.isEmpty {
                outputs.append(("parameters", .array(node.outputParameters.map { .object([("name", .string($0.name)), ("value", .string($0.value))]) })))
            }
            var fields: [(String, JSONOut)] = [
                ("name", .string(node.displayName)), ("id", .string(node.path)), ("type", .string(node.type.rawValue)),
                ("template", .string(node.template ?? "")), ("phase", .string(node.phase.rawValue)), ("message", .string(node.message)),
                ("attempts", .number(Double(node.attempts))), ("startedAt", .number(node.startedAt)), ("finishedAt", .number(node.finishedAt)),
                ("outputs", .object(outputs)), ("children", .array(node.children.map { .string($0) })),
            ]
            if let note = node.note { fields.append(("note", .string(note))) }
            return .object(fields)
        }
        let requests: [JSONOut] = report.requests.map { r in
            var fields: [(String, JSONOut)] = [
                ("node", .string(r.node)), ("method", .string(r.method)), ("url", .string(r.url)),
                ("headers", headerObject(r.headers)), ("body", .string(r.body)),
            ]
            if let status = r.status {
                fields.append(("response", .object([("status", .number(Double(status))), ("headers", headerObject(r.responseHeaders)),
                                                    ("body", .string(r.responseBody ?? ""))])))
            }
            if let error = r.error { fields.append(("error", .string(error))) }
            fields.append(("startedAt", .number(r.startedAt)))
            fields.append(("finishedAt", .number(r.finishedAt)))
            return .object(fields)
        }
        let unmatched: [JSONOut] = outcome.unmatched.map { entry in
            .object([("method", .string(entry.method)), ("url", .string(outcome.masker.mask(entry.absoluteURL ?? entry.url))),
                     ("headers", headerObject(entry.headers.map { ($0.name, outcome.masker.mask($0.value)) })),
                     ("body", .string(outcome.masker.mask(entry.bodyText)))])
        }
        let object: JSONOut = .object([
            ("workflow", .string(report.declaredName)), ("name", .string(report.workflowName)), ("uid", .string(report.uid)),
            ("phase", .string(report.phase.rawValue)), ("message", .string(report.message)),
            ("nodes", .array(nodes)), ("requests", .array(requests)), ("unmatched", .array(unmatched)),
            ("diagnostics", .raw(diagnosticsArray(outcome.diagnostics))),
        ])
        return object.text + "\n"
    }

    static func refusal(_ refusal: SandboxRefusal) -> String {
        JSONOut.object([("phase", .string("Refused")), ("message", .string(refusal.message)), ("nodes", .array([])),
                        ("requests", .array([])), ("unmatched", .array([])), ("diagnostics", .raw(diagnosticsArray(refusal.diagnostics)))]).text + "\n"
    }

    /// The lint findings in exactly `lint --format json`'s shape.
    private static func diagnosticsArray(_ diagnostics: [ResolvedDiagnostic]) -> String {
        "[" + diagnostics.map(JSONFormatter.diagnostic).joined(separator: ",") + "]"
    }

    /// Header lists as `{"Name": ["v1", "v2"]}`, in first-seen order.
    private static func headerObject(_ headers: [(name: String, value: String)]) -> JSONOut {
        var order: [String] = []
        var values: [String: [String]] = [:]
        for h in headers {
            if values[h.name] == nil { order.append(h.name) }
            values[h.name, default: []].append(h.value)
        }
        return .object(order.map { ($0, .array((values[$0] ?? []).map { .string($0) })) })
    }
}

/// A JSON value written with its keys in the order given.
indirect enum JSONOut {
    case string(String)
    case number(Double)
    case array([JSONOut])
    case object([(String, JSONOut)])
    /// Already JSON text.
    case raw(String)

    var text: String {
        var out = ""
        write(into: &out)
        return out
    }

    func write(into out: inout String) {
        switch self {
        case .string(let s): out += JSONFormatter.quote(s)
        case .number(let n): out += n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n)
        case .raw(let text): out += text
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.write(into: &out)
            }
            out += "]"
        case .object(let pairs):
            out += "{"
            for (i, pair) in pairs.enumerated() {
                if i > 0 { out += "," }
                out += JSONFormatter.quote(pair.0) + ":"
                pair.1.write(into: &out)
            }
            out += "}"
        }
    }
}
