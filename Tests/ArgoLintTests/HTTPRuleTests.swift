import Testing
import YAMLTree
@testable import ArgoLint
import ArgoSemantics

/// The HTTP request checks, through the real pipeline.
@Suite struct HTTPRuleTests {
    static func workflow(_ http: String, dialect header: String = "") -> String {
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: http-}
        spec:
          entrypoint: main
          templates:
            - name: main
              http:
        \(http)

        """
    }

    func applyFixes(_ text: String) -> String {
        let report = Linter().lint([LintInput(path: "t.yaml", bytes: Array(text.utf8))])[0]
        return String(decoding: FixApplier.apply(report.diagnostics.compactMap(\.fix), to: Array(text.utf8)).bytes, as: UTF8.self)
    }

    @Test func methods() {
        #expect(summary(lint(Self.workflow("        url: https://x.io\n        method: GTE"))) == ["http-method@10:17"])
        #expect(applyFixes(Self.workflow("        url: https://x.io\n        method: GTE")).contains("method: GET\n"))
        let lower = lint(Self.workflow("        url: https://x.io\n        method: post"))
        #expect(lower.map(\.severity) == [.warning])
        #expect(applyFixes(Self.workflow("        url: https://x.io\n        method: post")).contains("method: POST\n"))
        #expect(summary(lint(Self.workflow("        url: https://x.io\n        method: \"GET /x\""))) == ["http-method@10:17"])
        #expect(lint(Self.workflow("        url: https://x.io\n        method: \"{{inputs.parameters.m}}\"")).allSatisfy { $0.rule != "http-method" })
    }

    @Test func urls() {
        #expect(summary(lint(Self.workflow("        url: example.com/api"))) == ["http-url@9:14"])
        #expect(applyFixes(Self.workflow("        url: example.com/api")).contains("url: https://example.com/api\n"))
        #expect(summary(lint(Self.workflow("        url: ftp://example.com/x"))) == ["http-url@9:14"])
        #expect(summary(lint(Self.workflow("        url: \"https://example.com/a b\""))) == ["http-url@9:36"])
        #expect(summary(lint(Self.workflow("        url: https://example.com:http/x"))) == ["http-url@9:34"])
        #expect(summary(lint(Self.workflow("        url: https:///x"))) == ["http-url@9:14"])
        // Tags may supply any part: no findings.
        for url in ["\"{{workflow.parameters.url}}\"", "\"https://{{workflow.parameters.host}}/x\"", "\"{{workflow.parameters.base}}/x?q=1\"",
                    "\"https://x.io:{{workflow.parameters.port}}/y\"", "http://localhost:8080/x"] {
            let text = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: http-}
            spec:
              entrypoint: main
              arguments: {parameters: [{name: url, value: x}, {name: host, value: x}, {name: base, value: x}, {name: port, value: "1"}]}
              templates:
                - name: main
                  http:
                    url: \(url)

            """
            #expect(lint(text).isEmpty, "\(url): \(lint(text).map(\.message))")
        }
    }

    @Test func methodSynonymsAndExtensionMethods() {
        #expect(applyFixes(Self.workflow("        url: https://x.io\n        method: FETCH")).contains("method: GET\n"))
        let purge = lint(Self.workflow("        url: https://x.io\n        method: PURGE"))
        #expect(summary(purge) == ["http-method@10:17"] && purge[0].severity == .warning)
        #expect(summary(lint(Self.workflow("        url: \"https://x.io/a%zz\""))) == ["http-url@9:29"])
        #expect(lint(Self.workflow("        url: \"https://x.io/a%20b?q=%2F\"")).isEmpty)
    }

    @Test func hostPortWithoutSchemeAndBlockScalarURLs() {
        let missing = lint(Self.workflow("        url: localhost:8080/api"))
        #expect(summary(missing) == ["http-url@9:14"])
        #expect(missing[0].message.contains("no scheme"))
        #expect(summary(lint(Self.workflow("        url: |\n          https://example.com/x"))) == ["http-url@10:32"])
        #expect(lint(Self.workflow("        url: |-\n          https://example.com/x")).isEmpty)
    }

    @Test func seedToJsonFixLeavesNoExpressionError() throws {
        let text = try String(contentsOfFile: Repo.path("fixtures/workflows/seed-http.yaml"), encoding: .utf8)
        let fixer = Fixer(session: LintSession(options: LintOptions(dialect: .seed), facts: []), includeUnsafe: true)
        let outcome = fixer.fix(path: "seed-http.yaml", bytes: Array(text.utf8))
        #expect(String(decoding: outcome.bytes, as: UTF8.self).contains("\"input_data\": {{=toJson(tasks['get-data'].outputs.result)}}"))
        #expect(outcome.remaining.diagnostics.map(\.rule).sorted() == ["http-insecure-credentials", "secret-hardcoded"])
    }

    @Test func timeoutsBodiesAndTLS() {
        #expect(summary(lint(Self.workflow("        url: https://x.io\n        timeoutSeconds: -5"))) == ["http-timeout@10:25"])
        let head = lint(Self.workflow("        url: https://x.io\n        method: HEAD\n        body: x"))
        #expect(summary(head) == ["http-body-method@11:9"] && head[0].severity == .warning)
        #expect(lint(Self.workflow("        url: https://x.io\n        method: POST\n        body: x")).isEmpty)
        #expect(summary(lint(Self.workflow("        url: https://x.io\n        insecureSkipVerify: true"))) == ["http-insecure-tls@10:29"])
    }

    @Test func jsonBodySyntaxInsideABlockScalar() {
        let text = Self.workflow("""
                url: https://x.io
                method: POST
                headers: [{name: Content-Type, value: application/json; charset=utf-8}]
                body: |
                  {
                    "id": "{{workflow.uid}}",
                    "n": {{=1 + 1}},
                    "é🚀": tru
                  }
        """)
        #expect(summary(lint(text)) == ["http-body-json@16:19"])
    }

    @Test func splicedResultGetsAToJsonFix() {
        let text = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: http-}
        spec:
          entrypoint: main
          templates:
            - name: main
              dag:
                tasks:
                  - {name: get-data, template: get}
                  - name: post
                    depends: get-data
                    template: post
                    arguments:
                      parameters: [{name: in, value: "{{tasks.get-data.outputs.parameters.out}}"}]
            - name: get
              outputs: {parameters: [{name: out, value: "x"}]}
              container: {image: alpine}
            - name: post
              inputs: {parameters: [{name: in}]}
              http:
                url: https://x.io
                method: POST
                headers: [{name: content-type, value: application/json}]
                body: |
                  {"in": "{{inputs.parameters.in}}", "wf": "{{workflow.name}}"}

        """
        let found = lint(text)
        #expect(summary(found) == ["http-body-json@26:19"])
        #expect(found[0].severity == .warning, "a parameter, not a result")
        #expect(applyFixes(text).contains("{\"in\": {{=toJson(inputs.parameters.in)}}, \"wf\": \"{{workflow.name}}\"}"))
    }

    @Test func exprPathsBracketHyphenatedNames() {
        #expect(HTTPBodyJSONRule.exprPath("tasks.get-data.outputs.result") == "tasks['get-data'].outputs.result")
        #expect(HTTPBodyJSONRule.exprPath("inputs.parameters.payload") == "inputs.parameters.payload")
    }
}
