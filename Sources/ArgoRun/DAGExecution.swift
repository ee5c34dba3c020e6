import ArgoModel
import ArgoSemantics
import ArgoSyntax
import YAMLTree

extension Runner {
    /// Runs a DAG in waves: every task whose dependencies are all fulfilled
    /// starts (on the virtual clock, when the last of them finished); tasks of
    /// one wave run concurrently. Virtual times depend only on dependencies,
    /// so the outcome does not depend on which request came back first.
    func runDAG(_ template: Template, values: [String: String], path: String, start: Double) async -> Outcome {
        guard let dag = template.dag, let graph = semantics.graph(of: template) else {
            return Outcome(phase: .error, message: "no dag", startedAt: start, finishedAt: start, path: path)
        }
        let tasks = dag.tasks
        let names = tasks.map { $0.name?.value ?? "" }
        let index = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let dependencies: [[Int]] = graph.references.map { refs in
            var seen = Set<Int>()
            return refs.compactMap { index[$0.task] }.filter { seen.insert($0).inserted }
        }
        var outcomes = [Outcome?](repeating: nil, count: tasks.count)
        // With a target, only the targets and what they depend on run.
        var started = Set<Int>()
        if let target = dag.target?.value, !target.isEmpty, !target.hasTemplateTag {
            var needed = Set<Int>()
            var queue = target.split(separator: " ").compactMap { index[String($0)] }
            while let next = queue.popLast() {
                if needed.insert(next).inserted { queue += dependencies[next] }
            }
            started = Set(tasks.indices).subtracting(needed)
        }
        var taskValues = values
        let limit = parallelism(of: template)
        var slots = VirtualSlots(limit: limit)
        while true {
            let ready = tasks.indices.filter { i in
                !started.contains(i) && dependencies[i].allSatisfy { outcomes[$0]?.phase.isFulfilled ?? false }
            }
            if ready.isEmpty { break }
            for i in ready { started.insert(i) }
            let snapshot = taskValues
            var runnable: [(key: Int, readyAt: Double)] = []
            for i in ready {
                let readyAt = dependencies[i].compactMap { outcomes[$0]?.finishedAt }.max() ?? start
                let task = tasks[i]
                let taskPath = "\(path).\(names[i])"
                if dependsAllows(task, outcomes: outcomes, tasks: tasks, index: index) {
                    // Registered in source order, so the tree does not depend on timing.
                    recorder.add(RunNode(path: taskPath, displayName: names[i], type: .skipped, template: task.call.template?.value), parent: path)
                    runnable.append((i, readyAt))
                } else {
                    var node = RunNode(path: taskPath, displayName: names[i], type: .skipped, template: task.call.template?.value)
                    node.phase = .omitted
                    node.message = "omitted: depends condition not met"
                    node.startedAt = readyAt
                    node.finishedAt = readyAt
                    recorder.add(node, parent: path)
                    outcomes[i] = Outcome(phase: .omitted, message: node.message, startedAt: readyAt, finishedAt: readyAt, path: taskPath)
                }
            }
            let finished = await slots.run(runnable) { i, taskStart in
                await self.runCall(tasks[i].call, site: .task(template, tasks[i]), values: snapshot, path: "\(path).\(names[i])",
                                   displayName: names[i], parent: path, start: taskStart, parallelism: limit)
            }
            for (i, outcome) in finished {
                outcomes[i] = outcome
            }
            for i in ready {
                if let node = recorder.node("\(path).\(names[i])") {
                    taskValues.merge(Runner.nodeValues(node, kind: "tasks")) { _, new in new }
                }
            }
        }
        let finish = outcomes.compactMap { $0?.finishedAt }.max() ?? start
        let (phase, failedTarget) = assessPhase(dag: dag, tasks: tasks, names: names, dependencies: dependencies, outcomes: outcomes)
        let message = failedTarget.map { "child '\($0)' failed" } ?? ""
        return Outcome(phase: phase, message: message, startedAt: start, finishedAt: finish, path: path)
    }

    /// `depends` as the controller evaluates it; `dependencies` as `a && b` with the same bare-name expansion.
    private func dependsAllows(_ task: DAGTask, outcomes: [Outcome?], tasks: [DAGTask], index: [String: Int]) -> Bool {
        func outcome(_ name: String) -> Outcome? {
            index[name].flatMap { outcomes[$0] }
        }
        func result(_ name: String, _ wanted: DependsResult) -> Bool {
            guard let o = outcome(name) else { return false }
            switch wanted {
            case .succeeded: return o.phase == .succeeded
            case .failed: return o.phase == .failed
            case .errored: return o.phase == .error
            case .skipped: return o.phase == .skipped
            case .omitted: return o.phase == .omitted
            case .daemoned: return false
            case .anySucceeded: return childPhases(o.path).contains(.succeeded)
            case .allFailed:
                let phases = childPhases(o.path)
                return !phases.isEmpty && phases.allSatisfy { $0 == .failed }
            }
        }
        func continueOn(_ name: String) -> DependsContinueOn {
            guard let call = index[name].map({ tasks[$0].call }) else { return .none }
            return DependsContinueOn(failed: call.continuesOnFailed, error: call.continuesOnError)
        }
        if let depends = task.depends?.value, !depends.isEmpty, case .success(let expression) = DependsExpression.parse(depends) {
            return expression.evaluate(continueOn: continueOn, result: result)
        }
        return (task.dependencies ?? []).allSatisfy { entry in
            let flags = continueOn(entry.value)
            return result(entry.value, .succeeded) || result(entry.value, .skipped)
                || (flags.failed && result(entry.value, .failed)) || (flags.error && result(entry.value, .errored))
        }
    }

