import ArgoModel
import ArgoSemantics
import ArgoSyntax
import ExprLang
import YAMLTree

/// The values of every variable the run knows at one reference site, and the
/// substitution of `{{...}}` tags with them. Which names a tag may read is not
/// decided here: `VariableScope` — the same description the linter uses —
/// says what is in scope at the site; this only supplies the values.
struct SiteValues {
    let site: ReferenceSite
    let scope: VariableScope
    /// Flat Argo names (`inputs.parameters.x`, `tasks.a.outputs.result`) to their string values.
    var flat: [String: String]

    struct Failure: Error { var message: String }

    /// Replaces every complete tag of `text`. A simple tag the scope accepts
    /// and the run has a value for is replaced; others are left as written,
    /// as Argo leaves tags it does not know. An expression tag that fails
    /// stops the node, as it stops the controller.
    func substitute(_ text: String) throws -> String {
        guard text.hasTemplateTag else { return text }
        let scan = TemplateTagScanner.scan(text)
        guard !scan.tags.isEmpty else { return text }
        var bytes = Array(text.utf8)
        for tag in scan.tags.reversed() {
            let replacement: String?
            switch tag.kind {
            case .simple:
                let name = tag.text.trimmingSpaces
                replacement = scope.resolve(name, at: site) == nil ? flat[name] : nil
            case .expression:
                replacement = try evaluate(tag.text)
            }
            if let replacement { bytes.replaceSubrange(tag.range, with: Array(replacement.utf8)) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `{{= }}`: evaluated in the environment the linter checks it against, with the run's values.
    func evaluate(_ source: String) throws -> String {
        let program: ExprProgram
        do { program = try ExprProgram(source: source) } catch {
            throw Failure(message: "failed to evaluate expression: \(error)")
        }
        let value: ExprValue
        do {
            value = try ExprEvaluator.evaluate(program, environment: environment(mentioning: source), argoFunctions: true)
        } catch {
            throw Failure(message: "failed to evaluate expression: \(error)")
        }
        if value.isNil { throw Failure(message: "failed to evaluate expression \"\(source.trimmingSpaces)\"") }
        do { return try value.templateText() } catch { throw Failure(message: "failed to evaluate expression: \(error)") }
    }

    /// The nested values of the names in scope. Like upstream, a name that is
    /// a prefix of a longer one (`item` beside `item.a`) gives way to the longer.
    func environment(mentioning source: String) -> [String: ExprValue] {
        let (variables, open) = scope.baseVariables(at: site)
        let nodeRoots = scope.nodeRoots(at: site, mentioning: source)
        func inScope(_ name: String) -> Bool {
            if variables[name] != nil { return true }
            if open.contains(where: { name == $0 || name.hasPrefix($0 + ".") }) { return true }
            let parts = name.splitBytes(".")
            guard let root = parts.first, let type = nodeRoots[root] else { return false }
            return Self.type(type, contains: parts.dropFirst())
        }
        let names = flat.keys.filter(inScope)
        var prefixes = Set<String>()
        for name in names {
            var parts = name.splitBytes(".")
            while parts.count > 1 {
                parts.removeLast()
                prefixes.insert(parts.joined(separator: "."))
            }
        }
        let tree = ValueTree()
        for name in names where !prefixes.contains(name) {
            if let value = flat[name] { tree.insert(name.splitBytes("."), value: value) }
        }
        return tree.roots
    }

    private static func type(_ type: ExprType, contains path: ArraySlice<String>) -> Bool {
        guard let first = path.first else { return true }
        guard case .record(let record) = type else { return true }
        if let field = record.fields[first] { return Self.type(field, contains: path.dropFirst()) }
        return !record.closed
    }
}

/// Dotted names folded into nested maps of strings.
private struct ValueTree {
    private final class Node {
        var value: String?
        var children: [String: Node] = [:]
    }
    private let root = Node()

    func insert(_ path: [String], value: String) {
        var node = root
        for part in path {
            if let next = node.children[part] { node = next } else {
                let next = Node()
                node.children[part] = next
                node = next
            }
        }
        node.value = value
    }

    var roots: [String: ExprValue] { root.children.mapValues(Self.value) }

    private static func value(_ node: Node) -> ExprValue {
        if node.children.isEmpty { return .string(node.value ?? "") }
        return .object(node.children.mapValues(value))
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" || c == "\n" || c == "\r" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" || c == "\n" || c == "\r" { s.removeLast() }
        return String(s)
    }
}
