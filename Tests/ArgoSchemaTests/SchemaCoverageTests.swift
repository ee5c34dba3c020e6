import Foundation
import Testing
@testable import ArgoSchema

/// Checks the hand-written table against Argo's published JSON schema
/// (corpus/argo-schema.json) so the two cannot drift apart.
@Suite struct SchemaCoverageTests {
    /// Fields the table has on purpose although upstream (v4) does not.
    static let intentionalExtras: [ObjectID: Set<String>] = [
        // Deprecated single `schedule` (Argo < 4); still accepted, `schedules` then not required.
        .cronWorkflowSpec: ["schedule"],
        // Deprecated singular `mutex` / `semaphore` (Argo < 4).
        .synchronization: ["mutex", "semaphore"],
    ]
    /// Upstream fields the table leaves out on purpose. None today: Workflow and
    /// CronWorkflow `status` are kept (as opaque) so exported manifests lint cleanly.
    static let intentionalOmissions: [ObjectID: Set<String>] = [:]

    static func loadDefinitions() throws -> [String: [String: Any]]? {
        guard let url = sharedFile("corpus/argo-schema.json") else { return nil }
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
        return (json as? [String: Any])?["definitions"] as? [String: [String: Any]]
    }

    @Test func everyArgoObjectIsMappedToAnUpstreamDefinition() {
        for spec in ArgoSchema.objects {
            #expect(spec.upstream != nil, "\(spec.id) has no upstream definition")
        }
    }

    @Test func fieldNamesMatchUpstream() throws {
        guard let definitions = try Self.loadDefinitions() else { return }
        var checkedArgo = 0
        for spec in ArgoSchema.objects {
            guard let upstream = spec.upstream else { continue }
            guard let definition = definitions[upstream] else {
                Issue.record("\(spec.id): upstream definition \(upstream) is not in argo-schema.json")
                continue
            }
            if upstream.hasPrefix("io.argoproj.workflow.v1alpha1.") { checkedArgo += 1 }
            let theirs = Set((definition["properties"] as? [String: Any] ?? [:]).keys)
            let ours = Set(spec.fieldNames)
            let extras = Self.intentionalExtras[spec.id] ?? []
            let omissions = Self.intentionalOmissions[spec.id] ?? []
            let missing = theirs.subtracting(ours).subtracting(omissions)
            let unexpected = ours.subtracting(theirs).subtracting(extras)
            #expect(missing.isEmpty, "\(spec.id) lacks upstream fields of \(upstream): \(missing.sorted())")
            #expect(unexpected.isEmpty, "\(spec.id) has fields \(upstream) does not: \(unexpected.sorted())")
            // The documented differences must still be differences.
            #expect(extras.isDisjoint(with: theirs), "\(spec.id): upstream now has \(extras.intersection(theirs).sorted()); drop them from intentionalExtras")
        }
        #expect(checkedArgo >= 60)
    }

    @Test func fieldTypesMatchUpstream() throws {
        guard let definitions = try Self.loadDefinitions() else { return }
        for spec in ArgoSchema.objects {
            guard let upstream = spec.upstream, let definition = definitions[upstream] else { continue }
            let properties = definition["properties"] as? [String: [String: Any]] ?? [:]
            for field in spec.fields {
                guard let property = properties[field.name] else { continue }
                if let problem = mismatch(field.type, property, definitions) {
                    Issue.record("\(spec.id).\(field.name): \(problem)")
                }
            }
        }
    }

    @Test func requiredFieldsAreUpstreamFields() throws {
        guard let definitions = try Self.loadDefinitions() else { return }
        for spec in ArgoSchema.objects {
            guard let upstream = spec.upstream, let definition = definitions[upstream] else { continue }
            let theirs = Set((definition["properties"] as? [String: Any] ?? [:]).keys)
            for field in spec.requiredFields {
                #expect(theirs.contains(field.name), "\(spec.id): required \(field.name) is not an upstream field")
            }
        }
    }

    /// nil when our type fits the upstream property, else why not.
    func mismatch(_ ours: FieldType, _ property: [String: Any], _ definitions: [String: [String: Any]]) -> String? {
        var property = property
        var refName: String?
        if let ref = property["$ref"] as? String {
            let name = String(ref.split(separator: "/").last ?? "")
            refName = name
            if name == "io.k8s.apimachinery.pkg.util.intstr.IntOrString" {
                return ours == .intOrString || ours == .opaque ? nil : "upstream is IntOrString, ours is \(ours)"
            }
            property = definitions[name] ?? [:]
        }
        let type = property["type"] as? String
        switch ours {
        case .any, .opaque:
            return nil
        case .string: return type == "string" ? nil : "upstream is \(type ?? "untyped"), ours is string"
        case .int: return type == "integer" ? nil : "upstream is \(type ?? "untyped"), ours is int"
        case .bool: return type == "boolean" ? nil : "upstream is \(type ?? "untyped"), ours is bool"
        case .number: return type == "number" ? nil : "upstream is \(type ?? "untyped"), ours is number"
        case .intOrString: return "upstream is \(type ?? "untyped"), ours is intOrString"
        case .object(let id):
            guard type == "object" || type == nil else { return "upstream is \(type!), ours is an object" }
            guard let refName else { return "upstream is an inline object, ours is \(id)" }
            let target = ArgoSchema.spec(id).upstream
            return target == refName ? nil : "upstream is \(refName), ours is \(id) (\(target ?? "unmapped"))"
        case .array(let element):
            guard type == "array", let items = property["items"] as? [String: Any] else { return "upstream is \(type ?? "untyped"), ours is array" }
            return mismatch(element, items, definitions).map { "items: " + $0 }
        case .map(let element):
            guard type == "object", let values = property["additionalProperties"] as? [String: Any] else { return "upstream is not a map, ours is" }
            return mismatch(element, values, definitions).map { "values: " + $0 }
        }
    }
}