    private func childPhases(_ path: String) -> [NodePhase] {
        recorder.node(path)?.children.compactMap { recorder.node($0)?.phase } ?? []
    }

    /// The DAG's phase from its target tasks, as upstream's assessDAGPhase
    /// computes it: a breadth-first walk along dependency edges where a node
    /// that did not complete (omitted, skipped) inherits its branch's phase,
    /// Failed or Error taking precedence.
    private func assessPhase(dag: DAGTemplate, tasks: [DAGTask], names: [String], dependencies: [[Int]], outcomes: [Outcome?]) -> (NodePhase, String?) {
        var dependents = [[Int]](repeating: [], count: tasks.count)
        for (i, deps) in dependencies.enumerated() { for d in deps { dependents[d].append(i) } }
        let targets: [Int]
        if let target = dag.target?.value, !target.isEmpty {
            targets = target.split(separator: " ").compactMap { name in names.firstIndex(of: String(name)) }
        } else {
            targets = tasks.indices.filter { dependents[$0].isEmpty }
        }
        var targetPhases: [Int: NodePhase] = [:]
        var queue: [(Int, NodePhase)] = tasks.indices.filter { dependencies[$0].isEmpty }.map { ($0, .succeeded) }
        var seen = Set<String>()
        var head = 0
        while head < queue.count {
            let (i, inherited) = queue[head]
            head += 1
            guard let outcome = outcomes[i] else { continue }
            var branch = inherited
            if outcome.phase.isCompleted { branch = outcome.phase }
            guard seen.insert("\(i)/\(branch.rawValue)").inserted else { continue }
            if targets.contains(i), !(targetPhases[i]?.isFailedOrError ?? false) { targetPhases[i] = branch }
            for d in dependents[i] { queue.append((d, branch)) }
        }
        for i in targets {
            guard let phase = targetPhases[i] else { continue }
            if phase.isFailedOrError {
                let call = tasks[i].call
                if (phase == .failed && call.continuesOnFailed) || (phase == .error && call.continuesOnError) { continue }
                return (phase, outcomes[i]?.path)
            }
        }
        return (.succeeded, nil)
    }
}

extension Runner {
    /// Step groups one after another; the steps of a group run concurrently.
    /// A group fails when a step fails that its continueOn does not cover, and
    /// the steps after it do not run.
    func runSteps(_ template: Template, values: [String: String], path: String, start: Double) async -> Outcome {
        var clock = start
        var stepValues = values
        let limit = parallelism(of: template)
        for (groupIndex, group) in (template.steps ?? []).enumerated() {
            let groupPath = "\(path)[\(groupIndex)]"
            var groupNode = RunNode(path: groupPath, displayName: "[\(groupIndex)]", type: .stepGroup, template: nil)
            groupNode.startedAt = clock
            groupNode.phase = .running
            recorder.add(groupNode, parent: path)
            let snapshot = stepValues
            let groupStart = clock
            for step in group {
                let stepName = step.name?.value ?? ""
                recorder.add(RunNode(path: "\(groupPath).\(stepName)", displayName: stepName, type: .skipped, template: step.call.template?.value), parent: groupPath)
            }
            var slots = VirtualSlots(limit: limit)
            let outcomes = await slots.run(group.indices.map { ($0, groupStart) }) { i, stepStart in
                let step = group[i]
                return await self.runCall(step.call, site: .step(template, step), values: snapshot, path: "\(groupPath).\(step.name?.value ?? "")",
                                          displayName: step.name?.value ?? "", parent: groupPath, start: stepStart, parallelism: limit)
            }.sorted { $0.0 < $1.0 }.map(\.1)
            clock = outcomes.map(\.finishedAt).max() ?? clock
            var failure: Outcome?
            for (step, outcome) in zip(group, outcomes) where outcome.phase.isFailedOrError {
                let covered = (outcome.phase == .failed && step.call.continuesOnFailed) || (outcome.phase == .error && step.call.continuesOnError)
                if !covered && failure == nil { failure = outcome }
            }
            for step in group {
                if let node = recorder.node("\(groupPath).\(step.name?.value ?? "")") {
                    stepValues.merge(Runner.nodeValues(node, kind: "steps")) { _, new in new }
                }
            }
            let groupPhase: NodePhase = failure.map { $0.phase } ?? .succeeded
            let groupMessage = failure.map { "child '\($0.path)' failed" } ?? ""
            let groupFinish = clock
            recorder.update(groupPath) { node in
                node.phase = groupPhase
                node.message = groupMessage
                node.finishedAt = groupFinish
            }
            if let failure {
                return Outcome(phase: failure.phase, message: groupMessage, startedAt: start, finishedAt: clock, path: path)
            }
        }
        return Outcome(phase: .succeeded, startedAt: start, finishedAt: clock, path: path)
    }
}
