import YAMLTree
import ArgoModel
import ArgoSemantics

/// container-spec: what Argo rejects about the containers a template runs:
/// sidecars and containerSet containers named
/// like Argo's own containers, a containerSet that is not a valid graph, mount
/// paths used twice, and pod-level resources Kubernetes cannot apply.
public struct ContainerSpecRule: Rule {
    public static let info = RuleInfo(id: "container-spec", defaultSeverity: .error,
                                      summary: "sidecars, containerSet containers, volume mounts or pod-level resources Argo rejects")
    public var info: RuleInfo { Self.info }
    public init() {}

    public func check(_ context: ResourceContext, _ report: inout Reporter) {
        for template in context.allTemplates {
            let name = template.name.map { "template \"\($0.value)\"" } ?? "this template"
            checkSidecars(template, name: name, &report)
            if template.type == .container, let container = template.node["container"] {
                checkMounts(template, container: container, name: name, &report)
            }
            if template.type == .containerSet, let set = template.node["containerSet"], set.isMapping {
                checkContainerSet(template, set: set, name: name, &report)
            }
            // http and plugin templates get template-field's finding for the key itself.
            if let resources = template.node["podResources"], template.type != .http, template.type != .plugin {
                checkPodResources(resources, owner: "podResources of \(name)", &report)
            }
        }
        if let resources = context.spec.node?["podResources"] {
            checkPodResources(resources, owner: "spec.podResources", &report)
        }
    }

    /// Names Argo gives its own containers in a workflow pod: the wait and
    /// supervisor containers, and the artifact-plugin sidecars (a prefix).
    static func isReservedName(_ name: String) -> Bool {
        name == "wait" || name == "supervisor" || name.hasPrefix("artifact-plugin-")
    }

    private func checkSidecars(_ template: Template, name: String, _ report: inout Reporter) {
        for item in template.node["sidecars"]?.sequenceItems ?? .empty {
            guard let field = item.field("name"), Self.isReservedName(field.value) else { continue }
            report.report(field.span, "sidecar \"\(field.value)\" of \(name) has a name Argo reserves for its own containers (wait, supervisor, artifact-plugin-*), and Argo rejects it; rename the sidecar")
        }
    }

    /// A container template's volumeMounts may not share a mountPath, and an
    /// input artifact may not be placed where a volume (or another artifact) is.
    private func checkMounts(_ template: Template, container: YAMLNode, name: String, _ report: inout Reporter) {
        var taken: [String: String] = [:]
        var takenSpans: [String: SourceSpan] = [:]
        for mount in container["volumeMounts"]?.sequenceItems ?? .empty {
            guard let path = mount.field("mountPath"), !path.value.isEmpty else { continue }
            let mountName = mount.field("name")?.value ?? "?"
            if let previous = taken[path.value] {
                report.report(path.span, "mountPath \"\(path.value)\" of \(name) is already mounted by \(previous); Argo rejects two mounts at one path: mount this volume elsewhere",
                              related: takenSpans[path.value].map { [RelatedLocation(span: $0, message: "first mounted here")] } ?? [])
            } else {
                taken[path.value] = "volume mount \"\(mountName)\""
                takenSpans[path.value] = path.span
            }
        }
        for artifact in template.inputs.artifacts {
            guard let path = artifact.node.field("path"), !path.value.isEmpty else { continue }
            let artifactName = artifact.name?.value ?? "?"
            if let previous = taken[path.value] {
                report.report(path.span, "input artifact \"\(artifactName)\" of \(name) is placed at \"\(path.value)\", where \(previous) already is; Argo rejects the collision: choose another path",
                              related: takenSpans[path.value].map { [RelatedLocation(span: $0, message: "already used here")] } ?? [])
            } else {
                taken[path.value] = "input artifact \"\(artifactName)\""
                takenSpans[path.value] = path.span
            }
        }
    }

    private func checkContainerSet(_ template: Template, set: YAMLNode, name: String, _ report: inout Reporter) {
        let setKey = template.node.pair("containerSet")?.key.span ?? template.reportSpan
        let containersPair = set.pair("containers")
        let containers = Array(containersPair?.value.sequenceItems ?? .empty)
        if containers.isEmpty {
            report.report(containersPair?.key.span ?? setKey, "containerSet of \(name) has no containers, and Argo needs at least one; add a container")
            return
        }
        // Names: present, well-formed, unique, not reserved.
        var firstIndex: [String: Int] = [:]
        var names: [String?] = []
        for (i, container) in containers.enumerated() {
            let field = container.field("name")
            guard let field, !field.value.isEmpty else {
                names.append(nil)  // schema-required reports a missing or empty name
                continue
            }
            names.append(field.value)
            if field.value.hasTemplateTag { continue }  // upstream judges the substituted name
            if Self.isReservedName(field.value) {
                report.report(field.span, "containerSet container \"\(field.value)\" of \(name) has a name Argo reserves for its own containers (wait, supervisor, artifact-plugin-*), and Argo rejects it; rename the container")
            } else if field.value.count > 128 || !Self.isFieldName(field.value) {
                report.report(field.span, "containerSet container name \"\(field.value)\" of \(name) is invalid: Argo wants letters, digits and '-', starting with a letter or digit, at most 128 characters; rename it")
            }
            if let first = firstIndex[field.value] {
                let related = containers[first].field("name").map { [RelatedLocation(span: $0.span, message: "first named here")] } ?? []
                report.report(field.span, "containerSet container name \"\(field.value)\" of \(name) is used twice, and Argo requires unique names; rename one", related: related)
            } else {
                firstIndex[field.value] = i
            }
        }
        checkSetMounts(set, name: name, &report)
        let edges = checkDependencies(containers, names: names, index: firstIndex, name: name, &report)
        reportCycles(edges, names: names, name: name, &report)
        // Artifacts and output parameters are collected from the container named main.
        let needsMain = !template.inputs.artifacts.isEmpty || !template.outputs.parameters.isEmpty || !template.outputs.artifacts.isEmpty
        if needsMain, firstIndex["main"] == nil {
            report.report(containersPair?.key.span ?? setKey, "containerSet of \(name) has inputs artifacts or outputs but no container named \"main\", which Argo needs to load and collect them; name one container \"main\"")
        }
    }

