import Foundation
import Testing
@testable import ArgoLSP

@Suite struct WorkspaceTests {
    static let template = """
    apiVersion: argoproj.io/v1alpha1
    kind: WorkflowTemplate
    metadata: {name: tools}
    spec:
      templates:
        - name: gen
          container: {image: alpine}

    """

    static let workflow = """
    apiVersion: argoproj.io/v1alpha1
    kind: Workflow
    metadata: {generateName: uses-}
    spec:
      entrypoint: main
      templates:
        - name: main
          steps:
            - - name: t
                templateRef: {name: tools, template: gen}

    """

    func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "argolint-lsp-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func codes(_ client: TestClient, _ uri: String) -> [String] {
        client.diagnostics(uri)?.compactMap { $0["code"]?.stringValue } ?? []
    }

    @Test func templatesOnDiskResolveAndChangesAreWatched() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let templatePath = root + "/templates/tools.yaml"
        try FileManager.default.createDirectory(atPath: root + "/templates", withIntermediateDirectories: true)
        try Self.template.write(toFile: templatePath, atomically: true, encoding: .utf8)
        let client = TestClient()
        _ = client.initialize(["workspace": ["didChangeWatchedFiles": ["dynamicRegistration": true]]], rootUri: .string(FileURI.uri(of: root)))
        #expect(client.sink.messages.contains { $0["method"] == "client/registerCapability" })
        let uri = FileURI.uri(of: root + "/wf.yaml")
        client.open(uri, Self.workflow)
        #expect(codes(client, uri) == [])

        // The template is renamed on disk: the reference no longer resolves.
        try Self.template.replacingOccurrences(of: "name: gen", with: "name: other").write(toFile: templatePath, atomically: true, encoding: .utf8)
        client.notify("workspace/didChangeWatchedFiles", ["changes": [["uri": .string(FileURI.uri(of: templatePath)), "type": 2]]])
        #expect(codes(client, uri) == ["undefined-template"])

        // Restored, then deleted.
        try Self.template.write(toFile: templatePath, atomically: true, encoding: .utf8)
        client.notify("workspace/didChangeWatchedFiles", ["changes": [["uri": .string(FileURI.uri(of: templatePath)), "type": 2]]])
        #expect(codes(client, uri) == [])
        try FileManager.default.removeItem(atPath: templatePath)
        client.notify("workspace/didChangeWatchedFiles", ["changes": [["uri": .string(FileURI.uri(of: templatePath)), "type": 3]]])
        #expect(codes(client, uri) == ["undefined-template"])
    }

    @Test func anOpenTemplatesUnsavedTextWinsAndClosingRestoresTheDisk() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Self.template.write(toFile: root + "/tools.yaml", atomically: true, encoding: .utf8)
        let client = TestClient()
        _ = client.initialize(rootUri: .string(FileURI.uri(of: root)))
        let workflowURI = FileURI.uri(of: root + "/wf.yaml")
        let templateURI = FileURI.uri(of: root + "/tools.yaml")
        client.open(workflowURI, Self.workflow)
        #expect(codes(client, workflowURI) == [])
        client.open(templateURI, Self.template.replacingOccurrences(of: "name: gen", with: "name: renamed"))
        #expect(codes(client, workflowURI) == ["undefined-template"])
        client.notify("textDocument/didClose", ["textDocument": ["uri": .string(templateURI)]])
        #expect(codes(client, workflowURI) == [])
    }

    @Test func theNearestConfigurationSetsSeverities() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try "rules:\n  undefined-template: warning\n".write(toFile: root + "/.argolint.yaml", atomically: true, encoding: .utf8)
        let client = TestClient()
        _ = client.initialize(rootUri: .string(FileURI.uri(of: root)))
        let uri = FileURI.uri(of: root + "/wf.yaml")
        client.open(uri, Self.workflow)
        #expect(client.diagnostics(uri)?.first?["severity"] == 2)
        try "rules:\n  undefined-template: off\n".write(toFile: root + "/.argolint.yaml", atomically: true, encoding: .utf8)
        client.notify("workspace/didChangeWatchedFiles", ["changes": [["uri": .string(FileURI.uri(of: root + "/.argolint.yaml")), "type": 2]]])
        #expect(client.diagnostics(uri) == [])
    }

    @Test func theIndexStopsAtItsLimits() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        for index in 0..<5 {
            try Self.template.replacingOccurrences(of: "tools", with: "tools\(index)").write(toFile: root + "/t\(index).yaml", atomically: true, encoding: .utf8)
        }
        try "kind: WorkflowTemplate\n".write(toFile: root + "/.hidden.yaml", atomically: true, encoding: .utf8)
        var scanner = WorkspaceScanner()
        #expect(scanner.scan(roots: [root]).facts.count == 5)
        scanner.maxFiles = 3
        let limited = scanner.scan(roots: [root])
        #expect(limited.facts.count == 3)
        #expect(limited.truncated)
        scanner = WorkspaceScanner()
        scanner.maxBytes = Self.template.utf8.count * 2 + 10
        #expect(scanner.scan(roots: [root]).facts.count == 2)
    }
}
