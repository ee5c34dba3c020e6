import Foundation
import ArgoModel
import ArgoSemantics
import ArgoSyntax
import ExprLang
import YAMLTree

/// Runs one workflow the way the Argo controller and agent would, on a
/// virtual clock: HTTP templates send their requests through `transport`
/// (the mock responder), every other leaf takes its outcome from a stub.
public final class Runner: Sendable {
    let semantics: WorkflowSemantics
    let scope: VariableScope
    let transport: any HTTPTransport
    let options: RunOptions
    let recorder = Recorder()
    let globals: [String: String]
    let workflowName: String
    let uid: String

    public init(semantics: WorkflowSemantics, transport: any HTTPTransport, options: RunOptions) {
        self.semantics = semantics
        self.scope = VariableScope(semantics: semantics)
        self.transport = transport
        self.options = options
        var generator = SeededGenerator(seed: options.seed)
        let metadata = semantics.resource.metadata
        switch semantics.resource.kind {
        case .workflow:
            workflowName = metadata.name?.value
                ?? GeneratedNames.name(prefix: metadata.generateName?.value ?? "workflow-", using: &generator)
        case .cronWorkflow:
            // A CronWorkflow names each run after itself and the scheduled time.
            workflowName = "\(metadata.name?.value ?? "cron")-\(Int(VirtualTime.epoch))"
        case .workflowTemplate, .clusterWorkflowTemplate:
            // As `argo submit --from workflowtemplate/NAME` does.
            workflowName = GeneratedNames.name(prefix: (metadata.name?.value ?? "workflow") + "-", using: &generator)
        }
        uid = GeneratedNames.uid(using: &generator)
        globals = Self.globalValues(semantics: semantics, name: workflowName, uid: uid, parameters: options.parameters)
    }

    /// Outcome of one node, as its parent sees it.
    struct Outcome: Sendable {
        var phase: NodePhase
        var message: String = ""
        var result: String?
        var parameters: [(name: String, value: String)] = []
        var exitCode: String?
        var startedAt: Double
        var finishedAt: Double
        var path: String
    }

    public func run() async -> RunReport {
        let spec = semantics.spec
        var roots: [String] = []
        var phase: NodePhase = .error
        var message = ""
        var finished: Double = 0
        if let entry = spec.entrypoint?.value ?? semantics.workspaceEntrypoint, let template = semantics.template(named: entry) {
            let args = workflowArgumentsFor(template)
            let outcome = await runTemplate(template, call: nil, arguments: args, path: workflowName, displayName: workflowName,
                                            parent: nil, start: 0, caller: [:])
            roots.append(outcome.path)
            phase = outcome.phase == .succeeded || outcome.phase == .skipped ? .succeeded : (outcome.phase == .error ? .error : .failed)
            message = outcome.message
            finished = outcome.finishedAt
        } else {
            message = "entrypoint template \(spec.entrypoint?.value ?? "") not found"
        }
        if let exit = exitHandler() {
            var values = globals
            values["workflow.status"] = phase.rawValue
            values["workflow.failures"] = failuresJSON()
            values["workflow.duration"] = String(finished)
            let path = workflowName + ".onExit"
            let template = exit.template
            let outcome = await runTemplate(template, call: nil, arguments: exit.arguments(values), path: path, displayName: path,
                                            parent: nil, start: finished, caller: [:], extra: values)
            roots.append(outcome.path)
            finished = outcome.finishedAt
            if phase == .succeeded && outcome.phase.isFailedOrError {
                phase = outcome.phase == .failed ? .failed : .error
                message = outcome.message
            }
        }
        let nodes = recorder.tree(from: roots)
        var order: [String: Int] = [:]
        for (index, node) in nodes.enumerated() { order[node.path] = index }
        let declared = semantics.resource.metadata.name?.value ?? semantics.resource.metadata.generateName?.value ?? workflowName
        return RunReport(workflowName: workflowName, declaredName: declared, uid: uid, phase: phase, message: message,
                         nodes: nodes, requests: recorder.sortedRequests(order: order), finishedAt: finished)
    }

    // MARK: Workflow values

