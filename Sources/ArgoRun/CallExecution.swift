import Foundation
import ArgoModel
import ArgoSemantics
import ArgoSyntax
import ExprLang
import YAMLTree

extension Runner {
    /// One DAG task or step: `when`, loops, arguments, the called template, and its exit hook.
    func runCall(_ call: TemplateCall, site: ReferenceSite, values: [String: String], path: String, displayName: String,
                 parent: String, start: Double, parallelism: Int? = nil) async -> Outcome {
        let siteValues = SiteValues(site: site, scope: scope, flat: values)
        func finished(_ type: NodeType, _ phase: NodePhase, _ message: String) -> Outcome {
            settled(call, type: type, phase: phase, message: message, path: path, displayName: displayName, parent: parent, at: start)
        }
        if call.isLooped {
            let items: [LoopItem]
            do { items = try LoopItems.expand(call, values: siteValues) } catch let failure as SiteValues.Failure {
                return finished(.skipped, .error, failure.message)
            } catch {
                return finished(.skipped, .error, "\(error)")
            }
            if items.isEmpty { return finished(.skipped, .skipped, "Skipped, empty params") }
            var group = RunNode(path: path, displayName: displayName, type: .taskGroup, template: call.template?.value)
            group.startedAt = start
            group.phase = .running
            recorder.add(group, parent: parent)
            for (index, item) in items.enumerated() {
                // Registered here, in item order, before any of them runs.
                let childPath = "\(path)(\(index):\(item.description))"
                recorder.add(RunNode(path: childPath, displayName: "\(displayName)(\(index):\(item.description))", type: .skipped, template: nil), parent: path)
            }
            var slots = VirtualSlots(limit: parallelism)
            let outcomes = await slots.run(items.indices.map { ($0, start) }) { index, itemStart in
                let item = items[index]
                var itemValues = values
                itemValues["item"] = item.text
                for (key, value) in item.fields { itemValues["item.\(key)"] = value }
                return await self.runSingle(call, site: site, values: itemValues, path: "\(path)(\(index):\(item.description))",
                                            displayName: "\(displayName)(\(index):\(item.description))", parent: path, start: itemStart)
            }.sorted { $0.0 < $1.0 }.map(\.1)
            let failed = outcomes.first { $0.phase.isFailedOrError }
            let phase: NodePhase = outcomes.contains { $0.phase == .error } ? .error : (failed != nil ? .failed : .succeeded)
            let message = failed.map { "child '\($0.path)' failed" } ?? ""
            let finish = outcomes.map(\.finishedAt).max() ?? start
            let parameters = LoopItems.aggregateParameters(outcomes)
            recorder.update(path) { node in
                node.phase = phase
                node.message = message
                node.finishedAt = finish
                node.outputParameters = parameters.map { ("", $0) }
            }
            var outcome = Outcome(phase: phase, message: message, startedAt: start, finishedAt: finish, path: path)
            outcome.parameters = parameters.isEmpty ? [] : [("", parameters[0])]
            return outcome
        }
        return await runSingle(call, site: site, values: values, path: path, displayName: displayName, parent: parent, start: start)
    }

    /// A call without a loop, or one loop item (whose node the loop registered already, to fix its place).
    private func runSingle(_ call: TemplateCall, site: ReferenceSite, values: [String: String], path: String, displayName: String,
                           parent: String?, start: Double) async -> Outcome {
        let siteValues = SiteValues(site: site, scope: scope, flat: values)
        func finished(_ phase: NodePhase, _ message: String) -> Outcome {
            settled(call, type: .skipped, phase: phase, message: message, path: path, displayName: displayName, parent: parent, at: start)
        }
        if let when = call.when?.value, !when.isEmpty {
            let substituted: String
            do { substituted = try siteValues.substitute(when) } catch let failure as SiteValues.Failure {
                return finished(.error, failure.message)
            } catch { return finished(.error, "\(error)") }
            switch WhenCondition.evaluate(substituted) {
            case .success(true): break
            case .success(false): return finished(.skipped, "when '\(substituted)' evaluated false")
            case .failure(let error): return finished(.error, error.message)
            }
        }
        guard let template = semantics.calledTemplate(call) else {
            return finished(.error, "template \(call.template?.value ?? call.templateRef?.template?.value ?? "") not found")
        }
        var arguments: [String: String] = [:]
        for parameter in call.arguments.parameters {
            guard let pname = parameter.name?.value else { continue }
            do {
                if let value = parameter.value?.value {
                    arguments[pname] = try siteValues.substitute(value)
                } else if let expression = parameter.valueFrom?.field("expression")?.value {
                    arguments[pname] = try siteValues.evaluate(expression)
                } else if let fromParameter = parameter.valueFrom?.field("parameter")?.value {
                    arguments[pname] = try siteValues.substitute(fromParameter)
                }
            } catch let failure as SiteValues.Failure {
                return finished(.error, failure.message)
            } catch { return finished(.error, "\(error)") }
        }
        let outcome = await runTemplate(template, call: call, arguments: arguments, path: path, displayName: displayName,
                                        parent: parent, start: start, caller: values)
        return await runExitHook(call, site: site, after: outcome, values: values, path: path, displayName: displayName, parent: path)
    }

    /// A node decided without running anything (skipped, errored before it started).
    private func settled(_ call: TemplateCall, type: NodeType, phase: NodePhase, message: String, path: String, displayName: String,
                         parent: String?, at time: Double) -> Outcome {
        var node = RunNode(path: path, displayName: displayName, type: type, template: call.template?.value)
        node.phase = phase
        node.message = message
        node.startedAt = time
        node.finishedAt = time
        recorder.add(node, parent: parent)
        return Outcome(phase: phase, message: message, startedAt: time, finishedAt: time, path: path)
    }

    /// `hooks.exit` (or the deprecated `onExit`) of a task or step: runs once the
    /// node is done, as a child of it (one per node, so the tree stays deterministic).
    private func runExitHook(_ call: TemplateCall, site: ReferenceSite, after outcome: Outcome, values: [String: String], path: String,
                             displayName: String, parent: String?) async -> Outcome {
        var template: Template?
        var arguments = Arguments(nil)
        if let hook = call.hooks.first(where: { $0.event?.value == "exit" }) {
            if let name = hook.template?.value { template = semantics.template(named: name) }
            if template == nil, let ref = hook.templateRef { template = semantics.referencedTemplate(ref) }
            arguments = hook.arguments
        } else if let name = call.onExit?.value {
            template = semantics.template(named: name)
        }
        guard let template else { return outcome }
        var hookValues = values
        if let finished = recorder.node(path) {
            let kind = site.template?.dag != nil ? "tasks" : "steps"
            hookValues.merge(Runner.nodeValues(finished, kind: kind)) { _, new in new }
        }
        let hookSite: ReferenceSite
        switch site {
        case .task(let t, let task, _): hookSite = .task(t, task, inHook: true)
        case .step(let t, let step, _): hookSite = .step(t, step, inHook: true)
        default: hookSite = site
        }
        let siteValues = SiteValues(site: hookSite, scope: scope, flat: hookValues)
        var args: [String: String] = [:]
        for parameter in arguments.parameters {
            guard let pname = parameter.name?.value else { continue }
            args[pname] = (try? siteValues.substitute(parameter.value?.value ?? "")) ?? ""
        }
        let hookOutcome = await runTemplate(template, call: nil, arguments: args, path: path + ".onExit", displayName: displayName + ".onExit",
                                            parent: parent, start: outcome.finishedAt, caller: hookValues)
        var result = outcome
        result.finishedAt = hookOutcome.finishedAt
        return result
    }
}
