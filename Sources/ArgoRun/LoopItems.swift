import Foundation
import ArgoModel
import ExprLang
import YAMLTree

/// One item of withItems / withParam / withSequence.
struct LoopItem {
    /// `{{item}}`: the value itself, or JSON for a map or list.
    var text: String
    /// `{{item.key}}` for map items.
    var fields: [String: String]
    /// What the node name shows: the value, or sorted `key:value` pairs.
    var description: String
}

enum LoopItems {
    static func expand(_ call: TemplateCall, values: SiteValues) throws -> [LoopItem] {
        if let items = call.withItems {
            return try items.sequenceItems.map { try item(from: $0, values: values) }
        }
        if let param = call.withParam?.value {
            let text = try values.substitute(param)
            guard let parsed = try? ExprValue.parseJSON(text), case .array(let elements, _, _) = parsed else {
                throw SiteValues.Failure(message: "withParam value could not be parsed as a JSON list: \(text.trimmingSpaces)")
            }
            return try elements.map { try item(from: $0) }
        }
        if let sequence = call.withSequence {
            func number(_ key: String) throws -> Int? {
                guard let raw = sequence.field(key)?.value else { return nil }
                let text = try values.substitute(raw)
                guard let n = Int(text) else { throw SiteValues.Failure(message: "withSequence.\(key) \(text) is not a number") }
                return n
            }
            let start = try number("start") ?? 0
            let end: Int
            if let count = try number("count") {
                if count == 0 { return [] }
                end = start + count - 1
            } else {
                end = try number("end") ?? start
            }
            let format = sequence.field("format")?.value
            let numbers = start <= end ? Array(start...end) : Array((end...start).reversed())
            return numbers.map { n in
                let text = format.map { String(format: $0.replacingOccurrences(of: "%d", with: "%ld"), n) } ?? String(n)
                return LoopItem(text: text, fields: [:], description: text)
            }
        }
        return []
    }

    private static func item(from node: YAMLNode, values: SiteValues) throws -> LoopItem {
        if let scalar = node.scalar {
            let text = try values.substitute(scalar.value)
            return LoopItem(text: text, fields: [:], description: text)
        }
        let value = try ExprValue.parseJSON(try values.substitute(JSONFromYAML.text(node)))
        return try item(from: value)
    }

    private static func item(from value: ExprValue) throws -> LoopItem {
        switch value {
        case .string(let s): return LoopItem(text: s, fields: [:], description: s)
        case .map(let entries, _):
            var fields: [String: String] = [:]
            for (key, v) in entries {
                if case .string(let s) = v { fields[key.value.goText] = s } else { fields[key.value.goText] = (try? v.jsonText()) ?? v.goText }
            }
            let description = fields.keys.sorted().map { "\($0):\(fields[$0] ?? "")" }.joined(separator: ",")
            return LoopItem(text: (try? value.jsonText()) ?? "", fields: fields, description: description)
        default:
            let text = (try? value.jsonText()) ?? value.goText
            return LoopItem(text: text, fields: [:], description: text)
        }
    }

    /// A looped node's `outputs.parameters`: a JSON list of each child's parameters.
    static func aggregateParameters(_ outcomes: [Runner.Outcome]) -> [String] {
        let withParameters = outcomes.filter { !$0.parameters.isEmpty }
        guard !withParameters.isEmpty else { return [] }
        return [JSONText.array(withParameters.map { JSONText.object($0.parameters.map { ($0.name, $0.value) }) })]
    }
}

/// YAML values written as JSON text (withItems maps and lists).
enum JSONFromYAML {
    static func text(_ node: YAMLNode) -> String {
        switch node.content {
        case .scalar(let scalar):
            switch scalar.resolved {
            case .int, .float, .bool, .null: return scalar.value.isEmpty ? "null" : scalar.value
            default: return JSONText.string(scalar.value)
            }
        case .sequence(let items): return "[" + items.map(text).joined(separator: ",") + "]"
        case .mapping(let pairs):
            return "{" + pairs.map { JSONText.string($0.key.stringValue ?? "") + ":" + text($0.value) }.joined(separator: ",") + "}"
        }
    }
}
