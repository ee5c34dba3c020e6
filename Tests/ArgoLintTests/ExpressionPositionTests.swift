import Testing
@testable import ArgoLint
import ArgoSemantics

/// Findings inside expressions point at the exact character in the file,
/// through every scalar style — actionlint's weak spot, and ours to get right.
@Suite struct ExpressionPositionTests {
    static func workflow(_ successCondition: String) -> String {
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: pos-}
        spec:
          entrypoint: main
          templates:
            - name: main
              http:
                url: https://example.com
                successCondition: \(successCondition)

        """
    }

    @Test func literalBlockScalar() {
        let found = lint(Self.workflow("|\n          response.statusCode == 200 &&\n            respons.body contains \"ok\""))
        #expect(summary(found) == ["expr-unknown-name@12:13"])
    }

    @Test func foldedBlockScalarWithMultiByteText() {
        let found = lint(Self.workflow(">-\n          \"é🚀\" != \"\" &&\n          response.statusCode == \"200\""))
        #expect(summary(found) == ["expr-type@12:11"])
    }

    @Test func doubleQuotedWithEscapes() {
        // `\u00e9` is six characters in the file but one in the value.
        let found = lint(Self.workflow("\"response.body contains \\\"\\u00e9\\\" && status_code == 200\""))
        #expect(summary(found) == ["expr-unknown-name@10:65"])
        #expect(found[0].end.column == 76)
    }

    @Test func singleQuotedWithDoubledQuote() {
        let found = lint(Self.workflow("'response.body contains ''it'' && len(5) > 0'"))
        #expect(summary(found) == ["expr-type@10:61"])
    }

    @Test func expressionTagInsideABlockScalarBody() {
        let text = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: pos-}
        spec:
          entrypoint: main
          arguments:
            parameters: [{name: count, value: "3"}]
          templates:
            - name: main
              script:
                image: python:3.12
                source: |
                  # 🚀 multi-byte text before the tag
                  print({{=asInt(workflow.parameters.count) + nope}})

        """
        #expect(summary(lint(text)) == ["expr-unknown-name@14:55"])
    }

    @Test func whenConditionInDoubleQuotes() {
        let text = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: pos-}
        spec:
          entrypoint: main
          templates:
            - name: main
              steps:
                - - name: a
                    template: leaf
                - - name: b
                    template: leaf
                    when: "{{steps.a.outputs.result}} == \\"é\\" or true"
            - name: leaf
              container: {image: alpine}

        """
        #expect(summary(lint(text)) == ["expr-syntax@13:56"])
    }
}
