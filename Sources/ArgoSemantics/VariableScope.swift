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

/// Resolves simple tags the way Argo does at the site where they are written,
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

    static let workflowFields = ["name", "namespace", "uid", "mainEntrypoint", "serviceAccountName", "status",
                                 "duration", "creationTimestamp", "scheduledTime", "labels", "annotations",
                                 "parameters", "priority", "failures", "outputs"]
    static let knownRoots = ["workflow", "inputs", "outputs", "tasks", "steps", "item", "pod", "node", "retries", "lastRetry"]
    static let nodeSuffixes = ["id", "startedAt", "finishedAt", "hostNodeName", "status", "exitCode", "ip", "outputs.result",
                               "outputs.parameters", "outputs.artifacts"]

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

    // MARK: Simple tags

    public func resolve(_ name: String, at site: ReferenceSite) -> ResolutionProblem? {
        let parts = name.splitBytes(".")
        guard let root = parts.first else { return nil }
        switch root {
        case "workflow": return resolveWorkflow(parts)
        case "inputs": return resolveInputs(parts, site: site)
        case "outputs", "node", "retries", "lastRetry": return nil
        case "pod": return resolvePod(parts, site: site)
        case "tasks": return resolveTasks(parts, name: name, site: site)
        case "steps": return resolveSteps(parts, name: name, site: site)
        case "item": return resolveItem(parts, site: site)
        case "cronworkflow": return nil
        default:
            // Unknown roots are left in the text by Argo (other tools use {{ }} too);
            // only a near miss of an Argo root is worth saying.
            if let best = Suggestions.best(for: root, among: Self.knownRoots), root.lowercased() != "item" {
                var fixed = parts
                fixed[0] = best
                return ResolutionProblem(message: "\"\(root)\" is not an Argo variable, so Argo leaves {{\(name)}} in the text unreplaced; did you mean \"\(best)\"?", severity: .warning, replacement: fixed.joined(separator: "."))
            }
            return nil
        }
    }

    private func resolveWorkflow(_ parts: [String]) -> ResolutionProblem? {
        guard parts.count >= 2 else { return ResolutionProblem(message: "{{workflow}} is not a variable; use a field such as workflow.name") }
        let field = parts[1]
        let rest = parts.dropFirst(2).joined(separator: ".")
        switch field {
        case "name", "namespace", "uid", "mainEntrypoint", "serviceAccountName", "status", "duration":
            return parts.count == 2 || field == "duration" ? nil : ResolutionProblem(message: "workflow.\(field) has no field \"\(rest)\"")
        case "creationTimestamp", "scheduledTime":
            return nil
        case "failures":
            return facts.hasOnExit ? nil : ResolutionProblem(message: "workflow.failures is only set for an exit handler, and this workflow has no onExit")
        case "priority":
            return facts.hasPriority ? nil : ResolutionProblem(message: "workflow.priority is only set when spec.priority is; add spec.priority or drop the reference")
        case "parameters":
            if parts.count == 2 || (parts.count == 3 && parts[2] == "json") {
                return facts.parameters.map { $0.isEmpty } ?? false
                    ? ResolutionProblem(message: "workflow.parameters is empty: this workflow declares no spec.arguments.parameters") : nil
            }
            guard let declared = facts.parameters else { return nil }
            if declared.contains(rest) { return nil }
            return unknown("workflow parameter", rest, among: declared.sorted(), prefix: "workflow.parameters.",
                           hint: declared.isEmpty ? "; declare it under spec.arguments.parameters" : "")
        case "labels", "annotations":
            if parts.count == 2 || (parts.count == 3 && parts[2] == "json") { return nil }
            let keys = field == "labels" ? facts.labelKeys : facts.annotationKeys
            if keys.contains(rest) { return nil }
            return unknown(field == "labels" ? "workflow label" : "workflow annotation", rest, among: keys.sorted(), prefix: "workflow.\(field).",
                           hint: "; it must be set in metadata.\(field) or spec.workflowMetadata.\(field)")
        case "outputs":
            guard parts.count >= 4, parts[2] == "parameters" || parts[2] == "artifacts" else {
                return ResolutionProblem(message: "use workflow.outputs.parameters.NAME or workflow.outputs.artifacts.NAME")
            }
            if facts.hasTemplatedGlobalName { return nil }
            let global = parts.dropFirst(3).joined(separator: ".")
            let known = parts[2] == "parameters" ? facts.globalParameters : facts.globalArtifacts
            if known.contains(global) { return nil }
            return unknown("global output", global, among: known.sorted(), prefix: "workflow.outputs.\(parts[2]).",
                           hint: "; export it with globalName: \(global)")
        default:
            let best = Suggestions.best(for: field, among: Self.workflowFields)
            return ResolutionProblem(message: "workflow has no variable \"\(field)\"" + (best.map { "; did you mean \"workflow.\($0)\"?" } ?? "; known fields are \(Suggestions.quotedList(Self.workflowFields))"),
                                     replacement: best.map { (["workflow", $0] + parts.dropFirst(2)).joined(separator: ".") })
        }
    }

    private func unknown(_ what: String, _ name: String, among names: [String], prefix: String, hint: String = "") -> ResolutionProblem {
        if let best = Suggestions.best(for: name, among: names) {
            return ResolutionProblem(message: "there is no \(what) \"\(name)\"; did you mean \"\(best)\"?", replacement: prefix + best)
        }
        let list = names.isEmpty ? "" : "; declared: \(Suggestions.quotedList(names))"
        return ResolutionProblem(message: "there is no \(what) \"\(name)\"\(list)\(hint)")
    }

    private func resolveInputs(_ parts: [String], site: ReferenceSite) -> ResolutionProblem? {
        guard let template = site.template else {
            return ResolutionProblem(message: "inputs.* is only defined inside a template")
        }
        let owner = "template \"\(template.name?.value ?? "?")\""
        guard parts.count >= 2 else { return ResolutionProblem(message: "{{inputs}} is not a variable; use inputs.parameters.NAME") }
        switch parts[1] {
        case "parameters":
            let declared = template.inputs.parameters.compactMap { $0.name?.value }
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
            let declared = template.inputs.artifacts.compactMap { $0.name?.value }
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

    // MARK: Task and step outputs

    private func resolveTasks(_ parts: [String], name: String, site: ReferenceSite) -> ResolutionProblem? {
        guard parts.count >= 2 else { return ResolutionProblem(message: "{{tasks}} is not a variable; use tasks.NAME.outputs.result and the like") }
        if parts[1] == "name" { return nil }
        let taskName = parts[1]
        let suffix = Array(parts.dropFirst(2))
        switch site {
        case .task(let template, let task, let inHook):
            guard let dag = template.dag else { return nil }
            // Most references name a direct dependency: only walk the graph when they do not.
            let own = task.name?.value ?? ""
            let isDirect = directDependencies[ObjectIdentifier(template)]?[own]?.contains(taskName) ?? false
            var upstream: Set<String> = isDirect ? [taskName] : upstream(of: own, in: template)
            if inHook { upstream.insert(own) }
            return checkNodeReference(kind: "task", nodeName: taskName, suffix: suffix, name: name,
                                      candidates: dag.tasks.compactMap { $0.name?.value },
                                      target: tasksByName[ObjectIdentifier(template)]?[taskName]?.call,
                                      upstream: upstream, user: task.name?.value ?? "?", ownName: task.name?.value)
        case .templateOutputs(let template):
            guard let dag = template.dag else {
                return ResolutionProblem(message: "tasks.* is only defined in a DAG template; template \"\(template.name?.value ?? "?")\" has no dag")
            }
            return checkNodeReference(kind: "task", nodeName: taskName, suffix: suffix, name: name,
                                      candidates: dag.tasks.compactMap { $0.name?.value },
                                      target: tasksByName[ObjectIdentifier(template)]?[taskName]?.call, upstream: nil, user: nil, ownName: nil)
        case .templateBody(let template):
            if semantics.dialect == .seed, let problem = seedCallerCheck(template, taskName: taskName, suffix: suffix, name: name) {
                return problem
            } else if semantics.dialect == .seed {
                return nil
            }
            return ResolutionProblem(message: "{{\(name)}} cannot be resolved in the body of template \"\(template.name?.value ?? "?")\": Argo resolves tasks.* only in a DAG task's own fields; pass the value in as an input parameter")
        case .step, .spec:
            return ResolutionProblem(message: "tasks.* is only defined in the fields of a DAG task; here use \(site.template?.steps != nil ? "steps.*" : "an input parameter")")
        }
    }

    private func resolveSteps(_ parts: [String], name: String, site: ReferenceSite) -> ResolutionProblem? {
        guard parts.count >= 2 else { return ResolutionProblem(message: "{{steps}} is not a variable; use steps.NAME.outputs.result and the like") }
        if parts[1] == "name" { return nil }
        let stepName = parts[1]
        let suffix = Array(parts.dropFirst(2))
        switch site {
        case .step(let template, let step, let inHook):
            let target = stepsByName[ObjectIdentifier(template)]?[stepName]
            let isSelf = target.map { $0.group == step.group && $0.index == step.index } ?? false
            if let target, target.group >= step.group, !(isSelf && (inHook || suffix == ["status"])) {
                let when = target.group == step.group
                    ? (target.index == step.index ? "is this step itself" : "runs in parallel with it, in the same group")
                    : "runs in a later group"
                return ResolutionProblem(message: "step \"\(step.name?.value ?? "?")\" uses {{\(name)}}, but step \"\(stepName)\" \(when); a step can only read steps of earlier groups")
            }
            return checkNodeReference(kind: "step", nodeName: stepName, suffix: suffix, name: name,
                                      candidates: (template.steps?.flatMap { $0 } ?? []).compactMap { $0.name?.value }, target: target?.call,
                                      upstream: nil, user: nil, ownName: step.name?.value)
        case .templateOutputs(let template):
            guard template.steps != nil else {
                return ResolutionProblem(message: "steps.* is only defined in a steps template; template \"\(template.name?.value ?? "?")\" has no steps")
            }
            return checkNodeReference(kind: "step", nodeName: stepName, suffix: suffix, name: name,
                                      candidates: (template.steps?.flatMap { $0 } ?? []).compactMap { $0.name?.value },
                                      target: stepsByName[ObjectIdentifier(template)]?[stepName]?.call, upstream: nil, user: nil, ownName: nil)
        default:
            return ResolutionProblem(message: "steps.* is only defined in the fields of a step; here use \(site.template?.dag != nil ? "tasks.*" : "an input parameter")")
        }
    }

    /// Checks `tasks.X.suffix` / `steps.X.suffix` once X's position is known to be legal.
    private func checkNodeReference(kind: String, nodeName: String, suffix: [String], name: String, candidates: @autoclosure () -> [String],
                                    target: TemplateCall?, upstream: Set<String>?, user: String?, ownName: String?) -> ResolutionProblem? {
        guard let target else {
            let candidates = candidates()
            if let best = Suggestions.best(for: nodeName, among: candidates) {
                return ResolutionProblem(message: "there is no \(kind) \"\(nodeName)\"; did you mean \"\(best)\"?",
                                         replacement: ([kind == "task" ? "tasks" : "steps", best] + suffix).joined(separator: "."))
            }
            return ResolutionProblem(message: "there is no \(kind) \"\(nodeName)\"" + (candidates.isEmpty ? "" : "; \(kind)s are \(Suggestions.quotedList(candidates))"))
        }
        guard let first = suffix.first else {
            return ResolutionProblem(message: "{{\(name)}} names a \(kind), not a value; use .outputs.result, .outputs.parameters.NAME, .status, ...")
        }
        let needsUpstream: Bool
        switch first {
        case "id", "startedAt", "finishedAt", "hostNodeName":
            needsUpstream = false
            if suffix.count > 1 { return ResolutionProblem(message: "\(kind)s.\(nodeName).\(first) has no field \"\(suffix.dropFirst().joined(separator: "."))\"") }
        case "status", "exitCode", "ip":
            needsUpstream = true
            if suffix.count > 1 { return ResolutionProblem(message: "\(kind)s.\(nodeName).\(first) has no field \"\(suffix.dropFirst().joined(separator: "."))\"") }
            if first == "exitCode", let problem = checkProducesResult(target, what: "exitCode", kind: kind, nodeName: nodeName) { return problem }
        case "outputs":
            needsUpstream = true
            if let problem = checkOutput(target, suffix: Array(suffix.dropFirst()), kind: kind, nodeName: nodeName) { return problem }
        default:
            let options = ["id", "startedAt", "finishedAt", "hostNodeName", "status", "exitCode", "ip", "outputs"]
            let best = Suggestions.best(for: first, among: options)
            return ResolutionProblem(message: "\(kind)s.\(nodeName) has no field \"\(first)\"" + (best.map { "; did you mean \"\($0)\"?" } ?? "; use outputs, status, exitCode, id, startedAt or finishedAt"),
                                     replacement: best.map { ([kind == "task" ? "tasks" : "steps", nodeName, $0] + suffix.dropFirst()).joined(separator: ".") })
        }
        if needsUpstream, let upstream, let user, !upstream.contains(nodeName) {
            if nodeName == user {
                return ResolutionProblem(message: "task \"\(user)\" uses its own {{\(name)}}, which does not exist while it runs")
            }
            return ResolutionProblem(message: "task \"\(user)\" uses {{\(name)}}, but \"\(nodeName)\" is not among its dependencies, so it may not have run yet (Argo then waits on it forever); add \"\(nodeName)\" to depends or dependencies")
        }
        return nil
    }

    private func checkOutput(_ call: TemplateCall, suffix: [String], kind: String, nodeName: String) -> ResolutionProblem? {
        guard let what = suffix.first else { return ResolutionProblem(message: "\(kind)s.\(nodeName).outputs is not a value; use .outputs.result or .outputs.parameters.NAME") }
        switch what {
        case "result":
            if suffix.count > 1 { return ResolutionProblem(message: "outputs.result is a string with no fields; read into it with {{=jsonpath(...)}} or fromJSON") }
            return checkProducesResult(call, what: "outputs.result", kind: kind, nodeName: nodeName)
        case "parameters", "artifacts":
            if suffix.count == 1 {
                return what == "parameters" && call.isLooped ? nil
                    : ResolutionProblem(message: "\(kind)s.\(nodeName).outputs.\(what) is not a value; name one: outputs.\(what).NAME")
            }
            let outputName = suffix.dropFirst().joined(separator: ".")
            guard let template = calledTemplate(call) else { return nil }
            let declared = what == "parameters" ? template.outputs.parameters.compactMap { $0.name?.value } : template.outputs.artifacts.compactMap { $0.name?.value }
            if declared.contains(outputName) { return nil }
            let templateName = template.name?.value ?? "?"
            if let best = Suggestions.best(for: outputName, among: declared) {
                return ResolutionProblem(message: "template \"\(templateName)\" (called by \(kind) \"\(nodeName)\") has no output \(what.dropLast()) \"\(outputName)\"; did you mean \"\(best)\"?",
                                         replacement: "\(kind)s.\(nodeName).outputs.\(what).\(best)")
            }
            return ResolutionProblem(message: "template \"\(templateName)\" (called by \(kind) \"\(nodeName)\") declares no output \(what.dropLast()) \"\(outputName)\"" + (declared.isEmpty ? "" : "; it has \(Suggestions.quotedList(declared))"))
        case "exitCode":
            return nil
        default:
            let best = Suggestions.best(for: what, among: ["result", "parameters", "artifacts"])
            return ResolutionProblem(message: "outputs has no \"\(what)\"" + (best.map { "; did you mean \"outputs.\($0)\"?" } ?? "; use outputs.result, outputs.parameters.NAME or outputs.artifacts.NAME"),
                                     replacement: best.map { ([kind == "task" ? "tasks" : "steps", nodeName, "outputs", $0] + suffix.dropFirst()).joined(separator: ".") })
        }
    }

    private func checkProducesResult(_ call: TemplateCall, what: String, kind: String, nodeName: String) -> ResolutionProblem? {
        guard let template = calledTemplate(call), let type = template.type, !type.producesResult else { return nil }
        return ResolutionProblem(message: "\(kind) \"\(nodeName)\" runs a \(type.rawValue) template, which has no \(what)")
    }

    /// The template a task or step calls, when it can be found.
    public func calledTemplate(_ call: TemplateCall) -> Template? { semantics.calledTemplate(call) }

    /// Seed dialect: a leaf template may read `tasks.X.*` of the DAG task that calls it,
    /// provided X is upstream of every task that calls it.
    private func seedCallerCheck(_ template: Template, taskName: String, suffix: [String], name: String) -> ResolutionProblem? {
        let callers = callingTasks(of: template)
        guard !callers.isEmpty else {
            return ResolutionProblem(message: "{{\(name)}} in template \"\(template.name?.value ?? "?")\" can only resolve from a calling DAG task, and no DAG task calls this template")
        }
        for (dagTemplate, task) in callers {
            let upstream = self.upstream(of: task.name?.value ?? "", in: dagTemplate)
            if !upstream.contains(taskName) {
                return ResolutionProblem(message: "template \"\(template.name?.value ?? "?")\" reads {{\(name)}}, but its caller, task \"\(task.name?.value ?? "?")\", does not depend on \"\(taskName)\"")
            }
            if let dag = dagTemplate.dag, let target = dag.task(named: taskName)?.call,
               let problem = checkNodeReference(kind: "task", nodeName: taskName, suffix: suffix, name: name, candidates: dag.tasks.compactMap { $0.name?.value },
                                                target: target, upstream: nil, user: nil, ownName: nil) {
                return problem
            }
        }
        return nil
    }

    /// DAG tasks (with their DAG template) that call `template` by name.
    public func callingTasks(of template: Template) -> [(Template, DAGTask)] { semantics.callingTasks(of: template) }

    // MARK: Expression environments

    /// The flat variables visible at a site for `{{= }}` tags, apart from task
    /// and step outputs (see `nodeVariables`): the same for every tag of one
    /// template and loop kind, so callers build its environment once.
    public func baseVariables(at site: ReferenceSite) -> (variables: [String: ExprType], openPrefixes: [String]) {
        var vars: [String: ExprType] = [:]
        var open = ["outputs", "node", "workflow.creationTimestamp", "workflow.scheduledTime", "workflow.duration", "cronworkflow"]
        for field in ["name", "namespace", "uid", "mainEntrypoint", "serviceAccountName", "status"] { vars["workflow.\(field)"] = .string }
        if facts.hasOnExit { vars["workflow.failures"] = .string }
        if facts.hasPriority { vars["workflow.priority"] = .string }
        if let parameters = facts.parameters {
            for p in parameters { vars["workflow.parameters.\(p)"] = .string }
            if !parameters.isEmpty { vars["workflow.parameters.json"] = .string }
        } else {
            open.append("workflow.parameters")
        }
        for k in facts.labelKeys { vars["workflow.labels.\(k)"] = .string }
        vars["workflow.labels.json"] = .string
        for k in facts.annotationKeys { vars["workflow.annotations.\(k)"] = .string }
        vars["workflow.annotations.json"] = .string
        for g in facts.globalParameters { vars["workflow.outputs.parameters.\(g)"] = .string }
        for g in facts.globalArtifacts { vars["workflow.outputs.artifacts.\(g)"] = .string }
        if facts.hasTemplatedGlobalName { open.append("workflow.outputs") }
        if let template = site.template {
            for p in template.inputs.parameters.compactMap({ $0.name?.value }) { vars["inputs.parameters.\(p)"] = .string }
            if !template.inputs.parameters.isEmpty { vars["inputs.parameters.json"] = .string }
            for a in template.inputs.artifacts.compactMap({ $0.name?.value }) { vars["inputs.artifacts.\(a).path"] = .string }
            if template.hasRetryStrategy {
                vars["retries"] = .string
                for f in ["exitCode", "status", "duration", "message"] { vars["lastRetry.\(f)"] = .string }
            }
            if let type = template.type, type.runsInPod { vars["pod.name"] = .string }
            // The seed dialect resolves tasks.* in a template body from its callers.
            if case .templateBody = site, semantics.dialect == .seed { open.append("tasks") }
        }
        switch loopKind(at: site) {
        case .none: break
        case .scalarItems: vars["item"] = .string
        case .structuredItems: open.append("item")
        }
        return (vars, open)
    }

    public enum LoopKind: Hashable, Sendable { case none, scalarItems, structuredItems }

    /// What `item` is at a site: absent, a plain value, or a map/JSON value.
    public func loopKind(at site: ReferenceSite) -> LoopKind {
        guard let call = site.call, call.isLooped else { return .none }
        if call.withParam != nil || call.withItems?.items?.contains(where: { $0.isMapping }) == true { return .structuredItems }
        return .scalarItems
    }

    /// The `tasks`/`steps` roots visible at a site, holding only the tasks or
    /// steps the expression names (its words; names may hold '-', as in
    /// tasks['call-2']). Built directly as records: this runs for every tag.
    public func nodeRoots(at site: ReferenceSite, mentioning source: String) -> [String: ExprType] {
        var words: [Substring] = []
        let utf8 = source.utf8
        var start: String.Index?
        for index in utf8.indices {
            let b = utf8[index]
            let isWordByte = (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 45 || b == 95 || b >= 0x80
            if isWordByte {
                if start == nil { start = index }
            } else if let s = start {
                words.append(source[s..<index])
                start = nil
            }
        }
        if let s = start { words.append(source[s...]) }

        func record(for call: TemplateCall, upstream: Bool) -> ExprType {
            var fields: [String: ExprType] = ["id": .string, "startedAt": .string, "finishedAt": .string, "hostNodeName": .string]
            guard upstream else { return .record(ExprRecord(fields: fields, closed: true, name: "node")) }
            fields["status"] = .string
            fields["exitCode"] = .string
            fields["ip"] = .string
            var outputs: [String: ExprType] = ["result": .string]
            var closedOutputs = true
            if let template = calledTemplate(call) {
                var parameters: [String: ExprType] = [:]
                for p in template.outputs.parameters.compactMap({ $0.name?.value }) { parameters[p] = .string }
                var artifacts: [String: ExprType] = [:]
                for a in template.outputs.artifacts.compactMap({ $0.name?.value }) { artifacts[a] = .string }
                // A looped node's `outputs.parameters` is one JSON string of all children's values.
                outputs["parameters"] = call.isLooped ? .string : .record(ExprRecord(fields: parameters, closed: true, name: "outputs.parameters"))
                outputs["artifacts"] = .record(ExprRecord(fields: artifacts, closed: true, name: "outputs.artifacts"))
            } else {
                closedOutputs = false
            }
            fields["outputs"] = .record(ExprRecord(fields: outputs, closed: closedOutputs, name: "outputs"))
            return .record(ExprRecord(fields: fields, closed: true, name: "node"))
        }

        var roots: [String: ExprType] = [:]
        switch site {
        case .task(let template, let task, let inHook):
            guard let byName = tasksByName[ObjectIdentifier(template)] else { break }
            let own = task.name?.value ?? ""
            var fields: [String: ExprType] = [:]
            var upstreamSet: Set<String>?
            for word in words {
                let name = String(word)
                guard fields[name] == nil, let target = byName[name] else { continue }
                let isDirect = directDependencies[ObjectIdentifier(template)]?[own]?.contains(name) ?? false
                var isUpstream = isDirect || (inHook && name == own)
                if !isUpstream {
                    if upstreamSet == nil { upstreamSet = upstream(of: own, in: template) }
                    isUpstream = upstreamSet?.contains(name) ?? false
                }
                fields[name] = record(for: target.call, upstream: isUpstream)
            }
            roots["tasks"] = .record(ExprRecord(fields: fields, closed: true, name: "tasks"))
        case .step(let template, let step, let inHook):
            guard let byName = stepsByName[ObjectIdentifier(template)] else { break }
            var fields: [String: ExprType] = [:]
            for word in words {
                let name = String(word)
                guard fields[name] == nil, let target = byName[name] else { continue }
                let visible = target.group < step.group || (inHook && target.group == step.group && target.index == step.index)
                if visible { fields[name] = record(for: target.call, upstream: true) }
            }
            roots["steps"] = .record(ExprRecord(fields: fields, closed: true, name: "steps"))
        case .templateOutputs(let template):
            if let byName = tasksByName[ObjectIdentifier(template)] {
                var fields: [String: ExprType] = [:]
                for word in words { if let target = byName[String(word)] { fields[String(word)] = record(for: target.call, upstream: true) } }
                roots["tasks"] = .record(ExprRecord(fields: fields, closed: true, name: "tasks"))
            }
            if let byName = stepsByName[ObjectIdentifier(template)] {
                var fields: [String: ExprType] = [:]
                for word in words { if let target = byName[String(word)] { fields[String(word)] = record(for: target.call, upstream: true) } }
                roots["steps"] = .record(ExprRecord(fields: fields, closed: true, name: "steps"))
            }
        case .templateBody, .spec:
            break
        }
        return roots
    }
}
