import Testing
import YAMLTree
@testable import ArgoSchema

/// A Workflow whose templates are `templates` (indented as list items under `templates:`).
func workflow(_ templates: String) -> String {
    """
    apiVersion: argoproj.io/v1alpha1
    kind: Workflow
    metadata:
      generateName: t-
    spec:
      entrypoint: main
      templates:
    \(templates)
    """
}

@Suite struct UnknownFieldTests {
    @Test func misspeltDependenciesInADAGTask() throws {
        let (file, issues) = validate(workflow("""
          - name: main
            dag:
              tasks:
                - name: a
                  template: main
                - name: b
                  dependecies: [a]
                  template: main
        """))
        #expect(issues.count == 1)
        let d = try #require(issues.first)
        #expect(d.kind == .unknownField)
        #expect(d.severity == .error)
        #expect(d.message == #"unknown field "dependecies" in a DAG task; did you mean "dependencies"?"#)
        #expect(position(file, d.span.start) == "14:11")
        #expect(file.text(of: d.span) == "dependecies")
        let fix = try #require(d.fix)
        #expect(fix.edits == [TextEdit(span: d.span, newText: "dependencies")])
        #expect(apply(fix, to: file).contains("      dependencies: [a]\n"))
    }

    @Test func misspeltImageInAContainer() throws {
        let (file, issues) = validate(workflow("""
          - name: main
            container:
              imag: alpine
        """))
        let d = try #require(issues.first)
        #expect(issues.count == 1)
        #expect(d.message == #"unknown field "imag" in a container; did you mean "image"?"#)
        #expect(position(file, d.span.start) == "10:7")
        #expect(d.fix?.edits.first?.newText == "image")
        #expect(d.fix?.edits.first?.span == d.span)
    }

    @Test func caseOnlyDifferenceIsSuggested() throws {
        let (_, issues) = validate(workflow("""
          - name: main
            container:
              Image: alpine
        """))
        let d = try #require(issues.first)
        #expect(d.message == #"unknown field "Image" in a container; did you mean "image"?"#)
        #expect(d.fix != nil)
    }

    @Test func farKeyHasNoSuggestionAndNoFix() throws {
        let (_, issues) = validate(workflow("""
          - name: main
            xyzzy: 1
            suspend: {}
        """))
        let d = try #require(issues.first)
        #expect(issues.count == 1)
        #expect(d.message == #"unknown field "xyzzy" in a template"#)
        #expect(d.fix == nil)
    }

    @Test func tiedCandidatesAreListedWithoutAFix() throws {
        let (_, issues) = validate(workflow("""
          - name: main
            synchronization:
              mutexs: [{name: m}]
            suspend: {}
        """))
        let d = try #require(issues.first)
        #expect(d.message == #"unknown field "mutexs" in synchronization; did you mean "mutex" or "mutexes"?"#)
        #expect(d.fix == nil)
    }

    @Test func aFieldAlreadyPresentIsNotSuggested() throws {
        let (_, issues) = validate(workflow("""
          - name: main
            container:
              image: alpine
              imag: busybox
        """))
        let d = try #require(issues.first)
        #expect(d.kind == .unknownField)
        #expect(!d.message.contains("did you mean \"image\""))
    }

    @Test func mergeKeysAreNotUnknownFields() {
        let (_, issues) = validate(workflow("""
          - &base
            name: base
            container: {image: alpine}
          - <<: *base
            name: other
        """))
        #expect(issues.isEmpty, "\(issues.map(\.message))")
    }

    @Test func mergedKeysSatisfyRequiredFields() {
        let (_, issues) = validate(workflow("""
          - name: main
            http:
              <<: {url: "http://x"}
        """))
        #expect(issues.isEmpty, "\(issues.map(\.message))")
    }

    @Test func contentTypeUnderHTTPSuggestsAHeader() throws {
        let (file, issues) = validate(workflow("""
          - name: main
            http:
              url: http://example.com
              contentType: application/json
        """))
        let d = try #require(issues.first)
        #expect(d.kind == .unknownField)
        #expect(d.message.contains(#""Content-Type""#))
        let fix = try #require(d.fix)
        #expect(apply(fix, to: file).contains(#"headers: [{name: Content-Type, value: "application/json"}]"#))
        let fixed = SourceFile(path: "fixed.yaml", text: apply(fix, to: file))
        let root = try #require(YAMLParser.parse(fixed).documents.first?.root)
        #expect(SchemaValidator.validate(root, as: .workflow).isEmpty)
    }

