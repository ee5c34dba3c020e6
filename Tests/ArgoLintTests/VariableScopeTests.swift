import Testing
import YAMLTree
import ArgoModel
import ArgoSemantics
import ExprLang

/// The two views of `VariableScope` — the names in scope (`variableNames`,
/// `baseVariables`, `nodeRoots`) and the simple-tag check (`resolve`) — come
/// from one description, so they must agree at every site.
@Suite struct VariableScopeTests {
    static let workflow = """
    apiVersion: argoproj.io/v1alpha1
    kind: Workflow
    metadata:
      generateName: scope-
      labels: {team: a}
      annotations: {note: b}
    spec:
      entrypoint: main
      onExit: leaf
      priority: 2
      arguments:
        parameters: [{name: p}, {name: q}]
      templates:
      - name: main
        dag:
          tasks:
          - name: fan
            template: sub
          - name: work
            template: leaf
            depends: fan
            withItems: [a, b]
      - name: sub
        steps:
        - - name: first
            template: leaf
            withItems: [{k: 1}]
        - - name: second
            template: leaf
      - name: leaf
        retryStrategy: {limit: 1}
        inputs:
          parameters: [{name: x}]
          artifacts: [{name: data, path: /tmp/data}]
        outputs:
          parameters: [{name: out, globalName: shared, valueFrom: {path: /tmp/out}}]
        container: {image: alpine}
    """

    static func scope() throws -> VariableScope {
        let parsed = YAMLParser.parse(SourceFile(path: "scope.yaml", text: workflow))
        let document = try #require(parsed.documents.first)
        let resource = try #require({ () -> ArgoResource? in
            if case .argo(let resource) = Manifest.decode(document) { return resource }
            return nil
        }())
        let semantics = WorkflowSemantics(resource: resource, workspace: Workspace(resources: [], secrets: []), dialect: .argo)
        return VariableScope(semantics: semantics)
    }

    /// One site of each kind: the spec, every template body, every task and step.
    static func sites(_ scope: VariableScope) -> [ReferenceSite] {
        var sites: [ReferenceSite] = [.spec]
        for template in scope.semantics.allTemplates {
            sites += [.templateBody(template), .templateOutputs(template)]
            for task in template.dag?.tasks ?? [] { sites.append(.task(template, task)) }
            for step in (template.steps ?? []).joined() { sites.append(.step(template, step)) }
        }
        return sites
    }

    @Test func everyNameInScopeResolves() throws {
        let scope = try Self.scope()
        for site in Self.sites(scope) {
            let (names, _) = scope.variableNames(at: site)
            #expect(Set(names).count == names.count, "\(site.ownerDescription) lists a name twice")
            for name in names {
                #expect(scope.resolve(name, at: site) == nil, "\(name) is listed at \(site.ownerDescription) but does not resolve: \(scope.resolve(name, at: site)?.message ?? "")")
            }
        }
    }

    @Test func namesFollowTheConditions() throws {
        let scope = try Self.scope()
        let leaf = try #require(scope.semantics.allTemplates.first { $0.name?.value == "leaf" })
        let (names, open) = scope.variableNames(at: .templateBody(leaf))
        for expected in ["workflow.failures", "workflow.priority", "workflow.parameters.p", "workflow.parameters.json",
                         "workflow.labels.team", "workflow.annotations.note", "workflow.outputs.parameters.shared",
                         "inputs.parameters.x", "inputs.artifacts.data.path", "retries", "lastRetry.status", "pod.name"] {
            #expect(names.contains(expected), "missing \(expected)")
        }
        #expect(!names.contains("item"))
        #expect(Set(open).isSuperset(of: ["outputs", "node", "cronworkflow", "workflow.creationTimestamp", "workflow.duration"]))

        let main = try #require(scope.semantics.allTemplates.first { $0.name?.value == "main" })
        let work = try #require(main.dag?.task(named: "work"))
        #expect(scope.variableNames(at: .task(main, work)).names.contains("item"))
        #expect(!scope.variableNames(at: .task(main, work)).names.contains("pod.name"), "a DAG template runs no pod")
    }

    @Test func baseVariablesAreTheNamesInScope() throws {
        let scope = try Self.scope()
        for site in Self.sites(scope) {
            let (names, open) = scope.variableNames(at: site)
            let base = scope.baseVariables(at: site)
            #expect(Set(base.variables.keys) == Set(names))
            #expect(base.variables.values.allSatisfy { $0 == .string })
            #expect(base.openPrefixes == open)
        }
    }

    /// `exitCode` and `outputs.result` exist only for templates that produce a result:
    /// the simple-tag check and the `{{= }}` record say so alike.
    @Test func resultFieldsFollowTheCalledTemplate() throws {
        let scope = try Self.scope()
        let main = try #require(scope.semantics.allTemplates.first { $0.name?.value == "main" })
        let work = try #require(main.dag?.task(named: "work"))
        let site = ReferenceSite.task(main, work)

        #expect(scope.resolve("tasks.fan.exitCode", at: site)?.message == "task \"fan\" runs a steps template, which has no exitCode")
        #expect(scope.resolve("tasks.fan.outputs.result", at: site)?.message == "task \"fan\" runs a steps template, which has no outputs.result")
        #expect(scope.resolve("tasks.fan.status", at: site) == nil)

        guard case .record(let tasks)? = scope.nodeRoots(at: site, mentioning: "tasks.fan.status").values.first,
              case .record(let fan)? = tasks.fields["fan"],
              case .record(let outputs)? = fan.fields["outputs"] else {
            Issue.record("no record for task fan")
            return
        }
        #expect(fan.fields["status"] != nil)
        #expect(fan.fields["exitCode"] == nil)
        #expect(outputs.fields["result"] == nil)
    }
}
