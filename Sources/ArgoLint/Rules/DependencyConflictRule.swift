import YAMLTree
import ArgoModel
import ArgoSemantics

/// dependency-conflict: `depends` and `dependencies` in the same DAG, or
/// `continueOn` in a DAG that uses `depends`. Argo rejects both.
public struct DependencyConflictRule: Rule {
    public static let info = RuleInfo(id: "dependency-conflict", defaultSeverity: .error, summary: "depends and dependencies together, or continueOn with depends")
    public var info: RuleInfo { Self.info }
    public init() {}

    public func check(_ context: ResourceContext, _ report: inout Reporter) {
        for template in context.allTemplates {
            guard let dag = template.dag else { continue }
            guard let firstDepends = dag.tasks.first(where: { $0.depends != nil }) else { continue }
            let dependsTask = firstDepends.name?.value ?? "?"
            for task in dag.tasks {
                let name = task.name?.value ?? "?"
                if task.dependencies != nil, let keySpan = task.dependenciesKeySpan {
                    report.report(keySpan, "task \"\(name)\" uses dependencies, but this DAG also uses depends (task \"\(dependsTask)\"); Argo rejects mixing them in one DAG, write it as depends: \"\(rewrite(task))\"")
                }
                if let continueOn = task.call.node.pair("continueOn") {
                    report.report(continueOn.key.span, "task \"\(name)\" uses continueOn in a DAG that uses depends; Argo rejects this: express it in the dependent task's depends, e.g. \"\(name).Failed\" or \"\(name).Errored\"")
                }
            }
        }
    }

    private func rewrite(_ task: DAGTask) -> String {
        (task.dependencies ?? []).map(\.value).joined(separator: " && ")
    }
}
