import Testing
@testable import ArgoLint

/// parameter-value and artifact-source: the parts the parity fixtures do not pin down.
@Suite struct ValueSourceRuleTests {
    /// Argo's artifact path check, quirks included: the directory before the
    /// first `/../` (or before a final `/` and two characters) must strictly
    /// contain the cleaned path.
    @Test(arguments: [
        ("/tmp/a", nil), ("/tmp/ab", nil), ("/work/../../etc", "/work"), ("/tmp/a/..", "/tmp/a"),
        ("a/../b", "a"), ("/tmp/./", "/tmp"), ("/../etc", nil), ("/tmp/a/../b", "/tmp/a"),
        ("/tmp/{{inputs.parameters.d}}/../x", "/tmp/{{inputs.parameters.d}}"),
        ("/tmp/{{=sprig.trim('/a')}}/../x", nil),
    ] as [(String, String?)])
    func traversal(_ path: String, _ base: String?) {
        #expect(ArtifactSourceRule.traversalBase(path) == base, "\(path)")
    }

    @Test func cleaningFollowsGo() {
        let clean = { (path: String) in ArtifactSourceRule.cleanPath(Array(path.utf8)) }
        #expect(clean("") == ".")
        #expect(clean("/") == "/")
        #expect(clean("/a//b/./c/..") == "/a/b")
        #expect(clean("../../a") == "../../a")
        #expect(clean("/../a") == "/a")
        #expect(clean("a/..") == ".")
    }

    static let template = """
    apiVersion: argoproj.io/v1alpha1
    kind: WorkflowTemplate
    metadata: {name: shared}
    spec:
      arguments:
        parameters:
          - name: region
          - name: size
            enum: [s, m]
        artifacts:
          - name: data
      templates:
        - name: run
          outputs:
            parameters:
              - name: out
                globalName: "{{workflow.parameters.region}}"
                valueFrom: {path: /tmp/out}
          container: {image: alpine:3.20}
    """

    @Test func templateArgumentsMayLeaveValuesButNotArtifactsEmpty() {
        let found = lint(Self.template).filter { ["parameter-value", "artifact-source"].contains($0.rule) }
        // Values are supplied at submission; an artifact argument still needs a source.
        #expect(found.map(\.rule) == ["artifact-source"])
        #expect(found.first.map { "\($0.start.line):\($0.start.column)" } == "11:15")
    }
}
