import YAMLTree
import ArgoModel

/// The dialect of HTTP templates and expressions (see DESIGN.md, Dialects).
public enum Dialect: String, Sendable, CaseIterable {
    case argo, seed
}

/// What one Argo resource means, computed once and shared by the linter and
/// the runner: its templates (inline ones included), which template each call
/// runs, and the dependency graph of each DAG.
public final class WorkflowSemantics: Sendable {
    public let resource: ArgoResource
    public let workspace: Workspace
    public let dialect: Dialect
    /// `spec.templates` followed by every template written inline in a task or step.
    public let allTemplates: [Template]
    /// The templates `template:` names resolve against: the resource's own,
    /// or for a `workflowTemplateRef` Workflow, the referenced template's too.
    public let localTemplates: [Template]
    /// The dependency graph of each DAG in `allTemplates` (nil for other templates), built once.
    public let dependencyGraphs: [DAGDependencies?]

    public init(resource: ArgoResource, workspace: Workspace, dialect: Dialect) {
        self.resource = resource
        self.workspace = workspace
        self.dialect = dialect
        allTemplates = resource.spec.templates + InlineTemplates.all(in: resource.spec)
        var local = resource.spec.templates
        if let ref = resource.spec.workflowTemplateRef, let name = ref.name?.value,
           let target = workspace.workflowTemplate(named: name, clusterScope: ref.clusterScope) {
            local += target.resource.spec.templates
        }
        localTemplates = local
        dependencyGraphs = allTemplates.map { $0.dag.map(DAGDependencies.init(dag:)) }
    }

    public var spec: WorkflowSpec { resource.spec }

    /// Each DAG template with its dependency graph.
    public var dags: [(template: Template, dag: DAGTemplate, graph: DAGDependencies)] {
        zip(allTemplates, dependencyGraphs).compactMap { template, graph in
            guard let dag = template.dag, let graph else { return nil }
            return (template, dag, graph)
        }
    }

    /// The dependency graph of one DAG template of this resource.
    public func graph(of template: Template) -> DAGDependencies? {
        guard let index = allTemplates.firstIndex(where: { $0 === template }) else {
            return template.dag.map(DAGDependencies.init(dag:))
        }
        return dependencyGraphs[index]
    }

    /// A template of this resource (or of the WorkflowTemplate it refers to) by name.
    public func template(named name: String) -> Template? {
        localTemplates.first { $0.name?.value == name }
    }

    /// The template a task, step or hook runs: inline, by name, or through a
    /// templateRef into a WorkflowTemplate of the project.
    public func calledTemplate(_ call: TemplateCall) -> Template? {
        if let inline = call.inline { return inline }
        if let name = call.template?.value { return template(named: name) }
        if let ref = call.templateRef { return referencedTemplate(ref) }
        return nil
    }

    public func referencedTemplate(_ ref: TemplateRef) -> Template? {
        guard let name = ref.name?.value, let template = ref.template?.value,
              let target = workspace.workflowTemplate(named: name, clusterScope: ref.clusterScope) else { return nil }
        return target.resource.spec.template(named: template)
    }

    /// DAG tasks (with their DAG template) that call `template` by name.
    public func callingTasks(of template: Template) -> [(Template, DAGTask)] {
        guard let name = template.name?.value else { return [] }
        var result: [(Template, DAGTask)] = []
        for (dagTemplate, dag, _) in dags {
            for task in dag.tasks where task.call.template?.value == name { result.append((dagTemplate, task)) }
        }
        return result
    }
}

/// Templates written inline in DAG tasks and steps (`inline:`), recursively.
public enum InlineTemplates {
    public static func all(in spec: WorkflowSpec) -> [Template] {
        var found: [Template] = []
        var queue = spec.templates
        while let template = queue.popLast() {
            var calls: [TemplateCall] = template.dag?.tasks.map(\.call) ?? []
            calls += template.steps?.flatMap { $0.map(\.call) } ?? []
            for call in calls {
                if let inline = call.inline {
                    found.append(inline)
                    queue.append(inline)
                }
            }
        }
        return found
    }
}