    @Test func unknownTopLevelAndSpecFields() {
        let (_, issues) = validate("""
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {name: x, lables: {a: b}}
        spec:
          entrypoint: main
          templatess: []
        specc: {}
        """)
        #expect(issues.map(\.message) == [
            #"unknown field "lables" in resource metadata; did you mean "labels"?"#,
            #"unknown field "templatess" in a workflow spec; did you mean "templates"?"#,
            #"unknown field "specc" in a Workflow"#, // "spec" is already there
        ])
    }
}

@Suite struct TypeTests {
    @Test func quotedIntegerIsRejected() throws {
        let (file, issues) = validate(workflow("""
          - name: main
            parallelism: "3"
            steps: []
        """))
        let d = try #require(issues.first)
        #expect(issues.count == 1)
        #expect(d.kind == .wrongType)
        #expect(d.severity == .error)
        #expect(d.message == #""parallelism" in a template must be an integer, found a string ("3"); Kubernetes rejects a quoted value here"#)
        #expect(file.text(of: d.span) == #""3""#)
        #expect(position(file, d.span.start) == "9:18")
        #expect(d.fix?.edits == [TextEdit(span: d.span, newText: "3")])
    }

    @Test func mappingWhereAListIsExpected() throws {
        let (file, issues) = validate(workflow("""
          - name: main
            dag:
              tasks:
                - name: a
                  template: main
                  dependencies: {b: c}
        """))
        let d = try #require(issues.first)
        #expect(d.message == #""dependencies" in a DAG task must be a list, found a mapping"#)
        #expect(position(file, d.span.start) == "13:25")
    }

    @Test func listWhereAStringIsExpected() throws {
        let (_, issues) = validate(workflow("""
          - name: main
            dag:
              tasks:
                - name: a
                  template: [main]
        """))
        let d = try #require(issues.first)
        #expect(d.message == #""template" in a DAG task must be a string, found a list"#)
        #expect(d.severity == .error)
    }

    @Test func booleans() {
        let (_, issues) = validate(workflow("""
          - name: main
            daemon: "true"
            failFast: 1
            container: {image: a, tty: yes}
        """))
        #expect(issues.map(\.message) == [
            #""daemon" in a template must be a boolean, found a string ("true"); Kubernetes rejects a quoted value here"#,
            #""failFast" in a template must be a boolean, found an integer (1)"#,
        ])
        #expect(issues.first?.fix?.edits.first?.newText == "true")
    }

    @Test func stepsAreListsOfLists() throws {
        let (_, issues) = validate(workflow("""
          - name: main
            steps:
              - name: a
                template: main
        """))
        let d = try #require(issues.first)
        #expect(d.message == #"an item of "steps" in a template must be a list, found a mapping"#)
    }

    @Test func listItemsAndMapEntriesAreChecked() {
        let (_, issues) = validate(workflow("""
          - name: main
            metadata:
              labels: {app: [x]}
            container:
              image: alpine
              args: [{a: b}]
        """))
        #expect(issues.map(\.message) == [
            #"entry "app" of "labels" in pod metadata must be a string, found a list"#,
            #"an item of "args" in a container must be a string, found a mapping"#,
        ])
    }

    @Test func templateTagsAreAcceptedInTypedFields() {
        let (_, issues) = validate(workflow("""
          - name: main
            parallelism: "{{workflow.parameters.p}}"
            failFast: "{{=inputs.parameters.f}}"
            activeDeadlineSeconds: 10
            retryStrategy: {limit: "3", backoff: {factor: 2, duration: 1}}
            steps:
              - - name: a
                  template: main
                  withSequence: {start: "1", end: 5}
                  withItems: [1, {a: b}, [x]]
        """))
        #expect(issues.isEmpty, "\(issues.map(\.message))")
    }

    @Test func intOrStringRejectsBooleans() throws {
        let (_, issues) = validate(workflow("""
          - name: main
            retryStrategy: {limit: true}
            suspend: {}
        """))
        let d = try #require(issues.first)
        #expect(d.message == #""limit" in a retryStrategy must be an integer or a string, found a boolean (true)"#)
    }

    @Test func objectGivenAScalar() throws {
        let (_, issues) = validate(workflow("""
          - name: main
            http: http://example.com
        """))
        let d = try #require(issues.first)
        #expect(d.message == #""http" in a template must be a mapping, found a string (http://example.com)"#)
    }

    @Test func nullValuesAreAbsent() {
        let (_, issues) = validate(workflow("""
          - name: main
            inputs:
            parallelism:
            suspend: {}
        """))
        #expect(issues.isEmpty, "\(issues.map(\.message))")
    }
}

@Suite struct CoercionTests {
    func parameterValue(_ value: String) -> (SourceFile, [SchemaIssue]) {
        validate("""
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: t-}
        spec:
          arguments:
            parameters:
              - name: p
                value: \(value)
        """)
    }

