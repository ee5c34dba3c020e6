import Foundation
import Testing
@testable import ArgoLint

/// `lint --format github`: workflow commands with the toolkit's escaping
/// (docs/integrations.md §c): `%`, CR and LF in the message; also `:` and `,`
/// in property values.
@Suite(.serialized) struct GitHubOutputTests {
    static let workflow = """
    apiVersion: argoproj.io/v1alpha1
    kind: Workflow
    metadata:
      generateName: gh-
      labels: {a: b}
      labels: {c: d}
    spec:
      entrypoint: main
      templates:
        - name: main
          http:
            url: "https://example.com/100%zz"
            timeoutSeconds: 5
            insecureSkipVerify: true

    """

    @Test func propertiesAndMessagesAreEscaped() throws {
        let dir = try temporaryDirectory()
        let name = "we%ird,na:me.yaml"
        try Self.workflow.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
        let result = try runCLI(["lint", "--format", "github", name], cwd: dir)
        #expect(result.code == 1)
        let lines = result.out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == 4 && lines.last == "", "\(lines)")
        let file = "file=we%25ird%2Cna%3Ame.yaml"
        // The related location follows the message on its own (escaped) line; `:` stays as is in a message.
        #expect(lines[0] == "::error \(file),line=6,col=3,endLine=6,endColumn=9,title=argolint (yaml-duplicate-key)::key \"labels\" is already defined at line 5 column 3; Kubernetes keeps only the last one, so the earlier value is silently dropped%0Awe%25ird,na:me.yaml:5:3: note: first definition of \"labels\"")
        #expect(lines[1] == "::error \(file),line=12,col=38,endLine=12,endColumn=41,title=argolint (http-url)::\"%25\" must start a two-digit hex escape such as %2520; Go's URL parser rejects this URL (write %2525 for a literal %25)")
        // Warnings are ::warning; the title names the rule.
        #expect(lines[2].hasPrefix("::warning \(file),line=14,"))
        #expect(lines[2].contains(",title=argolint (http-insecure-tls)::"))
    }

    @Test func infosAreNotices() throws {
        let dir = try temporaryDirectory()
        try "rules:\n  undefined-template: info\n".write(toFile: dir + "/.argolint.yaml", atomically: true, encoding: .utf8)
        try CLITests.broken.write(toFile: dir + "/bad.yaml", atomically: true, encoding: .utf8)
        let result = try runCLI(["lint", "--format", "github", "bad.yaml"], cwd: dir)
        #expect(result.code == 0)
        #expect(result.out.hasPrefix("::notice file=bad.yaml,line=11,col=23,endLine=11,endColumn=27,title=argolint (undefined-template)::"))
    }

    @Test func escapingWorksOnScalarsNotGraphemes() {
        // "\r\n" is a single Character: escaping must still see both scalars.
        #expect(GitHubFormatter.data("100% done\r\nnext\rline\nend") == "100%25 done%0D%0Anext%0Dline%0Aend")
        #expect(GitHubFormatter.property("a:b,c%d\r\ne") == "a%3Ab%2Cc%25d%0D%0Ae")
        // `%` is escaped first, so an escape already in the text is not re-read.
        #expect(GitHubFormatter.data("%0A") == "%250A")
    }
}