    static func globalValues(semantics: WorkflowSemantics, name: String, uid: String, parameters: [(name: String, value: String)]) -> [String: String] {
        let resource = semantics.resource
        var values: [String: String] = [
            "workflow.name": name,
            "workflow.namespace": resource.metadata.namespace?.value ?? "default",
            "workflow.uid": uid,
            "workflow.mainEntrypoint": resource.spec.entrypoint?.value ?? "",
            "workflow.serviceAccountName": resource.spec.node?.field("serviceAccountName")?.value ?? "",
            "workflow.status": "Running",
            "workflow.creationTimestamp": "2026-01-01T00:00:00Z",
            "workflow.creationTimestamp.RFC3339": "2026-01-01T00:00:00Z",
            "workflow.creationTimestamp.s": "1767225600",
            "workflow.duration": "0",
        ]
        var declared: [(String, String)] = []
        var specArguments = resource.spec.arguments.parameters
        if let ref = resource.spec.workflowTemplateRef, let refName = ref.name?.value,
           let target = semantics.workspace.workflowTemplate(named: refName, clusterScope: ref.clusterScope) {
            specArguments = target.resource.spec.arguments.parameters + specArguments
        }
        for parameter in specArguments {
            guard let pname = parameter.name?.value else { continue }
            let value = parameter.value?.value ?? parameter.defaultValue?.value ?? ""
            declared.removeAll { $0.0 == pname }
            declared.append((pname, value))
        }
        for (pname, value) in parameters {
            if let index = declared.firstIndex(where: { $0.0 == pname }) { declared[index].1 = value } else { declared.append((pname, value)) }
        }
        for (pname, value) in declared { values["workflow.parameters.\(pname)"] = value }
        values["workflow.parameters.json"] = JSONText.array(declared.map { JSONText.object([("name", $0.0), ("value", $0.1)]) })
        values["workflow.parameters"] = values["workflow.parameters.json"]
        for key in resource.metadata.labelKeys { values["workflow.labels.\(key)"] = resource.root["metadata"]?["labels"]?[key]?.stringValue ?? "" }
        for key in resource.metadata.annotationKeys { values["workflow.annotations.\(key)"] = resource.root["metadata"]?["annotations"]?[key]?.stringValue ?? "" }
        if let priority = resource.spec.node?.field("priority")?.value { values["workflow.priority"] = priority }
        return values
    }

    /// The entrypoint's inputs take the workflow parameters of the same name, as upstream passes spec.arguments.
    private func workflowArgumentsFor(_ template: Template) -> [String: String] {
        var args: [String: String] = [:]
        for parameter in template.inputs.parameters {
            guard let pname = parameter.name?.value, let value = globals["workflow.parameters.\(pname)"] else { continue }
            args[pname] = value
        }
        return args
    }

    private struct ExitHandler {
        var template: Template
        var argumentsNode: Arguments
        let runner: Runner

        func arguments(_ values: [String: String]) -> [String: String] {
            var result: [String: String] = [:]
            let site = SiteValues(site: .spec, scope: runner.scope, flat: values)
            for parameter in argumentsNode.parameters {
                guard let pname = parameter.name?.value else { continue }
                result[pname] = (try? site.substitute(parameter.value?.value ?? "")) ?? parameter.value?.value ?? ""
            }
            return result
        }
    }

    private func exitHandler() -> ExitHandler? {
        let spec = semantics.spec
        if let hook = spec.hooks.first(where: { $0.event?.value == "exit" }) {
            var template: Template?
            if let name = hook.template?.value { template = semantics.template(named: name) }
            if template == nil, let ref = hook.templateRef { template = semantics.referencedTemplate(ref) }
            return template.map { ExitHandler(template: $0, argumentsNode: hook.arguments, runner: self) }
        }
        if let name = spec.onExit?.value, let template = semantics.template(named: name) {
            return ExitHandler(template: template, argumentsNode: Arguments(nil), runner: self)
        }
        return nil
    }

    /// `workflow.failures`: a quoted JSON list of the failed nodes, `"null"` when none.
    private func failuresJSON() -> String {
        let failed = recorder.tree(from: [workflowName]).filter { $0.phase.isFailedOrError && ($0.type == .http || $0.type == .pod) }
        guard !failed.isEmpty else { return "null" }
        let items = failed.map { node in
            JSONText.object([("displayName", node.displayName), ("message", node.message), ("templateName", node.template ?? ""),
                             ("phase", node.phase.rawValue), ("podName", node.path), ("finishedAt", VirtualTime.timestamp(node.finishedAt))])
        }
        return JSONText.array(items)
    }

    // MARK: Templates

