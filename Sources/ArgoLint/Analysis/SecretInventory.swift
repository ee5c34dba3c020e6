import YAMLTree
import ArgoModel
import ArgoSemantics
import ArgoSyntax

/// The Secrets a resource can read: every Secret manifest of the run (inputs,
/// the configuration's `secrets:` paths, `--secrets`) whose namespace fits.
/// Only names and keys are known here; values are never read.
struct SecretInventory: Sendable {
    /// True when the run knows no Secret at all (in any namespace).
    let isEmpty: Bool
    /// The resource's namespace, when it names one literally.
    let namespace: String?
    /// Secrets visible from the resource's namespace.
    let visible: [SecretManifest]
    /// Every Secret of the run, for "exists in another namespace" hints.
    private let all: [SecretManifest]

    init(workspace: Workspace, namespace: String?) {
        // A templated namespace cannot be matched: treat it as none.
        let namespace = namespace.flatMap { $0.isEmpty || $0.hasTemplateTag ? nil : $0 }
        self.namespace = namespace
        all = workspace.secrets.map(\.secret)
        isEmpty = all.isEmpty
        // A Secret with a namespace matches a resource in that namespace or with
        // none (it is applied wherever it is submitted); one without matches all.
        visible = all.filter { secret in
            guard let own = secret.namespace, !own.isEmpty, let namespace else { return true }
            return own == namespace
        }
    }

    init(_ context: ResourceContext) {
        self.init(workspace: context.workspace, namespace: context.resource.metadata.namespace?.value)
    }

    /// Names of the visible Secrets, sorted and unique.
    var names: [String] {
        Array(Set(visible.compactMap { $0.name?.value })).sorted()
    }

    /// Keys of the visible Secrets called `name` (several namespaces may hold one), or nil when there is none.
    func keys(of name: String) -> [String]? {
        let matching = visible.filter { $0.name?.value == name }
        guard !matching.isEmpty else { return nil }
        var seen = Set<String>()
        return matching.flatMap { $0.keys.map(\.value) }.filter { seen.insert($0).inserted }
    }

    /// Namespaces of Secrets called `name` that this resource cannot see.
    func otherNamespaces(of name: String) -> [String] {
        Array(Set(all.filter { $0.name?.value == name }.compactMap(\.namespace))).sorted()
    }

    enum Problem: Sendable {
        case missingSecret(String)
        case missingKey(String)
    }

    /// What is wrong with a reference to `name`/`key`, as a message, or nil when it resolves.
    func problem(name: String, key: String?) -> (Problem, String)? {
        guard let keys = keys(of: name) else {
            let place = namespace.map { " in namespace \"\($0)\"" } ?? ""
            let elsewhere = otherNamespaces(of: name)
            let hint: String
            if !elsewhere.isEmpty {
                hint = "; it exists only in namespace \(Suggestions.quotedList(elsewhere)): move the Secret or the workflow"
            } else if let best = Suggestions.best(for: name, among: names) {
                hint = "; did you mean \"\(best)\"?"
            } else if names.isEmpty {
                hint = "; add its manifest to the inventory (--secrets or secrets: in .argolint.yaml) or correct the name"
            } else {
                hint = "; known Secrets are \(Suggestions.quotedList(names)): add its manifest or correct the name"
            }
            return (.missingSecret(name), "Secret \"\(name)\" is not in the secret inventory\(place)\(hint)")
        }
        guard let key, !keys.contains(key) else { return nil }
        let hint: String
        if let best = Suggestions.best(for: key, among: keys) {
            hint = "; did you mean \"\(best)\"?"
        } else if keys.isEmpty {
            hint = "; it has no keys at all: add the key to its data or stringData"
        } else {
            hint = "; its keys are \(Suggestions.quotedList(keys)): correct the key or add it to the Secret"
        }
        return (.missingKey(key), "Secret \"\(name)\" has no key \"\(key)\"\(hint)")
    }
}

/// A `{{=lookup 'secret' 'NAME' 'KEY'}}` tag found in a scalar of a resource.
struct LookupOccurrence: Sendable {
    var lookup: SecretLookup
    var field: ScalarField
    var tag: TemplateTagRange
    /// The header entry the scalar is the `value` of, if it is one.
    var header: HTTPHeader?

    /// Value byte range of the quoted name / key (quotes excluded).
    var nameRange: Range<Int> { (tag.textStart + lookup.nameRange.lowerBound)..<(tag.textStart + lookup.nameRange.upperBound) }
    var keyRange: Range<Int> { (tag.textStart + lookup.keyRange.lowerBound)..<(tag.textStart + lookup.keyRange.upperBound) }
}

/// Where a tag sits in a scalar's value, in bytes.
struct TemplateTagRange: Sendable {
    var range: Range<Int>
    var textStart: Int
}

enum SecretLookups {
    private static let marker = Array("lookup".utf8)

    /// Every secret lookup tag of the resource, with the header it is the value of.
    static func collect(_ context: ResourceContext) -> [LookupOccurrence] {
        // Most documents have no lookup at all: a byte search spares the tree walk.
        // Only this document's bytes are searched: searching the whole file for
        // each of its documents made a file of many documents quadratic.
        let span = context.resource.root.span
        guard context.file.bytes.firstOffset(of: marker, in: span.start..<span.end) != nil else { return [] }
        var headersByValueStart: [Int: HTTPHeader] = [:]
        for template in context.allTemplates {
            for header in template.http?.headers ?? [] {
                if let value = header.value { headersByValueStart[value.span.start] = header }
            }
        }
        var found: [LookupOccurrence] = []
        var seen = Set<Int>()
        for site in TagSiteCollector.collect(context.semantics) {
            guard let scalar = site.node.scalar, scalar.value.utf8.containsLookup,
                  seen.insert(site.node.span.start).inserted else { continue }
            let field = ScalarField(value: scalar.value, span: site.node.span, keySpan: nil, style: scalar.style, tag: scalar.tag)
            for tag in TemplateTagScanner.scan(scalar.value).tags where tag.kind == .expression {
                guard let lookup = SecretLookup.parse(tag.text) else { continue }
                found.append(LookupOccurrence(lookup: lookup, field: field,
                                              tag: TemplateTagRange(range: tag.range, textStart: tag.textRange.lowerBound),
                                              header: headersByValueStart[site.node.span.start]))
            }
        }
        return found.sorted { $0.field.span.start == $1.field.span.start ? $0.tag.range.lowerBound < $1.tag.range.lowerBound : $0.field.span.start < $1.field.span.start }
    }
}

private extension String.UTF8View {
    var containsLookup: Bool { Array(self).containsSubsequence(Array("lookup".utf8)) }
}
