import YAMLTree

/// Walks a YAML document against the schema table and reports unknown fields
/// (`.unknownField`), values of the wrong shape (`.wrongType`) and missing
/// required fields (`.missingRequired`).
///
/// Recursion follows the YAML depth (capped by the parser); frames are small.
/// Field lookups use the dictionaries prebuilt in each `ObjectSpec`, and
/// message text is only built when something is reported.
public enum SchemaValidator {
    /// Findings for one document whose root should be the object `id`
    /// (see `ArgoSchema.objectID(apiVersion:kind:)`), in document order.
    public static func validate(_ root: YAMLNode, as id: ObjectID) -> [SchemaIssue] {
        var walker = Walker()
        walker.checkObject(root, ArgoSchema.spec(id), at: Place(field: nil, object: "", role: .root))
        return walker.issues
    }
}

/// Where a value sits, for messages; built from strings that already exist.
struct Place {
    enum Role {
        case root
        case field
        case item
        case entry(String)
    }

    /// The field holding the value (nil at the root).
    var field: String?
    /// The display name of the object holding the field.
    var object: String
    var role: Role

    /// `"parallelism" in a template`, `an item of "dependencies" in a DAG task`...
    var description: String {
        let field = self.field ?? ""
        switch role {
        case .root: return "the document"
        case .field: return "\"\(field)\" in \(object)"
        case .item: return "an item of \"\(field)\" in \(object)"
        case .entry(let key): return "entry \"\(key)\" of \"\(field)\" in \(object)"
        }
    }

    /// The same place one level down: an item of this list, an entry of this map.
    func item() -> Place { Place(field: field, object: object, role: .item) }
    func entry(_ key: String) -> Place { Place(field: field, object: object, role: .entry(key)) }
}

struct Walker {
    var issues: [SchemaIssue] = []

    // MARK: Objects

    mutating func checkObject(_ node: YAMLNode, _ spec: ObjectSpec, at place: Place) {
        let pairs: YAMLMapping
        switch node.content {
        case .mapping(let p): pairs = p
        case .scalar where node.isNull: return
        default:
            let what = place.field == nil ? spec.displayName : place.description
            typeError(node, "\(what) must be a mapping, found \(found(node))")
            return
        }
        // Indexed access reads pairs in place instead of copying each one.
        for index in pairs.indices {
            guard case .scalar(let key) = pairs[index].key.content else { continue }
            if key.value == "<<" && key.style == .plain { continue }
            if let field = spec.field(key.value) {
                checkValue(pairs[index].value, field.type, at: Place(field: key.value, object: spec.displayName, role: .field))
            } else if !spec.allowsUnknownFields {
                reportUnknown(pairs[index], key: key.value, in: spec, pairs: pairs)
            }
        }
        if !spec.requiredFields.isEmpty {
            checkRequired(node, pairs, spec)
        }
    }

    // MARK: Values

    mutating func checkValue(_ node: YAMLNode, _ type: FieldType, at place: Place) {
        switch type {
        case .any, .opaque:
            return
        case .object(let id):
            checkObject(node, ArgoSchema.spec(id), at: place)
        case .array(let element):
            switch node.content {
            case .sequence(let items):
                let itemPlace = place.item()
                for index in items.indices { checkValue(items[index], element, at: itemPlace) }
            case .scalar where node.isNull:
                return
            default:
                typeError(node, "\(place.description) must be a list, found \(found(node))")
            }
        case .map(let element):
            switch node.content {
            case .mapping(let pairs):
                for index in pairs.indices {
                    guard case .scalar(let key) = pairs[index].key.content else { continue }
                    if key.value == "<<" && key.style == .plain { continue }
                    checkValue(pairs[index].value, element, at: place.entry(key.value))
                }
            case .scalar where node.isNull:
                return
            default:
                typeError(node, "\(place.description) must be a mapping, found \(found(node))")
            }
        case .string, .int, .bool, .number, .intOrString:
            guard case .scalar(let scalar) = node.content else {
                typeError(node, "\(place.description) must be \(type.description), found \(found(node))")
                return
            }
            checkScalar(node, scalar, type, at: place)
        }
    }