    /// Runs `template` as one node (or a retry parent with attempts), after
    /// binding its inputs from `arguments`.
    func runTemplate(_ template: Template, call: TemplateCall?, arguments: [String: String], path: String, displayName: String,
                     parent: String?, start: Double, caller: [String: String], extra: [String: String] = [:]) async -> Outcome {
        let templateName = template.name?.value
        var inputs: [String: String] = [:]
        var missing: String?
        for parameter in template.inputs.parameters {
            guard let pname = parameter.name?.value else { continue }
            if let value = arguments[pname] ?? parameter.value?.value ?? parameter.defaultValue?.value
                ?? parameter.valueFrom?.field("default")?.value {
                inputs[pname] = value
            } else if missing == nil {
                if let configMap = parameter.valueFrom?["configMapKeyRef"] {
                    missing = "\(pname) reads ConfigMap \"\(configMap.field("name")?.value ?? "")\" key \"\(configMap.field("key")?.value ?? "")\", which the sandbox has no copy of; pass the value as an argument or give the parameter a default"
                } else {
                    missing = pname
                }
            }
        }
        if let missing {
            var node = RunNode(path: path, displayName: displayName, type: Self.nodeType(of: template), template: templateName)
            node.phase = .error
            node.message = missing.contains(" ") ? "inputs.parameters.\(missing)" : "inputs.parameters.\(missing) was not supplied"
            node.startedAt = start
            node.finishedAt = start
            recorder.add(node, parent: parent)
            return Outcome(phase: .error, message: node.message, startedAt: start, finishedAt: start, path: path)
        }
        var values = globals.merging(extra) { _, new in new }
        for (pname, value) in inputs { values["inputs.parameters.\(pname)"] = value }
        if !template.inputs.parameters.isEmpty {
            var items: [String] = []
            for parameter in template.inputs.parameters {
                guard let pname = parameter.name?.value else { continue }
                items.append(JSONText.object([("name", pname), ("value", inputs[pname] ?? "")]))
            }
            values["inputs.parameters"] = JSONText.array(items)
        }
        if Self.nodeType(of: template) == .pod { values["pod.name"] = path }
        if semantics.dialect == .seed {
            // The seed dialect reads the calling task's `tasks.*` in a template body.
            for (key, value) in caller where key.hasPrefix("tasks.") { values[key] = value }
        }
        if template.hasRetryStrategy, let strategy = template.node["retryStrategy"] {
            return await runWithRetry(template, strategy: RetryStrategy(strategy), values: values, path: path, displayName: displayName,
                                      parent: parent, start: start)
        }
        return await runOnce(template, values: values, path: path, displayName: displayName, parent: parent, start: start)
    }

    /// One execution of a template as one node.
    func runOnce(_ template: Template, values: [String: String], path: String, displayName: String, parent: String?, start: Double) async -> Outcome {
        var node = RunNode(path: path, displayName: displayName, type: Self.nodeType(of: template), template: template.name?.value)
        node.startedAt = start
        node.phase = .running
        recorder.add(node, parent: parent)
        let outcome: Outcome
        switch template.type {
        case .http:
            outcome = await runHTTP(template, values: values, path: path, displayName: displayName, start: start)
        case .dag:
            outcome = await runDAG(template, values: values, path: path, start: start)
        case .steps:
            outcome = await runSteps(template, values: values, path: path, start: start)
        default:
            outcome = stubbed(template, path: path, displayName: displayName, start: start)
        }
        var finalOutcome = outcome
        if template.type == .dag || template.type == .steps {
            finalOutcome.parameters = templateOutputs(template, values: values, path: path)
        }
        recorder.update(path) { node in
            node.phase = finalOutcome.phase
            node.message = finalOutcome.message
            node.finishedAt = finalOutcome.finishedAt
            node.result = finalOutcome.result
            node.outputParameters = finalOutcome.parameters
        }
        return finalOutcome
    }

    /// A container, script or other leaf: not executed; the scenario says what it did.
    private func stubbed(_ template: Template, path: String, displayName: String, start: Double) -> Outcome {
        var found = options.stubs[displayName]
        if found == nil, let name = template.name?.value { found = options.stubs[name] }
        let stub = found ?? LeafStub()
        let kind = template.type?.rawValue ?? "unknown"
        let source = found != nil ? "the scenario's stub" : "the default stub (Succeeded, empty result)"
        recorder.update(path) { node in
            node.note = "\(kind) template not executed; outcome from \(source)"
        }
        var parameters: [(name: String, value: String)] = []
        for output in template.outputs.parameters {
            guard let pname = output.name?.value else { continue }
            if let value = stub.parameters[pname] ?? output.value?.value ?? output.valueFrom?["default"]?.stringValue {
                parameters.append((pname, value))
            }
        }
        let producesResult = template.type?.producesResult ?? false
        return Outcome(phase: stub.phase, message: stub.message, result: producesResult ? stub.result : nil, parameters: parameters,
                       exitCode: producesResult ? stub.exitCode : nil, startedAt: start, finishedAt: start, path: path)
    }

