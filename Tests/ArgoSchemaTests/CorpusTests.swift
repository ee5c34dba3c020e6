import Foundation
import Testing
import YAMLTree
@testable import ArgoSchema

@Suite struct CorpusTests {
    /// Upstream's examples are valid Argo: the schema must not report an error on any of them.
    @Test func upstreamExamplesHaveNoSchemaErrors() throws {
        guard let folder = sharedFile("corpus/argo-examples") else { return }
        var paths: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let relative = enumerator?.nextObject() as? String {
            if relative.hasSuffix(".yaml") || relative.hasSuffix(".yml") { paths.append(relative) }
        }
        paths.sort()
        #expect(paths.count > 100, "expected the upstream examples under \(folder.path)")
        var checked = 0
        var errors: [String] = []
        var warnings: [String] = []
        for relative in paths {
            let data = try Data(contentsOf: folder.appendingPathComponent(relative))
            let file = SourceFile(path: relative, bytes: [UInt8](data))
            for document in YAMLParser.parse(file).documents {
                let root = document.root
                guard let id = ArgoSchema.objectID(apiVersion: root["apiVersion"]?.stringValue, kind: root["kind"]?.stringValue) else { continue }
                checked += 1
                for issue in SchemaValidator.validate(root, as: id) {
                    let line = "\(relative):\(position(file, issue.span.start)): \(issue.severity) [\(issue.kind)] \(issue.message)"
                    if issue.severity == .error { errors.append(line) } else { warnings.append(line) }
                }
            }
        }
        print("checked \(checked) Argo documents in \(paths.count) files: \(errors.count) errors, \(warnings.count) warnings")
        for line in errors { print(line) }
        for line in warnings { print(line) }
        #expect(checked > 200, "expected more Argo documents than \(checked)")
        #expect(errors.isEmpty, "schema errors on valid upstream examples:\n\(errors.joined(separator: "\n"))")
    }
}