    mutating func checkScalar(_ node: YAMLNode, _ scalar: YAMLScalar, _ type: FieldType, at place: Place) {
        let resolved = scalar.resolved
        if case .null = resolved { return }
        switch type {
        case .string:
            guard let converted = resolved.kubernetesStringForm(original: scalar.value), converted != scalar.value else { return }
            let fix: Fix? = node.tag == nil && node.aliasSpan == nil
                ? Fix(description: "quote \(quoted(scalar.value))", edits: [TextEdit(span: node.span, newText: quoted(scalar.value))])
                : nil
            issues.append(SchemaIssue(
                kind: .wrongType, severity: .warning,
                message: "\(place.description) is a string, but YAML reads \(scalar.value) as \(node.kindDescription): Kubernetes stores \(quoted(converted)); quote the value to keep \(quoted(scalar.value))",
                span: node.span, fix: fix))
            return
        case .int:
            if case .int = resolved { return }
        case .bool:
            if case .bool = resolved { return }
        case .number:
            switch resolved {
            case .int, .float: return
            case .string where scalar.isQuoted && isNumeric(scalar.value): return
            default: break
            }
        case .intOrString:
            switch resolved {
            case .int, .string: return
            default: break
            }
        default:
            return
        }
        // A `{{...}}` tag is substituted before Argo reads the value: accept it.
        if case .string = resolved, scalar.value.hasTemplateTag { return }
        var message = "\(place.description) must be \(type.description), found \(found(node))"
        var fix: Fix?
        if case .string = resolved, scalar.isQuoted, node.tag == nil, node.aliasSpan == nil {
            let plain = ScalarResolver.resolve(scalar.value, style: .plain, tag: nil)
            let unquotedFits: Bool
            switch (type, plain) {
            case (.int, .int), (.bool, .bool), (.intOrString, .int): unquotedFits = true
            default: unquotedFits = false
            }
            if unquotedFits {
                message += "; Kubernetes rejects a quoted value here"
                fix = Fix(description: "remove the quotes", edits: [TextEdit(span: node.span, newText: scalar.value)])
            }
        }
        typeError(node, message, fix: fix)
    }

    // MARK: Findings

    mutating func typeError(_ node: YAMLNode, _ message: String, fix: Fix? = nil) {
        issues.append(SchemaIssue(kind: .wrongType, severity: .error, message: message,
                                  span: node.aliasSpan ?? node.span, fix: fix))
    }

    mutating func reportUnknown(_ pair: YAMLPair, key: String, in spec: ObjectSpec, pairs: YAMLMapping) {
        var present = Set<String>()
        for other in pairs { if let name = other.key.scalar?.value { present.insert(name) } }
        if spec.id == .http && key == "contentType" {
            reportContentType(pair, in: spec, present: present)
            return
        }
        let candidates = spec.fields.map(\.name).filter { !present.contains($0) }
        let suggestions = FieldSuggestions.closest(to: key, among: candidates)
        var message = "unknown field \(quoted(key)) in \(spec.displayName)"
        var fix: Fix?
        if suggestions.count == 1 {
            message += "; did you mean \(quoted(suggestions[0]))?"
            // Offer the rename only when the value has the shape the suggested field takes.
            if pair.key.aliasSpan == nil, let field = spec.field(suggestions[0]), shapeFits(pair.value, field.type) {
                fix = Fix(description: "rename \(quoted(key)) to \(quoted(suggestions[0]))",
                          edits: [TextEdit(span: pair.key.span, newText: suggestions[0])],
                          // The closest field is a guess at what was meant.
                          applicability: .unsafe)
            }
        } else if !suggestions.isEmpty {
            message += "; did you mean " + suggestions.prefix(3).map(quoted).joined(separator: " or ") + "?"
        }
        issues.append(SchemaIssue(kind: .unknownField, severity: .error, message: message,
                                  span: pair.key.aliasSpan ?? pair.key.span, fix: fix))
    }

