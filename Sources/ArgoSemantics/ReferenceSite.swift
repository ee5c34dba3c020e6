import YAMLTree
import ArgoModel

/// Where a `{{...}}` tag sits, which decides the variables it may use.
public enum ReferenceSite: Sendable {
    /// A spec-level field outside the templates (arguments, hooks, metadata): workflow variables only.
    case spec
    /// A workflow-level pod field (`spec.nodeSelector`, `spec.podSpecPatch`, ...): Argo
    /// copies it into every pod and substitutes it there, so a pod template's inputs resolve.
    case podSpec
    /// The body of a template (its container, script, http, ...), outside its steps/dag call sites.
    case templateBody(Template)
    /// A template's `outputs`: may read any task or step of its own dag/steps.
    case templateOutputs(Template)
    /// The fields of a DAG task (arguments, when, withParam, ...). `inHook`: under its
    /// `hooks`, which run once the task has finished, so its own outputs exist.
    case task(Template, DAGTask, inHook: Bool = false)
    /// The fields of a step; `inHook` as for tasks.
    case step(Template, Step, inHook: Bool = false)

    public var template: Template? {
        switch self {
        case .spec, .podSpec: return nil
        case .templateBody(let t), .templateOutputs(let t), .task(let t, _, _), .step(let t, _, _): return t
        }
    }

    public var call: TemplateCall? {
        switch self {
        case .task(_, let task, _): return task.call
        case .step(_, let step, _): return step.call
        default: return nil
        }
    }

    /// "task "x"", "step "x"", "template "x"" — for messages.
    public var ownerDescription: String {
        switch self {
        case .spec: return "the workflow spec"
        case .podSpec: return "a workflow-level pod field"
        case .templateBody(let t), .templateOutputs(let t): return "template \"\(t.name?.value ?? "?")\""
        case .task(_, let task, _): return "task \"\(task.name?.value ?? "?")\""
        case .step(_, let step, _): return "step \"\(step.name?.value ?? "?")\""
        }
    }
}

/// A scalar holding at least one tag, and the site it belongs to.
public struct TagSite: Sendable {
    public var node: YAMLNode
    public var site: ReferenceSite
    /// The key this value sits under (`when`, `successCondition`, ...), when directly under one.
    public var key: String?
}

/// Finds every scalar containing `{{` in a resource and assigns it its site.
/// Keys are not scanned; `metrics` (their own variables) and `templateDefaults`
/// (no single scope) are skipped.
public enum TagSiteCollector {
    /// WorkflowSpec fields the controller applies to each pod it creates, substituting
    /// them with that pod's template scope.
    static let perPodFields: Set<String> = [
        "nodeSelector", "affinity", "tolerations", "imagePullSecrets", "hostNetwork", "dnsPolicy", "dnsConfig",
        "securityContext", "podPriorityClassName", "podPriority", "hostAliases", "schedulerName", "podSpecPatch",
        "podMetadata", "serviceAccountName", "automountServiceAccountToken", "executor",
    ]

    public static func collect(_ semantics: WorkflowSemantics) -> [TagSite] {
        var sites: [TagSite] = []
        if let spec = semantics.spec.node {
            for pair in spec.mappingPairs {
                switch pair.key.stringValue {
                case "templates", "templateDefaults", "metrics": continue
                default:
                    let site: ReferenceSite = pair.key.stringValue.map(Self.perPodFields.contains) == true ? .podSpec : .spec
                    walk(pair.value, key: pair.key.stringValue, site: site, into: &sites)
                }
            }
        }
        for template in semantics.allTemplates {
            collect(template, into: &sites)
        }
        return sites
    }

    private static func collect(_ template: Template, into sites: inout [TagSite]) {
        for pair in template.node.mappingPairs {
            switch pair.key.stringValue {
            case "dag":
                for p in pair.value.mappingPairs where p.key.stringValue != "tasks" {
                    walk(p.value, key: p.key.stringValue, site: .templateOutputs(template), into: &sites)
                }
                for task in template.dag?.tasks ?? [] {
                    walkCall(task.call.node, site: .task(template, task), hookSite: .task(template, task, inHook: true), into: &sites)
                }
            case "steps":
                for step in template.steps?.flatMap({ $0 }) ?? [] {
                    walkCall(step.call.node, site: .step(template, step), hookSite: .step(template, step, inHook: true), into: &sites)
                }
            case "outputs":
                walk(pair.value, key: "outputs", site: .templateOutputs(template), into: &sites)
            case "metrics", "name":
                continue
            default:
                walk(pair.value, key: pair.key.stringValue, site: .templateBody(template), into: &sites)
            }
        }
    }

    /// A task's or step's own fields; an `inline` template is collected with the other templates.
    private static func walkCall(_ node: YAMLNode, site: ReferenceSite, hookSite: ReferenceSite, into sites: inout [TagSite]) {
        for pair in node.mappingPairs where pair.key.stringValue != "inline" {
            walk(pair.value, key: pair.key.stringValue, site: pair.key.stringValue == "hooks" ? hookSite : site, into: &sites)
        }
    }

    private static func walk(_ node: YAMLNode, key: String?, site: ReferenceSite, into sites: inout [TagSite]) {
        guard node.containsTemplateTag else { return }  // most fields: no stack to allocate
        // Iterative: the tree can be deep, and aliases are already expanded. Only
        // subtrees holding a `{{` are entered, and a key's text is read only for
        // the scalars that become sites.
        var stack: [(node: YAMLNode, key: YAMLNode?)] = [(node, nil)]
        while let (current, keyNode) = stack.popLast() {
            switch current.content {
            case .scalar(let scalar):
                guard scalar.value.utf8.count >= 4 else { continue }
                sites.append(TagSite(node: current, site: site, key: keyNode.map { $0.stringValue } ?? key))
            case .sequence(let items):
                // Items of a list are reported under the key of the list.
                for item in items.reversed() where item.containsTemplateTag { stack.append((item, keyNode)) }
            case .mapping(let pairs):
                for pair in pairs.reversed() where pair.value.containsTemplateTag { stack.append((pair.value, pair.key)) }
            }
        }
    }
}