    /// `[a-zA-Z0-9][-a-zA-Z0-9]*`, the names Argo gives fields of a workflow.
    static func isFieldName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, isAlnum(first) else { return false }
        return bytes.allSatisfy { isAlnum($0) || $0 == UInt8(ascii: "-") }
    }

    private static func isAlnum(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
    }

    /// containerSet.volumeMounts (shared by the set's containers) may not share a mountPath.
    private func checkSetMounts(_ set: YAMLNode, name: String, _ report: inout Reporter) {
        var taken: [String: (String, SourceSpan)] = [:]
        for mount in set["volumeMounts"]?.sequenceItems ?? .empty {
            guard let path = mount.field("mountPath"), !path.value.isEmpty else { continue }
            if let (previous, span) = taken[path.value] {
                report.report(path.span, "containerSet mountPath \"\(path.value)\" of \(name) is already mounted by volume mount \"\(previous)\"; Argo rejects two mounts at one path: mount this volume elsewhere",
                              related: [RelatedLocation(span: span, message: "first mounted here")])
            } else {
                taken[path.value] = (mount.field("name")?.value ?? "?", path.span)
            }
        }
    }

    /// Reports dependencies naming no container; returns the known edges
    /// (container index -> (dependency index, where it is written)).
    private func checkDependencies(_ containers: [YAMLNode], names: [String?], index: [String: Int], name: String,
                                   _ report: inout Reporter) -> [[(Int, SourceSpan)]] {
        let known = names.compactMap { $0 }
        return containers.enumerated().map { i, container in
            var edges: [(Int, SourceSpan)] = []
            for dep in container["dependencies"]?.sequenceItems ?? .empty {
                guard let field = ScalarField(dep), !field.value.isEmpty else { continue }
                if let target = index[field.value] {
                    edges.append((target, field.span))
                } else {
                    let owner = names[i].map { "\"\($0)\"" } ?? "[\(i)]"
                    let hint = Suggestions.didYouMean(field.value, among: known)
                    report.report(field.span, "containerSet container \(owner) of \(name) depends on \"\(field.value)\", which is not a container of the set, and Argo rejects it; known containers: \(Suggestions.quotedList(known))\(hint)")
                }
            }
            return edges
        }
    }

    /// Each cycle once, rotated to its earliest container (GraphCycles, as dag-cycle).
    private func reportCycles(_ edges: [[(Int, SourceSpan)]], names: [String?], name: String, _ report: inout Reporter) {
        let cycles = GraphCycles.find(edges.map { $0.map(\.0) })
        for cycle in cycles {
            let labels = cycle.map { names[$0] ?? "?" }
            let first = cycle[0], second = cycle.count > 1 ? cycle[1] : cycle[0]
            guard let span = edges[first].first(where: { $0.0 == second })?.1 else { continue }
            let description = (labels + [labels[0]]).joined(separator: " -> ")
            report.report(span, "containerSet of \(name) has a dependency cycle \(description), and Argo rejects it; none of these containers could ever start: remove one of the dependencies")
        }
    }

    /// Pod-level resources: Kubernetes takes only cpu, memory and hugepages-*, and no claims.
    private func checkPodResources(_ resources: YAMLNode, owner: String, _ report: inout Reporter) {
        if let claims = resources.pair("claims"), !claims.value.sequenceItems.isEmpty {
            report.report(claims.key.span, "\(owner) has claims, which pod-level resources do not support, and Argo rejects it; use the template's resourceClaims or the container's resources.claims")
        }
        for list in ["limits", "requests"] {
            for pair in resources[list]?.mappingPairs ?? .empty {
                guard let key = pair.key.stringValue, key != "cpu", key != "memory", !key.hasPrefix("hugepages-") else { continue }
                let hint = Suggestions.didYouMean(key, among: ["cpu", "memory"])
                report.report(pair.key.span, "\(owner).\(list) names \"\(key)\", which is not a pod-level resource (only cpu, memory and hugepages-* are), and Argo rejects it; set it on a container's resources instead\(hint)")
            }
        }
    }
}