    @Test func yesBecomesTrue() throws {
        let (file, issues) = parameterValue("yes")
        #expect(issues.count == 1)
        let d = try #require(issues.first)
        #expect(d.kind == .wrongType)
        #expect(d.severity == .warning)
        #expect(d.message == #""value" in a parameter is a string, but YAML reads yes as a boolean: Kubernetes stores "true"; quote the value to keep "yes""#)
        #expect(position(file, d.span.start) == "8:16")
        #expect(file.text(of: d.span) == "yes")
        let fix = try #require(d.fix)
        #expect(fix.edits == [TextEdit(span: d.span, newText: #""yes""#)])
        #expect(apply(fix, to: file).hasSuffix(#"value: "yes""#))
    }

    @Test func octalBecomesDecimal() throws {
        let (_, issues) = parameterValue("0755")
        let d = try #require(issues.first)
        #expect(d.message.contains(#"Kubernetes stores "493""#))
        #expect(d.message.contains("as an integer"))
    }

    @Test func trailingZeroFloatIsShortened() throws {
        let (_, issues) = parameterValue("1.10")
        let d = try #require(issues.first)
        #expect(d.message.contains(#"Kubernetes stores "1.1""#))
        #expect(d.fix?.edits.first?.newText == #""1.10""#)
    }

    @Test func canonicalScalarsAreSilent() {
        for value in ["3", "1.5", "true", "false", "-7", #""yes""#, "'0755'", "hello", "|\n          yes"] {
            let (_, issues) = parameterValue(value)
            #expect(issues.isEmpty, "value: \(value) → \(issues.map(\.message))")
        }
    }

    @Test func enumEntriesAndEnvValuesAreChecked() {
        let (_, issues) = validate(workflow("""
          - name: main
            inputs:
              parameters:
                - name: p
                  enum: [on, off, "no"]
            container:
              image: alpine
              env:
                - {name: A, value: 010}
        """))
        #expect(issues.map(\.severity) == [.warning, .warning, .warning])
        #expect(issues.map(\.message) == [
            #"an item of "enum" in a parameter is a string, but YAML reads on as a boolean: Kubernetes stores "true"; quote the value to keep "on""#,
            #"an item of "enum" in a parameter is a string, but YAML reads off as a boolean: Kubernetes stores "false"; quote the value to keep "off""#,
            #""value" in an environment variable is a string, but YAML reads 010 as an integer: Kubernetes stores "8"; quote the value to keep "010""#,
        ])
    }
}

@Suite struct RequiredTests {
    @Test func missingURLUnderHTTP() throws {
        let (file, issues) = validate(workflow("""
          - name: main
            http:
              method: GET
              successCondition: "response.statusCode == 200"
        """))
        #expect(issues.count == 1)
        let d = try #require(issues.first)
        #expect(d.kind == .missingRequired)
        #expect(d.severity == .error)
        #expect(d.message == #"missing required field "url" in an HTTP template"#)
        #expect(position(file, d.span.start) == "10:7")
        #expect(file.text(of: d.span) == "method")
    }

    @Test func emptyMappingPointsAtItsStart() throws {
        let (file, issues) = validate(workflow("""
          - name: main
            http: {}
        """))
        let d = try #require(issues.first)
        #expect(d.message == #"missing required field "url" in an HTTP template"#)
        #expect(position(file, d.span.start) == "9:11")
    }

