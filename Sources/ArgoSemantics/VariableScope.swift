import YAMLTree
import ArgoModel
import ExprLang

/// Why a `{{name}}` cannot resolve where it is written.
public struct ResolutionProblem: Sendable {
    public var message: String
    public var severity: Severity = .error
    /// A replacement for the variable name (inside the tag), when one is clearly meant.
    public var replacement: String?
}

/// What is in scope at each reference site, for simple tags (`resolve`) and for
/// `{{= }}` expressions (`variableNames`, `baseVariables`, `nodeRoots`). Both are
/// derived from the same descriptions — `VariableRoot`, `WorkflowVariable`,
/// `NodeField` — so the linter and the runner agree on which names exist.
///
/// Simple tags resolve the way Argo does at the site where they are written,
/// and stricter where Argo would leave the tag unresolved or wait forever
/// (a task output that is not upstream of the task using it).
public struct VariableScope: Sendable {
    public let semantics: WorkflowSemantics
    public let facts: WorkflowFacts
    /// Direct dependencies of each task, per DAG template (by task name). Transitive
    /// sets are computed only for the tasks that read another task's outputs.
    let directDependencies: [ObjectIdentifier: [String: [String]]]
    /// Tasks by name per DAG template, and steps by name per steps template: big DAGs have hundreds.
    let tasksByName: [ObjectIdentifier: [String: DAGTask]]
    let stepsByName: [ObjectIdentifier: [String: Step]]

    public init(semantics: WorkflowSemantics) {
        self.semantics = semantics
        facts = WorkflowFacts(semantics)
        var direct: [ObjectIdentifier: [String: [String]]] = [:]
        var tasksByName: [ObjectIdentifier: [String: DAGTask]] = [:]
        for (template, dag, graph) in semantics.dags {
            var deps: [String: [String]] = [:]
            var byName: [String: DAGTask] = [:]
            for (index, task) in dag.tasks.enumerated() {
                guard let name = task.name?.value else { continue }
                deps[name, default: []] += graph.references[index].map(\.task)
                if byName[name] == nil { byName[name] = task }
            }
            direct[ObjectIdentifier(template)] = deps
            tasksByName[ObjectIdentifier(template)] = byName
        }
        var stepsByName: [ObjectIdentifier: [String: Step]] = [:]
        for template in semantics.allTemplates {
            guard let groups = template.steps else { continue }
            var byName: [String: Step] = [:]
            for step in groups.joined() { if let name = step.name?.value, byName[name] == nil { byName[name] = step } }
            stepsByName[ObjectIdentifier(template)] = byName
        }
        self.directDependencies = direct
        self.tasksByName = tasksByName
        self.stepsByName = stepsByName
    }

    /// The transitive dependencies of one task of a DAG template.
    public func upstream(of task: String, in template: Template) -> Set<String> {
        guard let direct = directDependencies[ObjectIdentifier(template)] else { return [] }
        var seen = Set<String>()
        var queue = direct[task] ?? []
        while let next = queue.popLast() {
            if seen.insert(next).inserted { queue += direct[next] ?? [] }
        }
        return seen
    }

    /// The template a task or step calls, when it can be found.
    public func calledTemplate(_ call: TemplateCall) -> Template? { semantics.calledTemplate(call) }

    /// DAG tasks (with their DAG template) that call `template` by name.
    public func callingTasks(of template: Template) -> [(Template, DAGTask)] { semantics.callingTasks(of: template) }

    // MARK: Simple tags

    public func resolve(_ name: String, at site: ReferenceSite) -> ResolutionProblem? {
        // A part may hold a placeholder of its own (a step named run-{{inputs.parameters.d}}).
        let parts = name.contains("{{") ? Self.splitOutsideTags(name) : name.splitBytes(".")
        guard let first = parts.first else { return nil }
        guard let root = VariableRoot(rawValue: first) else {
            // Unknown roots are left in the text by Argo (other tools use {{ }} too);
            // only a near miss of an Argo root is worth saying.
            if let best = Suggestions.best(for: first, among: VariableRoot.suggested), first.lowercased() != "item" {
                var fixed = parts
                fixed[0] = best
                return ResolutionProblem(message: "\"\(first)\" is not an Argo variable, so Argo leaves {{\(name)}} in the text unreplaced; did you mean \"\(best)\"?", severity: .warning, replacement: fixed.joined(separator: "."))
            }
            return nil
        }
        switch root {
        case .workflow: return resolveWorkflow(parts)
        case .inputs: return resolveInputs(parts, site: site)
        case .pod: return resolvePod(parts, site: site)
        case .tasks: return resolveTasks(parts, name: name, site: site)
        case .steps: return resolveSteps(parts, name: name, site: site)
        case .item: return resolveItem(parts, site: site)
        case .outputs, .node, .cronworkflow:
            return nil
        case .retries, .lastRetry:
            // Argo's lint does not check them (they exist under a retryStrategy, see variableNames).
            return nil
        }
    }

