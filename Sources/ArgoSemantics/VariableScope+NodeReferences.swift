import YAMLTree
import ArgoModel

// `tasks.X.*` and `steps.X.*` in simple tags: where a node may be read from, then
// its fields as `NodeField` and `NodeOutput` describe them.
extension VariableScope {
    func resolveTasks(_ parts: [String], name: String, site: ReferenceSite) -> ResolutionProblem? {
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
                                      upstream: upstream, user: task.name?.value ?? "?")
        case .templateOutputs(let template):
            guard let dag = template.dag else {
                return ResolutionProblem(message: "tasks.* is only defined in a DAG template; template \"\(template.name?.value ?? "?")\" has no dag")
            }
            return checkNodeReference(kind: "task", nodeName: taskName, suffix: suffix, name: name,
                                      candidates: dag.tasks.compactMap { $0.name?.value },
                                      target: tasksByName[ObjectIdentifier(template)]?[taskName]?.call, upstream: nil, user: nil)
        case .templateBody(let template):
            if semantics.dialect == .seed, let problem = seedCallerCheck(template, taskName: taskName, suffix: suffix, name: name) {
                return problem
            } else if semantics.dialect == .seed {
                return nil
            }
            return ResolutionProblem(message: "{{\(name)}} cannot be resolved in the body of template \"\(template.name?.value ?? "?")\": Argo resolves tasks.* only in a DAG task's own fields; pass the value in as an input parameter")
        case .step, .spec, .podSpec:
            return ResolutionProblem(message: "tasks.* is only defined in the fields of a DAG task; here use \(site.template?.steps != nil ? "steps.*" : "an input parameter")")
        }
    }

    func resolveSteps(_ parts: [String], name: String, site: ReferenceSite) -> ResolutionProblem? {
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
                                      upstream: nil, user: nil)
        case .templateOutputs(let template):
            guard template.steps != nil else {
                return ResolutionProblem(message: "steps.* is only defined in a steps template; template \"\(template.name?.value ?? "?")\" has no steps")
            }
            return checkNodeReference(kind: "step", nodeName: stepName, suffix: suffix, name: name,
                                      candidates: (template.steps?.flatMap { $0 } ?? []).compactMap { $0.name?.value },
                                      target: stepsByName[ObjectIdentifier(template)]?[stepName]?.call, upstream: nil, user: nil)
        default:
            return ResolutionProblem(message: "steps.* is only defined in the fields of a step; here use \(site.template?.dag != nil ? "tasks.*" : "an input parameter")")
        }
    }

    /// Checks `tasks.X.suffix` / `steps.X.suffix` once X's position is known to be legal.
    /// `upstream` and `user`: the tasks the using task may read finished fields of, and
    /// its name; nil where every node has finished (template outputs) or steps decide by group.
    private func checkNodeReference(kind: String, nodeName: String, suffix: [String], name: String, candidates: @autoclosure () -> [String],
                                    target: TemplateCall?, upstream: Set<String>?, user: String?) -> ResolutionProblem? {
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
        guard let field = NodeField.named(first) else {
            let best = Suggestions.best(for: first, among: NodeField.names)
            return ResolutionProblem(message: "\(kind)s.\(nodeName) has no field \"\(first)\"" + (best.map { "; did you mean \"\($0)\"?" } ?? "; use outputs, status, exitCode, id, startedAt or finishedAt"),
                                     replacement: best.map { ([kind == "task" ? "tasks" : "steps", nodeName, $0] + suffix.dropFirst()).joined(separator: ".") })
        }
        if field.hasFields {
            if let problem = checkOutput(target, suffix: Array(suffix.dropFirst()), kind: kind, nodeName: nodeName) { return problem }
        } else {
            if suffix.count > 1 { return ResolutionProblem(message: "\(kind)s.\(nodeName).\(first) has no field \"\(suffix.dropFirst().joined(separator: "."))\"") }
            if field.needsResult, let problem = checkProducesResult(target, what: field.name, kind: kind, nodeName: nodeName) { return problem }
        }
        if field.needsUpstream, let upstream, let user, !upstream.contains(nodeName) {
            if nodeName == user {
                return ResolutionProblem(message: "task \"\(user)\" uses its own {{\(name)}}, which does not exist while it runs")
            }
            return ResolutionProblem(message: "task \"\(user)\" uses {{\(name)}}, but \"\(nodeName)\" is not among its dependencies, so it may not have run yet (Argo then waits on it forever); add \"\(nodeName)\" to depends or dependencies")
        }
        return nil
    }

    /// `X.outputs.suffix`, by `NodeOutput`.
    private func checkOutput(_ call: TemplateCall, suffix: [String], kind: String, nodeName: String) -> ResolutionProblem? {
        guard let what = suffix.first else { return ResolutionProblem(message: "\(kind)s.\(nodeName).outputs is not a value; use .outputs.result or .outputs.parameters.NAME") }
        guard let output = NodeOutput(rawValue: what) else {
            let best = Suggestions.best(for: what, among: NodeOutput.allCases.map(\.rawValue))
            return ResolutionProblem(message: "outputs has no \"\(what)\"" + (best.map { "; did you mean \"outputs.\($0)\"?" } ?? "; use outputs.result, outputs.parameters.NAME or outputs.artifacts.NAME"),
                                     replacement: best.map { ([kind == "task" ? "tasks" : "steps", nodeName, "outputs", $0] + suffix.dropFirst()).joined(separator: ".") })
        }
        switch output {
        case .result:
            if suffix.count > 1 { return ResolutionProblem(message: "outputs.result is a string with no fields; read into it with {{=jsonpath(...)}} or fromJSON") }
        case .parameters, .artifacts:
            if suffix.count == 1 {
                return output.isOneValueWhenLooped && call.isLooped ? nil
                    : ResolutionProblem(message: "\(kind)s.\(nodeName).outputs.\(what) is not a value; name one: outputs.\(what).NAME")
            }
            if let problem = checkDeclared(output, named: suffix.dropFirst().joined(separator: "."), of: call, kind: kind, nodeName: nodeName) { return problem }
        }
        return output.needsResult ? checkProducesResult(call, what: "outputs.\(what)", kind: kind, nodeName: nodeName) : nil
    }

    /// `X.outputs.parameters.NAME` / `.artifacts.NAME`: NAME must be declared by the called template, when it is known.
    private func checkDeclared(_ output: NodeOutput, named outputName: String, of call: TemplateCall, kind: String, nodeName: String) -> ResolutionProblem? {
        guard let template = calledTemplate(call) else { return nil }
        let declared = output.declaredNames(in: template)
        if declared.contains(outputName) { return nil }
        let what = output.rawValue
        let templateName = template.name?.value ?? "?"
        if let best = Suggestions.best(for: outputName, among: declared) {
            return ResolutionProblem(message: "template \"\(templateName)\" (called by \(kind) \"\(nodeName)\") has no output \(what.dropLast()) \"\(outputName)\"; did you mean \"\(best)\"?",
                                     replacement: "\(kind)s.\(nodeName).outputs.\(what).\(best)")
        }
        return ResolutionProblem(message: "template \"\(templateName)\" (called by \(kind) \"\(nodeName)\") declares no output \(what.dropLast()) \"\(outputName)\"" + (declared.isEmpty ? "" : "; it has \(Suggestions.quotedList(declared))"))
    }

    /// A problem when the called template is known to produce no result (`NodeField.needsResult`,
    /// `NodeOutput.needsResult`); `what` names the missing variable.
    private func checkProducesResult(_ call: TemplateCall, what: String, kind: String, nodeName: String) -> ResolutionProblem? {
        guard let type = Self.typeWithoutResult(calledTemplate(call)) else { return nil }
        return ResolutionProblem(message: "\(kind) \"\(nodeName)\" runs a \(type.rawValue) template, which has no \(what)")
    }

    /// The type of `template` when that type is known to produce no result (steps,
    /// dag, resource, suspend); nil when it does, or when the template or its type is unknown.
    static func typeWithoutResult(_ template: Template?) -> TemplateType? {
        guard let type = template?.type, !type.producesResult else { return nil }
        return type
    }

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
                                                target: target, upstream: nil, user: nil) {
                return problem
            }
        }
        return nil
    }
}
