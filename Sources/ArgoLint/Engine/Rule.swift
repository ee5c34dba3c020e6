import Foundation
import YAMLTree
import ArgoModel

/// What every rule declares about itself. Its Markdown doc is `rules/<id>.md`.
public struct RuleInfo: Sendable, Hashable {
    public var id: String
    public var defaultSeverity: Severity
    public var summary: String

    public init(id: String, defaultSeverity: Severity, summary: String) {
        self.id = id
        self.defaultSeverity = defaultSeverity
        self.summary = summary
    }
}

/// A rule checks one Argo resource at a time. Rules whose findings come from
/// an earlier stage (the YAML parser, the schema validator) declare themselves
/// with `checksResources == false` and an empty `check`.
public protocol Rule: Sendable {
    var info: RuleInfo { get }
    func check(_ context: ResourceContext, _ report: inout Reporter)
}

/// Collects one rule's findings, filling in its id and default severity.
public struct Reporter {
    public let info: RuleInfo
    public private(set) var diagnostics: [Diagnostic] = []

    public init(info: RuleInfo) {
        self.info = info
    }

    public mutating func report(_ span: SourceSpan, _ message: String, severity: Severity? = nil, fix: Fix? = nil, related: [RelatedLocation] = []) {
        diagnostics.append(Diagnostic(rule: info.id, severity: severity ?? info.defaultSeverity, message: message, span: span, fix: fix, related: related))
    }
}

/// The dialect of HTTP templates and expressions (see DESIGN.md, Dialects).
public enum Dialect: String, Sendable, CaseIterable {
    case argo, seed
}

/// Everything a rule may look at while checking one resource, with the facts
/// several rules need computed once.
public final class ResourceContext: Sendable {
    public let file: SourceFile
    public let resource: ArgoResource
    public let workspace: Workspace
    public let dialect: Dialect
    /// `spec.templates` followed by every template written inline in a task or step.
    public let allTemplates: [Template]
    /// The templates `template:` names resolve against: the resource's own,
    /// or for a `workflowTemplateRef` Workflow, the referenced template's too.
    public let localTemplates: [Template]
    /// The dependency graph of each DAG in `allTemplates` (nil for other templates), built once.
    let dependencyGraphs: [DAGDependencies?]
    private let expressionCache = LazyValue<[Diagnostic]>()

    /// Findings of the reference and expression checks, computed on first use
    /// and shared by the four rules that report them.
    var expressionFindings: [Diagnostic] {
        expressionCache.value { ExpressionAnalysis(self).findings }
    }

    public init(file: SourceFile, resource: ArgoResource, workspace: Workspace, dialect: Dialect) {
        self.file = file
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

    /// Each DAG template with its dependency graph.
    var dags: [(template: Template, dag: DAGTemplate, graph: DAGDependencies)] {
        zip(allTemplates, dependencyGraphs).compactMap { template, graph in
            guard let dag = template.dag, let graph else { return nil }
            return (template, dag, graph)
        }
    }

    public var spec: WorkflowSpec { resource.spec }
}

/// A value computed once, on first use, by whichever thread asks first.
final class LazyValue<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value?

    func value(_ make: () -> Value) -> Value {
        lock.lock()
        defer { lock.unlock() }
        if let stored { return stored }
        let made = make()
        stored = made
        return made
    }
}