    private func resolveWorkflow(_ parts: [String]) -> ResolutionProblem? {
        guard parts.count >= 2 else { return ResolutionProblem(message: "{{workflow}} is not a variable; use a field such as workflow.name") }
        let field = parts[1]
        let rest = parts.dropFirst(2).joined(separator: ".")
        guard let variable = WorkflowVariable.named(field) else {
            let best = Suggestions.best(for: field, among: WorkflowVariable.names)
            return ResolutionProblem(message: "workflow has no variable \"\(field)\"" + (best.map { "; did you mean \"workflow.\($0)\"?" } ?? "; known fields are \(Suggestions.quotedList(WorkflowVariable.names))"),
                                     replacement: best.map { (["workflow", $0] + parts.dropFirst(2)).joined(separator: ".") })
        }
        guard variable.condition.holds(in: facts) else {
            return ResolutionProblem(message: "workflow.\(field) \(variable.condition.absence)")
        }
        switch variable.shape {
        case .value:
            return parts.count == 2 ? nil : ResolutionProblem(message: "workflow.\(field) has no field \"\(rest)\"")
        case .openEnded:
            return nil
        case .keyed(let map):
            let keys = map.keys(in: facts)
            if parts.count == 2 || (parts.count == 3 && parts[2] == "json") {
                if let keys, keys.isEmpty, let problem = map.emptyProblem { return ResolutionProblem(message: problem) }
                return nil
            }
            guard let keys else { return nil }
            if keys.contains(rest) { return nil }
            return unknown(map.noun, rest, among: keys.sorted(), prefix: "workflow.\(field).", hint: map.hint(noKeysDeclared: keys.isEmpty))
        case .globalOutputs:
            guard parts.count >= 4, parts[2] == "parameters" || parts[2] == "artifacts" else {
                return ResolutionProblem(message: "use workflow.outputs.parameters.NAME or workflow.outputs.artifacts.NAME")
            }
            if facts.hasTemplatedGlobalName { return nil }
            let global = parts.dropFirst(3).joined(separator: ".")
            let known = parts[2] == "parameters" ? facts.globalParameters : facts.globalArtifacts
            if known.contains(global) { return nil }
            return unknown("global output", global, among: known.sorted(), prefix: "workflow.outputs.\(parts[2]).",
                           hint: "; export it with globalName: \(global)")
        }
    }

    func unknown(_ what: String, _ name: String, among names: [String], prefix: String, hint: String = "") -> ResolutionProblem {
        if let best = Suggestions.best(for: name, among: names) {
            return ResolutionProblem(message: "there is no \(what) \"\(name)\"; did you mean \"\(best)\"?", replacement: prefix + best)
        }
        let list = names.isEmpty ? "" : "; declared: \(Suggestions.quotedList(names))"
        return ResolutionProblem(message: "there is no \(what) \"\(name)\"\(list)\(hint)")
    }

    /// Splits at dots that are not inside a `{{...}}`.
    static func splitOutsideTags(_ name: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        var previous: Character?
        for c in name {
            if c == "{" && previous == "{" { depth += 1 }
            if c == "}" && previous == "}" && depth > 0 { depth -= 1 }
            if c == "." && depth == 0 {
                parts.append(current)
                current = ""
            } else {
                current.append(c)
            }
            previous = c == previous && (c == "{" || c == "}") ? nil : c
        }
        parts.append(current)
        return parts
    }

    private func resolveInputs(_ parts: [String], site: ReferenceSite) -> ResolutionProblem? {
        if case .podSpec = site { return resolvePerPodInput(parts) }
        guard let template = site.template else {
            return ResolutionProblem(message: "inputs.* is only defined inside a template")
        }
        let owner = "template \"\(template.name?.value ?? "?")\""
        guard parts.count >= 2 else { return ResolutionProblem(message: "{{inputs}} is not a variable; use inputs.parameters.NAME") }
        switch parts[1] {
        case "parameters":
            let declared = template.declaredInputParameters
            if parts.count == 2 || (parts.count == 3 && parts[2] == "json") {
                return declared.isEmpty ? ResolutionProblem(message: "\(owner) declares no input parameters") : nil
            }
            let name = parts.dropFirst(2).joined(separator: ".")
            if declared.contains(name) { return nil }
            var problem = unknown("input parameter", name, among: declared, prefix: "inputs.parameters.",
                                  hint: "; add it to the inputs of \(owner)")
            problem.message = problem.message.replacingOccurrences(of: "there is no input parameter", with: "\(owner) has no input parameter")
            return problem
        case "artifacts":
            let declared = template.declaredInputArtifacts
            guard parts.count >= 3 else { return nil }
            let name = parts[2]
            if parts.count > 3 && !(parts.count == 4 && parts[3] == "path") {
                return ResolutionProblem(message: "inputs.artifacts.\(name) has no field \"\(parts.dropFirst(3).joined(separator: "."))\"; only .path exists")
            }
            if declared.contains(name) { return nil }
            var problem = unknown("input artifact", name, among: declared, prefix: "inputs.artifacts.", hint: "; add it to the inputs of \(owner)")
            problem.message = problem.message.replacingOccurrences(of: "there is no input artifact", with: "\(owner) has no input artifact")
            if parts.count == 4, let replacement = problem.replacement { problem.replacement = replacement + ".path" }
            return problem
        default:
            let best = Suggestions.best(for: parts[1], among: ["parameters", "artifacts"])
            return ResolutionProblem(message: "inputs has no \"\(parts[1])\"" + (best.map { "; did you mean \"inputs.\($0)\"?" } ?? "; use inputs.parameters or inputs.artifacts"),
                                     replacement: best.map { (["inputs", $0] + parts.dropFirst(2)).joined(separator: ".") })
        }
    }

