import Foundation
import YAMLTree
import ArgoModel
import ArgoSemantics

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

/// Everything a rule may look at while checking one resource: the file, and
/// the resource's semantics (shared with the runner), with the facts several
/// rules need computed once.
public final class ResourceContext: Sendable {
    public let file: SourceFile
    public let semantics: WorkflowSemantics
    private let expressionCache = LazyValue<[Diagnostic]>()

    /// Findings of the reference and expression checks, computed on first use
    /// and shared by the four rules that report them.
    var expressionFindings: [Diagnostic] {
        expressionCache.value { ExpressionAnalysis(self).findings }
    }

    public init(file: SourceFile, resource: ArgoResource, workspace: Workspace, dialect: Dialect) {
        self.file = file
        semantics = WorkflowSemantics(resource: resource, workspace: workspace, dialect: dialect)
    }

    public var resource: ArgoResource { semantics.resource }
    public var workspace: Workspace { semantics.workspace }
    public var dialect: Dialect { semantics.dialect }
    public var allTemplates: [Template] { semantics.allTemplates }
    public var localTemplates: [Template] { semantics.localTemplates }
    public var spec: WorkflowSpec { resource.spec }
    var dags: [(template: Template, dag: DAGTemplate, graph: DAGDependencies)] { semantics.dags }
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

/// The WorkflowTemplates parsed again most recently, so the several rules that
/// follow one reference while a document is checked parse its target once.
/// Bounded, so a run over many templates keeps a few trees, not all of them.
final class TemplateCache: @unchecked Sendable {
    private let lock = NSLock()
    private var nextKey = 0
    private var recent: [(key: Int, value: LocatedResource?)] = []
    static let capacity = 16

    func newKey() -> Int {
        lock.lock()
        defer { lock.unlock() }
        nextKey += 1
        return nextKey
    }

    func value(_ key: Int, _ make: () -> LocatedResource?) -> LocatedResource? {
        lock.lock()
        if let index = recent.lastIndex(where: { $0.key == key }) {
            let hit = recent[index]
            if index != recent.count - 1 {
                recent.remove(at: index)
                recent.append(hit)
            }
            lock.unlock()
            return hit.value
        }
        lock.unlock()
        let made = make()
        lock.lock()
        defer { lock.unlock() }
        if !recent.contains(where: { $0.key == key }) {
            recent.append((key, made))
            if recent.count > Self.capacity { recent.removeFirst() }
        }
        return made
    }
}