    /// `contentType: T` under `http` (a convenience some guides show): Argo has no such
    /// field; the same effect is a `Content-Type` header.
    mutating func reportContentType(_ pair: YAMLPair, in spec: ObjectSpec, present: Set<String>) {
        var fix: Fix?
        if !present.contains("headers"), let value = pair.value.scalar, !pair.value.isNull,
           pair.key.aliasSpan == nil, pair.value.aliasSpan == nil {
            fix = Fix(description: "send a Content-Type header instead",
                      edits: [TextEdit(span: SourceSpan(start: pair.key.span.start, end: pair.value.span.end),
                                       newText: "headers: [{name: Content-Type, value: \(quoted(value.value))}]")])
        }
        issues.append(SchemaIssue(
            kind: .unknownField, severity: .error,
            message: "unknown field \"contentType\" in \(spec.displayName); Argo has no such field: send a \"Content-Type\" entry in \"headers\" instead",
            span: pair.key.span, fix: fix))
    }

    mutating func checkRequired(_ node: YAMLNode, _ pairs: YAMLMapping, _ spec: ObjectSpec) {
        for field in spec.requiredFields {
            if let pair = pairs.first(where: { $0.key.scalar?.value == field.name }) {
                if isEmptyValue(pair.value) {
                    issues.append(SchemaIssue(
                        kind: .missingRequired, severity: .error,
                        message: "required field \(quoted(field.name)) in \(spec.displayName) has no value",
                        span: pair.key.aliasSpan ?? pair.key.span))
                }
                continue
            }
            if case .requiredUnless(let alternatives) = field.requirement,
               alternatives.contains(where: { name in pairs.contains { $0.key.scalar?.value == name } }) {
                continue
            }
            if mergedKeys(pairs).contains(field.name) { continue }
            let span: SourceSpan
            if let first = pairs.first {
                span = first.key.aliasSpan ?? first.key.span
            } else {
                span = SourceSpan(start: node.span.start, end: node.span.start)
            }
            var message = "missing required field \(quoted(field.name)) in \(spec.displayName)"
            if case .requiredUnless(let alternatives) = field.requirement {
                message += " (or " + alternatives.map(quoted).joined(separator: ", ") + ")"
            }
            issues.append(SchemaIssue(kind: .missingRequired, severity: .error, message: message, span: span))
        }
    }

    // MARK: Helpers

    /// Keys brought in by `<<: *anchor` merges (not expanded by the parser).
    func mergedKeys(_ pairs: YAMLMapping) -> Set<String> {
        var keys = Set<String>()
        for pair in pairs where pair.key.scalar?.value == "<<" {
            let sources = pair.value.items.map(Array.init) ?? [pair.value]
            for source in sources {
                for merged in source.pairs ?? .empty {
                    if let name = merged.key.scalar?.value { keys.insert(name) }
                }
            }
        }
        return keys
    }

    /// Whether a value has roughly the shape of `type` (collections vs scalars).
    func shapeFits(_ node: YAMLNode, _ type: FieldType) -> Bool {
        if node.isNull { return true }
        switch (type, node.content) {
        case (.any, _), (.opaque, _): return true
        case (.object, .mapping), (.map, .mapping), (.array, .sequence): return true
        case (.string, .scalar), (.int, .scalar), (.bool, .scalar), (.number, .scalar), (.intOrString, .scalar): return true
        default: return false
        }
    }

    func isEmptyValue(_ node: YAMLNode) -> Bool {
        guard let scalar = node.scalar else { return false }
        if case .null = scalar.resolved { return true }
        return scalar.value.isEmpty
    }

    func found(_ node: YAMLNode) -> String {
        guard let scalar = node.scalar, !node.isNull else { return node.kindDescription }
        let text = scalar.value
        if text.unicodeScalars.count <= 40 && !text.contains("\n") {
            return "\(node.kindDescription) (\(scalar.isQuoted ? quoted(text) : text))"
        }
        return node.kindDescription
    }

    func isNumeric(_ text: String) -> Bool {
        switch ScalarResolver.resolve(text, style: .plain, tag: nil) {
        case .int, .float: return true
        default: return false
        }
    }
}

/// A double-quoted YAML/JSON string literal.
func quoted(_ text: String) -> String { doubleQuoted(text) }
