import Foundation
import Testing
import ArgoLint
import ArgoSemantics

/// Inputs the fuzzers found (fixtures/fuzz/<target>), fed through what the
/// FuzzLint and FuzzFix targets do: every rule and output format, and
/// `fix --unsafe-fixes`, which must settle.
@Suite struct FuzzRegressionTests {
    static func inputs(_ targets: [String]) -> [(name: String, bytes: [UInt8])] {
        targets.flatMap { target -> [(name: String, bytes: [UInt8])] in
            let folder = Repo.path("fixtures/fuzz/\(target)")
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            return names.sorted().compactMap { name in
                FileManager.default.contents(atPath: folder + "/" + name).map { ("\(target)/\(name)", [UInt8]($0)) }
            }
        }
    }

    static func lintAndFix(_ bytes: [UInt8], dialect: Dialect) -> Fixer.Outcome {
        let input = LintInput(path: "fuzz.yaml", bytes: bytes)
        let linter = Linter(options: LintOptions(dialect: dialect))
        let result = LintResult(reports: linter.lint([input]))
        for format in [HumanFormatter(colour: false) as any OutputFormat, JSONFormatter(), GitHubFormatter(), SARIFFormatter(workingDirectory: "/")] {
            _ = format.render(result)
        }
        var fixer = Fixer(session: linter.session([input]), includeUnsafe: true)
        fixer.maxRounds = 50
        return fixer.fix(path: "fuzz.yaml", bytes: bytes)
    }

    @Test func fuzzInputsLintAndFixSettles() {
        let inputs = Self.inputs(["FuzzYAML", "FuzzLint", "FuzzFix"])
        #expect(!inputs.isEmpty)
        for input in inputs {
            for dialect in [Dialect.argo, .seed] {
                let outcome = Self.lintAndFix(input.bytes, dialect: dialect)
                let left = outcome.remaining.diagnostics.compactMap(\.fix)
                let (next, _) = FixApplier.apply(left, to: outcome.bytes)
                #expect(next == outcome.bytes, "\(input.name) (\(dialect)): fixes still change the text after fixing")
            }
        }
    }

    /// Empty block scalars where an expression or `depends` goes: the finding
    /// is placed through the scalar's source map, which used to trap on a
    /// block scalar without lines.
    @Test func emptyBlockScalarsInExpressionFields() {
        let head = "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  name: x\nspec:\n  entrypoint: a\n  templates:\n  - name: a\n"
        let cases: [(String, String)] = [
            (head + "    http:\n      url: https://x.example.com\n      successCondition: >\n", "expr-syntax@11"),
            (head + "    dag:\n      tasks:\n      - name: b\n        template: a\n        depends: |\n", "depends-syntax@13"),
        ]
        for (text, expected) in cases {
            let report = Linter().lint([LintInput(path: "t.yaml", bytes: Array(text.utf8))])[0]
            let found = report.diagnostics.map { "\($0.rule)@\(report.file.position(ofByte: $0.span.start).line)" }
            #expect(found.contains(expected), "\(found)")
        }
    }
}

extension FuzzRegressionTests {
    /// A URL with many tabs took one fix round per tab, more than fix runs
    /// (found by FuzzFix): every space and tab is now encoded in one fix.
    @Test func urlWhitespaceIsEncodedInOneRound() throws {
        let text = "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  name: x\nspec:\n  entrypoint: a\n  templates:\n  - name: a\n    http:\n      url: https://x.example.com/a b\t\t\tc/{{inputs.parameters.p}}\n"
        let input = LintInput(path: "t.yaml", bytes: Array(text.utf8))
        var fixer = Fixer(session: Linter().session([input]))
        fixer.maxRounds = 1
        let outcome = fixer.fix(path: "t.yaml", bytes: input.bytes)
        #expect(String(decoding: outcome.bytes, as: UTF8.self).contains("url: https://x.example.com/a%20b%09%09%09c/{{inputs.parameters.p}}\n"))
        #expect(!outcome.remaining.diagnostics.contains { $0.rule == "http-url" })
    }
}