    /// In a workflow-level pod field each pod substitutes its own template's inputs:
    /// fine when some pod template declares the parameter; worth a word when none does.
    private func resolvePerPodInput(_ parts: [String]) -> ResolutionProblem? {
        guard parts.count >= 3, parts[1] == "parameters" else { return nil }
        let name = parts.dropFirst(2).joined(separator: ".")
        let podTemplates = semantics.allTemplates.filter { $0.type?.runsInPod ?? false }
        if podTemplates.contains(where: { $0.inputs.parameters.contains { $0.name?.value == name } }) { return nil }
        return ResolutionProblem(message: "no pod template declares input parameter \"\(name)\", so {{\(parts.joined(separator: "."))}} stays unresolved in every pod this field is copied into",
                                 severity: .info)
    }

    private func resolvePod(_ parts: [String], site: ReferenceSite) -> ResolutionProblem? {
        guard parts.count == 2, parts[1] == "name" else {
            return ResolutionProblem(message: "the only pod variable is pod.name")
        }
        if case .templateBody(let template) = site, let type = template.type, !type.runsInPod {
            return ResolutionProblem(message: "pod.name is only set in templates that run a pod (container, script, resource, data, containerSet), not in a \(type.rawValue) template")
        }
        return nil
    }

    private func resolveItem(_ parts: [String], site: ReferenceSite) -> ResolutionProblem? {
        guard let call = site.call, call.isLooped else {
            return ResolutionProblem(message: "{{\(parts.joined(separator: "."))}} is only set in a step or task with withItems, withParam or withSequence; here Argo leaves it unreplaced", severity: .warning)
        }
        guard parts.count >= 2 else { return nil }
        if call.withParam != nil { return nil }
        if call.withSequence != nil {
            return ResolutionProblem(message: "withSequence items are numbers: use {{item}}, not {{\(parts.joined(separator: "."))}}")
        }
        guard let items = call.withItems?.items else { return nil }
        let key = parts[1]
        var keys = Set<String>()
        for item in items {
            guard let pairs = item.pairs else {
                // Lists of scalars or lists: only {{item}} is meaningful.
                if item.isScalar { return ResolutionProblem(message: "the withItems entries are plain values: use {{item}}, not {{\(parts.joined(separator: "."))}}") }
                return nil
            }
            for pair in pairs { if let k = pair.key.stringValue { keys.insert(k) } }
        }
        if keys.contains(key) { return nil }
        return unknown("withItems key", key, among: keys.sorted(), prefix: "item.")
    }
}

/// The first word of a variable name. Every root Argo defines is here, so a
/// new one must say how `resolve` and `variableNames` treat it.
enum VariableRoot: String, Sendable, CaseIterable {
    case workflow, inputs, outputs, tasks, steps, item, pod, node, retries, lastRetry, cronworkflow

    /// Roots whose members argolint does not track (a template's own outputs, the
    /// node, a CronWorkflow's run facts): anything under them is accepted.
    var isOpen: Bool {
        switch self {
        case .outputs, .node, .cronworkflow: return true
        default: return false
        }
    }

    /// The roots offered as corrections of an unknown root. `cronworkflow` is not:
    /// it only means something in a CronWorkflow's own expressions.
    static let suggested = allCases.filter { $0 != .cronworkflow }.map(\.rawValue)
}

extension Template {
    /// Names of the declared input parameters and artifacts (an unnamed entry lacks
    /// a required field, and no reference can name it).
    var declaredInputParameters: [String] { inputs.parameters.compactMap { $0.name?.value } }
    var declaredInputArtifacts: [String] { inputs.artifacts.compactMap { $0.name?.value } }
}
