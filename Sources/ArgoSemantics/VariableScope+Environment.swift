import ArgoModel
import ExprLang

// The names in scope for `{{= }}` expressions (and the simple-tag names the
// runner substitutes), derived from the same descriptions `resolve` checks
// against: `VariableRoot`, `WorkflowVariable`, `NodeField` and `NodeOutput`.
extension VariableScope {
    /// The last attempt's facts under a retryStrategy: `lastRetry.NAME`.
    static let lastRetryFields = ["exitCode", "status", "duration", "message"]

    /// The simple-tag names in scope at a site, apart from task and step outputs
    /// (see `nodeRoots`), and the prefixes under which any name is accepted (the
    /// prefix itself included). A name that prefixes another (`workflow.labels`,
    /// `inputs.artifacts.NAME`) is a JSON or collection form: expressions see the
    /// record of the longer names instead. In a stable order, without repeats.
    public func variableNames(at site: ReferenceSite) -> (names: [String], openPrefixes: [String]) {
        var names: [String] = []
        var open = VariableRoot.allCases.filter(\.isOpen).map(\.rawValue)
        for variable in WorkflowVariable.all where variable.condition.holds(in: facts) {
            let path = "workflow.\(variable.name)"
            switch variable.shape {
            case .value:
                names.append(path)
            case .openEnded:
                open.append(path)
            case .keyed(let map):
                guard let keys = map.keys(in: facts) else { open.append(path); continue }
                // The bare map and its .json go together (see `WorkflowMap.emptyProblem`).
                let hasWhole = !keys.isEmpty || map.emptyProblem == nil
                if hasWhole { names.append(path) }
                names += keys.sorted().map { "\(path).\($0)" }
                if hasWhole { names.append("\(path).json") }
            case .globalOutputs:
                names += facts.globalParameters.sorted().map { "\(path).parameters.\($0)" }
                names += facts.globalArtifacts.sorted().map { "\(path).artifacts.\($0)" }
                if facts.hasTemplatedGlobalName { open.append(path) }
            }
        }
        // A workflow-level pod field is substituted in each pod, with that pod's inputs.
        if case .podSpec = site { open.append("inputs") }
        if let template = site.template {
            let parameters = template.declaredInputParameters
            if !parameters.isEmpty { names.append("inputs.parameters") }
            names += parameters.map { "inputs.parameters.\($0)" }
            if !parameters.isEmpty { names.append("inputs.parameters.json") }
            for artifact in template.declaredInputArtifacts { names += ["inputs.artifacts.\(artifact)", "inputs.artifacts.\(artifact).path"] }
            if template.hasRetryStrategy {
                names.append("retries")
                names += Self.lastRetryFields.map { "lastRetry.\($0)" }
            }
            if let type = template.type, type.runsInPod { names.append("pod.name") }
            // The seed dialect resolves tasks.* in a template body from its callers.
            if case .templateBody = site, semantics.dialect == .seed { open.append("tasks") }
        }
        switch loopKind(at: site) {
        case .none: break
        case .scalarItems: names.append("item")
        case .structuredItems: open.append("item")
        }
        var seen = Set<String>()
        return (names.filter { seen.insert($0).inserted }, open)
    }

    /// The flat variables visible at a site for `{{= }}` tags, apart from task
    /// and step outputs (see `nodeRoots`): the same for every tag of one
    /// template and loop kind, so callers build its environment once. Every
    /// Argo variable is a string.
    public func baseVariables(at site: ReferenceSite) -> (variables: [String: ExprType], openPrefixes: [String]) {
        let (names, open) = variableNames(at: site)
        var variables: [String: ExprType] = [:]
        for name in names { variables[name] = .string }
        return (variables, open)
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
                fields[name] = nodeRecord(for: target.call, upstream: isUpstream)
            }
            roots["tasks"] = .record(ExprRecord(fields: fields, closed: true, name: "tasks"))
        case .step(let template, let step, let inHook):
            guard let byName = stepsByName[ObjectIdentifier(template)] else { break }
            var fields: [String: ExprType] = [:]
            for word in words {
                let name = String(word)
                guard fields[name] == nil, let target = byName[name] else { continue }
                let visible = target.group < step.group || (inHook && target.group == step.group && target.index == step.index)
                if visible { fields[name] = nodeRecord(for: target.call, upstream: true) }
            }
            roots["steps"] = .record(ExprRecord(fields: fields, closed: true, name: "steps"))
        case .templateOutputs(let template):
            if let byName = tasksByName[ObjectIdentifier(template)] {
                var fields: [String: ExprType] = [:]
                for word in words { if let target = byName[String(word)] { fields[String(word)] = nodeRecord(for: target.call, upstream: true) } }
                roots["tasks"] = .record(ExprRecord(fields: fields, closed: true, name: "tasks"))
            }
            if let byName = stepsByName[ObjectIdentifier(template)] {
                var fields: [String: ExprType] = [:]
                for word in words { if let target = byName[String(word)] { fields[String(word)] = nodeRecord(for: target.call, upstream: true) } }
                roots["steps"] = .record(ExprRecord(fields: fields, closed: true, name: "steps"))
            }
        case .templateBody, .spec, .podSpec:
            break
        }
        return roots
    }

    /// The `{{= }}` record of one task or step node: the `NodeField`s that exist
    /// for it (`upstream`: whether it has run by the time the reader runs).
    func nodeRecord(for call: TemplateCall, upstream: Bool) -> ExprType {
        let template = calledTemplate(call)
        let producesResult = Self.typeWithoutResult(template) == nil
        var fields: [String: ExprType] = [:]
        for field in NodeField.all where (upstream || !field.needsUpstream) && (producesResult || !field.needsResult) {
            fields[field.name] = field.hasFields ? outputsRecord(for: call, template: template, producesResult: producesResult) : .string
        }
        return .record(ExprRecord(fields: fields, closed: true, name: "node"))
    }

    /// A node's `outputs`, by `NodeOutput`. Declared outputs are known only with
    /// the called template: without it the record stays open.
    private func outputsRecord(for call: TemplateCall, template: Template?, producesResult: Bool) -> ExprType {
        var outputs: [String: ExprType] = [:]
        for output in NodeOutput.allCases where producesResult || !output.needsResult {
            guard output.isDeclared else { outputs[output.rawValue] = .string; continue }
            guard let template else { continue }
            if output.isOneValueWhenLooped && call.isLooped {
                outputs[output.rawValue] = .string
                continue
            }
            var declared: [String: ExprType] = [:]
            for name in output.declaredNames(in: template) { declared[name] = .string }
            outputs[output.rawValue] = .record(ExprRecord(fields: declared, closed: true, name: "outputs.\(output.rawValue)"))
        }
        return .record(ExprRecord(fields: outputs, closed: template != nil, name: "outputs"))
    }
}