    /// Output parameters of a steps or DAG template (`valueFrom.parameter` / `expression`, or `value`).
    private func templateOutputs(_ template: Template, values: [String: String], path: String) -> [(name: String, value: String)] {
        guard !template.outputs.parameters.isEmpty, let node = recorder.node(path) else { return [] }
        var flat = values
        for childPath in node.children {
            guard let child = recorder.node(childPath) else { continue }
            let kind = template.dag != nil ? "tasks" : "steps"
            flat.merge(Self.nodeValues(child, kind: kind)) { _, new in new }
            for grandChild in child.children {
                if let g = recorder.node(grandChild) { flat.merge(Self.nodeValues(g, kind: kind)) { _, new in new } }
            }
        }
        let site = SiteValues(site: .templateOutputs(template), scope: scope, flat: flat)
        var result: [(name: String, value: String)] = []
        for output in template.outputs.parameters {
            guard let pname = output.name?.value else { continue }
            var value: String?
            if let from = output.valueFrom {
                if let parameter = from.field("parameter")?.value { value = try? site.substitute(parameter) }
                if let expression = from.field("expression")?.value { value = try? site.evaluate(expression) }
                if value == nil { value = from.field("default")?.value }
            } else if let literal = output.value?.value {
                value = try? site.substitute(literal)
            }
            if let value { result.append((pname, value)) }
        }
        return result
    }

    /// The `tasks.X.*` / `steps.X.*` values a finished node offers its dependents.
    static func nodeValues(_ node: RunNode, kind: String) -> [String: String] {
        let name = node.displayName.firstIndex(of: "(").map { String(node.displayName[..<$0]) } ?? node.displayName
        let prefix = "\(kind).\(name)."
        var values: [String: String] = [
            prefix + "id": node.path,
            prefix + "status": node.phase.rawValue,
            prefix + "startedAt": VirtualTime.timestamp(node.startedAt),
            prefix + "finishedAt": VirtualTime.timestamp(node.finishedAt),
        ]
        if let result = node.result { values[prefix + "outputs.result"] = result }
        for (pname, value) in node.outputParameters {
            // A loop's parent holds one unnamed entry: the JSON list of every child's parameters.
            values[pname.isEmpty ? prefix + "outputs.parameters" : prefix + "outputs.parameters.\(pname)"] = value
        }
        if node.type == .http || node.type == .pod { values[prefix + "exitCode"] = node.phase == .succeeded ? "0" : "1" }
        return values
    }

    static func nodeType(of template: Template) -> NodeType {
        switch template.type {
        case .http: return .http
        case .dag: return .dag
        case .steps: return .steps
        case .suspend: return .suspend
        default: return .pod
        }
    }
}

extension WorkflowSemantics {
    /// A Workflow with a workflowTemplateRef and no entrypoint uses the referenced template's.
    var workspaceEntrypoint: String? {
        guard let ref = spec.workflowTemplateRef, let name = ref.name?.value,
              let target = workspace.workflowTemplate(named: name, clusterScope: ref.clusterScope) else { return nil }
        return target.resource.spec.entrypoint?.value
    }
}

/// The virtual clock's epoch: every run starts at the same instant, so reports repeat.
enum VirtualTime {
    static let epoch: Double = 1_767_225_600  // 2026-01-01T00:00:00Z

    /// RFC 3339 in UTC, to the second, as Argo prints node times. Written by
    /// hand: a formatter per call costs more than the rest of a node's bookkeeping.
    static func timestamp(_ offset: Double) -> String {
        let total = Int64((epoch + offset).rounded(.down))
        let days = Int(total / 86_400)
        let secondsOfDay = Int(total % 86_400)
        // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(two(month))-\(two(day))T\(two(secondsOfDay / 3600)):\(two(secondsOfDay / 60 % 60)):\(two(secondsOfDay % 60))Z"
    }
}

/// Small JSON writers for the values Argo stores as JSON text.
enum JSONText {
    static func string(_ s: String) -> String {
        (try? ExprValue.string(s).jsonText()) ?? "\"\""
    }

    static func object(_ pairs: [(String, String)]) -> String {
        "{" + pairs.map { string($0.0) + ":" + string($0.1) }.joined(separator: ",") + "}"
    }

    static func array(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }
}