    @Test func templateTaskStepParameterAndHeaderNames() {
        let (_, issues) = validate(workflow("""
          - container: {image: alpine}
          - name: main
            inputs:
              parameters: [{value: x}]
              artifacts: [{path: /tmp/x}]
            dag:
              tasks: [{template: main}]
          - name: s
            steps: [[{template: main}]]
          - name: h
            http:
              url: http://x
              headers:
                - value: x
                - name: Authorization
                  valueFrom: {secretKeyRef: {name: s}}
        """))
        #expect(issues.map(\.message) == [
            #"missing required field "name" in a template"#,
            #"missing required field "name" in a parameter"#,
            #"missing required field "name" in an artifact"#,
            #"missing required field "name" in a DAG task"#,
            #"missing required field "name" in a step"#,
            #"missing required field "name" in an HTTP header"#,
            #"missing required field "key" in a secretKeyRef"#,
        ])
        #expect(issues.allSatisfy { $0.kind == .missingRequired && $0.severity == .error })
    }

    @Test func emptyRequiredValue() throws {
        let (file, issues) = validate(workflow("""
          - name: main
            http:
              url:
        """))
        let d = try #require(issues.first)
        #expect(d.message == #"required field "url" in an HTTP template has no value"#)
        #expect(file.text(of: d.span) == "url")
    }

    @Test func templateRefNeedsNameAndTemplate() {
        let (_, issues) = validate(workflow("""
          - name: main
            steps:
              - - name: a
                  templateRef: {name: wt}
        """))
        #expect(issues.map(\.message) == [#"missing required field "template" in a templateRef"#])
    }

    @Test func entrypointAndMetadataAreNotRequired() {
        let (_, issues) = validate("""
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        spec:
          templates: [{name: main, suspend: {}}]
        """)
        #expect(issues.isEmpty, "\(issues.map(\.message))")
    }

    @Test func inlineTemplatesAndDefaultsHaveNoName() {
        let (_, issues) = validate("""
        apiVersion: argoproj.io/v1alpha1
        kind: WorkflowTemplate
        metadata: {name: t}
        spec:
          templateDefaults: {timeout: 10s}
          templates:
            - name: main
              dag:
                tasks:
                  - name: a
                    inline: {container: {image: alpine}}
        """, as: .workflowTemplate)
        #expect(issues.isEmpty, "\(issues.map(\.message))")
    }

    @Test func cronWorkflowSchedules() {
        let base = """
        apiVersion: argoproj.io/v1alpha1
        kind: CronWorkflow
        metadata: {name: c}
        spec:
          workflowSpec: {entrypoint: main, templates: [{name: main, suspend: {}}]}

        """
        #expect(validate(base + "  schedules: ['* * * * *']", as: .cronWorkflow).1.isEmpty)
        #expect(validate(base + "  schedule: '* * * * *'", as: .cronWorkflow).1.isEmpty)
        #expect(validate(base, as: .cronWorkflow).1.map(\.message) == [#"missing required field "schedules" in a CronWorkflow spec (or "schedule")"#])
    }
}

@Suite struct APITests {
    @Test func objectIDsOfArgoKinds() {
        let v = "argoproj.io/v1alpha1"
        #expect(ArgoSchema.objectID(apiVersion: v, kind: "Workflow") == .workflow)
        #expect(ArgoSchema.objectID(apiVersion: v, kind: "WorkflowTemplate") == .workflowTemplate)
        #expect(ArgoSchema.objectID(apiVersion: v, kind: "ClusterWorkflowTemplate") == .clusterWorkflowTemplate)
        #expect(ArgoSchema.objectID(apiVersion: v, kind: "CronWorkflow") == .cronWorkflow)
        #expect(ArgoSchema.objectID(apiVersion: v, kind: "WorkflowEventBinding") == nil)
        #expect(ArgoSchema.objectID(apiVersion: "v1", kind: "Secret") == nil)
        #expect(ArgoSchema.objectID(apiVersion: "v1", kind: "Workflow") == nil)
        #expect(ArgoSchema.objectID(apiVersion: nil, kind: "Workflow") == nil)
        #expect(ArgoSchema.objectID(apiVersion: v, kind: nil) == nil)
    }

    @Test func everyObjectIsDefined() {
        #expect(ArgoSchema.objects.count == ObjectID.allCases.count)
        #expect(ArgoSchema.spec(.dagTask).displayName == "a DAG task")
        #expect(ArgoSchema.spec(.http).field("url")?.isRequired == true)
    }

    @Test func nonMappingRootIsATypeError() throws {
        let (_, issues) = validate("- a\n- b\n")
        let d = try #require(issues.first)
        #expect(d.kind == .wrongType)
        #expect(d.message == "a Workflow must be a mapping, found a list")
    }

    @Test func damerauLevenshtein() {
        #expect(FieldSuggestions.distance("dependecies", "dependencies") == 1)
        #expect(FieldSuggestions.distance("tempalte", "template") == 1)
        #expect(FieldSuggestions.distance("", "abc") == 3)
        #expect(FieldSuggestions.distance("kitten", "sitting") == 3)
        #expect(FieldSuggestions.closest(to: "tempalte", among: ["template", "templateRef"]) == ["template"])
        #expect(FieldSuggestions.closest(to: "zz", among: ["name", "template"]) == [])
        #expect(FieldSuggestions.closest(to: "URL", among: ["url", "body"]) == ["url"])
    }
}

@Suite struct SuggestionFitTests {
    @Test func prefixSuggestionWithoutAFixWhenTheShapeDiffers() throws {
        let (_, issues) = validate(workflow("""
          - name: main
            dag:
              tasks:
                - name: a
                  template: main
                  continueOnFail: true
        """))
        let d = try #require(issues.first)
        #expect(d.message == #"unknown field "continueOnFail" in a DAG task; did you mean "continueOn"?"#)
        // `continueOn` takes a mapping: renaming would only trade one error for another.
        #expect(d.fix == nil)
    }

    @Test func prefixMatches() {
        #expect(FieldSuggestions.closest(to: "continueOnFail", among: ["continueOn", "when"]) == ["continueOn"])
        #expect(FieldSuggestions.closest(to: "temp", among: ["template"]) == [])
    }
}
