import Foundation
import Testing
@testable import ArgoLint
import ArgoSemantics

/// The upstream examples run on real clusters: any error there is a false
/// positive, except the duplicate key their README lists.
@Suite struct CorpusTests {
    @Test func upstreamExamplesHaveOnlyTheKnownDefect() throws {
        let folder = Repo.shared + "/corpus/argo-examples"
        let files = Project.yamlFiles(under: folder)
        try #require(files.count > 200, "../shared/corpus/argo-examples is missing (set ARGOLINT_SHARED)")
        let inputs = try files.map { path in
            LintInput(path: String(path.dropFirst(folder.count + 1)), bytes: [UInt8](try #require(FileManager.default.contents(atPath: path))))
        }
        let reports = Linter().lint(inputs).resolved()
        let errors = reports.filter { $0.severity == .error }
        #expect(errors.map { "\($0.path):\($0.start.line):\($0.start.column) \($0.rule)" } == ["k8s-patch-json-workflow.yaml:13:3 yaml-duplicate-key"],
                "\(errors.map { "\($0.path):\($0.start.line):\($0.start.column) \($0.rule): \($0.message)" })")
    }
}
