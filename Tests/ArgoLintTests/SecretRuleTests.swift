import Foundation
import Testing
import YAMLTree
@testable import ArgoLint
import ArgoSemantics

/// A Secret manifest (values are fake).
private func secret(_ name: String, namespace: String? = nil, keys: [String] = ["token"]) -> String {
    var text = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: \(name)\n"
    if let namespace { text += "  namespace: \(namespace)\n" }
    text += "stringData:\n" + keys.map { "  \($0): fake-\($0)-value\n" }.joined()
    return text
}

/// A Workflow with one HTTP template; `headers` is the YAML of the header list at 10 spaces.
private func workflow(url: String = "https://api.example.com/data", namespace: String? = nil, headers: String) -> String {
    var text = "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  generateName: w-\n"
    if let namespace { text += "  namespace: \(namespace)\n" }
    text += """
    spec:
      entrypoint: call
      templates:
        - name: call
          http:
            url: \(url)
            headers:

    """
    return text + headers
}

private func secretRef(_ name: String, _ key: String, header: String = "Authorization", optional: Bool = false) -> String {
    """
              - name: \(header)
                valueFrom:
                  secretKeyRef:
                    name: \(name)
                    key: \(key)

    """ + (optional ? "                optional: true\n" : "")
}

/// Lints `files` (inputs) with `context` files (inventory only).
private func lintFiles(_ files: [(String, String)], context: [(String, String)] = [], dialect: Dialect = .argo) -> [ResolvedDiagnostic] {
    let inputs = files.map { LintInput(path: $0.0, bytes: Array($0.1.utf8)) }
    let contextInputs = context.map { LintInput(path: $0.0, bytes: Array($0.1.utf8)) }
    return Linter(options: LintOptions(dialect: dialect)).lint(inputs, context: contextInputs).resolved()
}

private func only(_ rule: String, _ found: [ResolvedDiagnostic]) -> [ResolvedDiagnostic] {
    found.filter { $0.rule == rule }
}

private func applying(_ fix: Fix, to text: String) -> String {
    var bytes = Array(text.utf8)
    for edit in fix.edits.sorted(by: { $0.span.start > $1.span.start }) {
        bytes.replaceSubrange(edit.span.start..<edit.span.end, with: Array(edit.newText.utf8))
    }
    return String(decoding: bytes, as: UTF8.self)
}

@Suite struct SecretUndefinedTests {
    @Test func misspeltSecretNameSuggestsTheClosest() {
        let text = secret("api-token") + "---\n" + workflow(headers: secretRef("api-tokne", "token"))
        let found = only("secret-undefined", lint(text))
        #expect(summary(found) == ["secret-undefined@22:23"])
        #expect(found.first?.severity == .error)
        #expect(found.first?.message == "Secret \"api-tokne\" is not in the secret inventory; did you mean \"api-token\"?")
    }

    @Test func misspeltKeyPointsAtTheKey() {
        let text = secret("api-token", keys: ["token", "user"]) + "---\n" + workflow(headers: secretRef("api-token", "tokn"))
        let found = only("secret-undefined", lint(text))
        #expect(summary(found) == ["secret-undefined@24:22"])
        #expect(found.first?.message == "Secret \"api-token\" has no key \"tokn\"; did you mean \"token\"?")
    }

    @Test func unknownNameListsTheSecretsThereAre() {
        let text = secret("alpha") + "---\n" + secret("beta") + "---\n" + workflow(headers: secretRef("completely-different", "token"))
        let found = only("secret-undefined", lint(text))
        #expect(found.count == 1)
        #expect(found.first?.message.contains("known Secrets are \"alpha\", \"beta\"") == true)
    }

    @Test func matchingReferenceIsClean() {
        let text = secret("api-token") + "---\n" + workflow(headers: secretRef("api-token", "token"))
        #expect(lint(text).isEmpty)
    }

    @Test func optionalReferencesMayBeMissing() {
        let known = secret("api-token") + "---\n" + workflow(headers: secretRef("nothing", "token", optional: true) + secretRef("api-token", "nokey", header: "X-Key", optional: true))
        #expect(lint(known).isEmpty)
        // Not even the empty-inventory notice: an optional reference needs nothing.
        #expect(lint(workflow(headers: secretRef("nothing", "token", optional: true))).isEmpty)
    }

    @Test func namespacesMatch() {
        let ref = secretRef("api-token", "token")
        // Same namespace, and a workflow without one: both see the Secret.
        #expect(lint(secret("api-token", namespace: "team-a") + "---\n" + workflow(namespace: "team-a", headers: ref)).isEmpty)
        #expect(lint(secret("api-token", namespace: "team-a") + "---\n" + workflow(headers: ref)).isEmpty)
        // A Secret without a namespace matches every workflow.
        #expect(lint(secret("api-token") + "---\n" + workflow(namespace: "team-b", headers: ref)).isEmpty)
        // Another namespace: an error that says where the Secret is.
        let found = only("secret-undefined", lint(secret("api-token", namespace: "team-a") + "---\n" + workflow(namespace: "team-b", headers: ref)))
        #expect(found.count == 1)
        #expect(found.first?.message == "Secret \"api-token\" is not in the secret inventory in namespace \"team-b\"; it exists only in namespace \"team-a\": move the Secret or the workflow")
    }

    @Test func contextFilesFeedTheInventory() {
        let found = lintFiles([("w.yaml", workflow(headers: secretRef("api-token", "token")))], context: [("k8s/secret.yaml", secret("api-token"))])
        #expect(found.isEmpty)
        let typo = lintFiles([("w.yaml", workflow(headers: secretRef("api-token", "tokne")))], context: [("k8s/secret.yaml", secret("api-token"))])
        #expect(summary(typo) == ["secret-undefined@16:22"])
    }

    @Test func dataAndStringDataKeysBothCount() {
        let manifest = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: mixed\ndata:\n  encoded: ZmFrZQ==\nstringData:\n  plain: fake\n"
        let text = manifest + "---\n" + workflow(headers: secretRef("mixed", "encoded") + secretRef("mixed", "plain", header: "X-Other"))
        #expect(lint(text).isEmpty)
    }

    @Test func emptyInventoryIsOneInfoPerRun() {
        let a = workflow(headers: secretRef("one", "token") + secretRef("two", "token", header: "X-Two"))
        let b = workflow(headers: secretRef("three", "token"))
        let found = lintFiles([("b.yaml", b), ("a.yaml", a)])
        #expect(found.map { "\($0.path):\($0.rule):\($0.severity)" } == ["a.yaml:secret-undefined:info"])
        #expect(summary(found) == ["secret-undefined@15:23"])
        #expect(found.first?.message == SecretUndefinedRule.emptyInventoryMessage)
    }

    @Test func templatedNamesAreNotJudged() {
        let text = secret("api-token") + "---\n" + workflow(headers: secretRef("\"{{workflow.parameters.secret}}\"", "token"))
        #expect(only("secret-undefined", lint(text)).isEmpty)
    }

    @Test func seedLookupIsCheckedAgainstTheInventory() {
        let headers = """
                  - name: Authorization
                    value: "{{=lookup 'secret' 'api-tokne' 'token'}}"
                  - name: X-Key
                    value: "{{=lookup 'secret' 'api-token' 'tokn'}}"
                  - name: X-Fine
                    value: "{{=lookup 'secret' 'api-token' 'token'}}"

        """
        let text = secret("api-token") + "---\n" + workflow(headers: headers)
        let found = only("secret-undefined", lint(text, dialect: .seed))
        // Pointing inside the string at the quoted name, then at the quoted key.
        #expect(summary(found) == ["secret-undefined@20:41", "secret-undefined@22:53"])
        #expect(found.first?.message.contains("did you mean \"api-token\"?") == true)
        // Under the argo dialect the lookup is secret-lookup-unsupported's business only.
        #expect(only("secret-undefined", lint(text)).isEmpty)
    }
}

@Suite struct SecretLookupUnsupportedTests {
    static let seedTemplate = """
    apiVersion: argoproj.io/v1alpha1
    kind: Workflow
    metadata:
      generateName: lookup-
    spec:
      entrypoint: http-get
      templates:
        - name: http-get
          http:
            url: https://example.com/api/data
            method: GET
            headers:
              - name: Authorization
                value: "{{=lookup 'secret' 'my-api-secret' 'token'}}"  # the token
              - name: Accept
                value: application/json

    """

    @Test func fixRewritesToSecretKeyRef() throws {
        let found = only("secret-lookup-unsupported", lint(Self.seedTemplate))
        #expect(summary(found) == ["secret-lookup-unsupported@14:21"])
        let fix = try #require(found.first?.diagnostic.fix)
        let fixed = applying(fix, to: Self.seedTemplate)
        #expect(fixed == Self.seedTemplate.replacingOccurrences(of: """
                    value: "{{=lookup 'secret' 'my-api-secret' 'token'}}"  # the token
        """, with: """
                    valueFrom:
                      secretKeyRef:
                        name: my-api-secret
                        key: token  # the token
        """))
        #expect(only("secret-lookup-unsupported", lint(fixed)).isEmpty)
        #expect(only("schema-unknown-field", lint(fixed)).isEmpty)
        // With the Secret known, the rewritten header is clean altogether.
        #expect(lint(secret("my-api-secret") + "---\n" + fixed).isEmpty)
    }

    @Test func fixKeepsCRLF() throws {
        let crlf = Self.seedTemplate.replacingOccurrences(of: "\n", with: "\r\n")
        let fix = try #require(only("secret-lookup-unsupported", lint(crlf)).first?.diagnostic.fix)
        let fixed = applying(fix, to: crlf)
        #expect(!fixed.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(only("secret-lookup-unsupported", lint(fixed)).isEmpty)
    }

    @Test func fixWhenValueIsTheFirstKeyOfTheEntry() throws {
        let text = Self.seedTemplate.replacingOccurrences(of: """
                  - name: Authorization
                    value: "{{=lookup 'secret' 'my-api-secret' 'token'}}"  # the token
        """, with: """
                  - value: '{{=lookup "secret" "my-api-secret" "123"}}'
                    name: Authorization
        """)
        let fix = try #require(only("secret-lookup-unsupported", lint(text)).first?.diagnostic.fix)
        let fixed = applying(fix, to: text)
        #expect(fixed.contains("""
                  - valueFrom:
                      secretKeyRef:
                        name: my-api-secret
                        key: "123"
                    name: Authorization
        """))
        #expect(only("secret-lookup-unsupported", lint(fixed)).isEmpty)
        #expect(only("schema-type", lint(fixed)).isEmpty)
    }

    @Test func flowStyleAndMixedValuesGetNoFix() {
        let flow = Self.seedTemplate.replacingOccurrences(of: """
                  - name: Authorization
                    value: "{{=lookup 'secret' 'my-api-secret' 'token'}}"  # the token
        """, with: """
                  - {name: Authorization, value: "{{=lookup 'secret' 'my-api-secret' 'token'}}"}
        """)
        let flowFound = only("secret-lookup-unsupported", lint(flow))
        #expect(flowFound.count == 1)
        #expect(flowFound.first?.diagnostic.fix == nil)
        let mixed = Self.seedTemplate.replacingOccurrences(of: "value: \"{{=lookup", with: "value: \"Bearer {{=lookup")
        let mixedFound = only("secret-lookup-unsupported", lint(mixed))
        #expect(summary(mixedFound) == ["secret-lookup-unsupported@14:28"])
        #expect(mixedFound.first?.diagnostic.fix == nil)
    }

    @Test func seedDialectAcceptsTheLookup() {
        #expect(only("secret-lookup-unsupported", lint(Self.seedTemplate, dialect: .seed)).isEmpty)
    }
}

@Suite struct SecretHardcodedTests {
    private func header(_ name: String, _ value: String) -> String {
        "          - name: \(name)\n            value: \(value)\n"
    }

    @Test func authorizationSchemes() {
        let text = workflow(headers: header("Authorization", "Bearer abc.def-ghi") + header("Proxy-Authorization", "Basic dXNlcjpwYXNz") + header("authorization", "rawtoken"))
        let found = only("secret-hardcoded", lint(text))
        #expect(summary(found) == ["secret-hardcoded@13:27", "secret-hardcoded@15:26", "secret-hardcoded@17:20"])
        #expect(found.map(\.message) == [
            "header \"Authorization\" carries a literal bearer token in plain text; move it to a Secret and read it with valueFrom.secretKeyRef so it stays out of the manifest",
            "header \"Proxy-Authorization\" carries literal basic credentials in plain text; move it to a Secret and read it with valueFrom.secretKeyRef so it stays out of the manifest",
            "header \"authorization\" carries a literal credential in plain text; move it to a Secret and read it with valueFrom.secretKeyRef so it stays out of the manifest",
        ])
        for literal in ["abc.def-ghi", "dXNlcjpwYXNz", "rawtoken"] {
            #expect(!found.contains { $0.message.contains(literal) })
        }
    }

    @Test func referencesAreNotLiterals() {
        let text = workflow(headers:
            header("Authorization", "\"Bearer {{workflow.parameters.token}}\"")
            + header("X-API-Key", "\"{{workflow.parameters.key}}\"")
            + header("Authorization", "\"{{=sprig.b64enc(workflow.parameters.token)}}\"")
            + header("Authorization", "Bearer"))
        #expect(only("secret-hardcoded", lint(text)).isEmpty)
    }

    @Test func apiKeyLikeHeaders() {
        let names = ["X-API-Key", "Api-Key", "X-Auth-Token", "Token", "Cookie", "Private-Token", "X-Client-Secret", "Ocp-Apim-Subscription-Key", "X-Goog-Api-Key"]
        let text = workflow(headers: names.map { header($0, "fake") }.joined())
        #expect(only("secret-hardcoded", lint(text)).count == names.count)
        let harmless = ["Accept", "Content-Type", "X-Request-Id", "X-Key-Id", "User-Agent", "If-None-Match"]
        let clean = workflow(headers: harmless.map { header($0, "plain-value") }.joined()
                             + header("If-None-Match", "d41d8cd98f00b204e9800998ecf8427e")
                             + header("X-Correlation-Id", "123e4567-e89b-12d3-a456-426614174000"))
        #expect(only("secret-hardcoded", lint(clean)).isEmpty)
    }

    @Test func highEntropyAndKnownPrefixes() {
        let text = workflow(headers: header("X-Custom", "tq3Xv9LmZp2Rk8Wb4Nc7Yd1Fh6Gs") + header("X-Other", "ghp_FAKEFAKEFAKEFAKEFAKE1234"))
        #expect(only("secret-hardcoded", lint(text)).count == 2)
    }

    @Test func urlUserinfoAndQuery() {
        let url = "\"https://bot:FAKEPASS@api.example.com/x?page=1&access_token=FAKETOKEN&sig={{workflow.parameters.sig}}#frag\""
        let found = only("secret-hardcoded", lint(workflow(url: url, headers: "")))
        #expect(summary(found) == ["secret-hardcoded@10:27", "secret-hardcoded@10:74"])
        #expect(!found.contains { $0.message.contains("FAKEPASS") || $0.message.contains("FAKETOKEN") })
        #expect(found.last?.message.hasPrefix("query parameter \"access_token\" carries a literal credential") == true)
        let templated = "\"https://{{workflow.parameters.user}}:{{workflow.parameters.password}}@api.example.com/x?key={{workflow.parameters.key}}\""
        #expect(only("secret-hardcoded", lint(workflow(url: templated, headers: ""))).isEmpty)
    }
}

@Suite struct HTTPInsecureCredentialsTests {
    @Test func credentialsOverPlainHTTP() {
        let text = secret("api-token") + "---\n" + workflow(url: "http://api.example.com/data", headers: secretRef("api-token", "token"))
        let found = only("http-insecure-credentials", lint(text))
        #expect(summary(found) == ["http-insecure-credentials@17:14"])
        #expect(found.first?.message == "header \"Authorization\" from a Secret is sent over plain http:// to \"api.example.com\", where anyone on the network can read it; use https://")
        #expect(found.first.map { $0.end.column - $0.start.column } == 7)
    }

    @Test func authorizationHeaderAndUserinfo() {
        let header = "          - name: Authorization\n            value: \"Bearer {{workflow.parameters.t}}\"\n"
        #expect(only("http-insecure-credentials", lint(workflow(url: "HTTP://api.example.com:8080/x", headers: header))).count == 1)
        let userinfo = only("http-insecure-credentials", lint(workflow(url: "\"http://{{workflow.parameters.u}}@api.example.com/x\"", headers: "")))
        #expect(userinfo.first?.message.hasPrefix("URL userinfo is sent over plain http://") == true)
    }

    @Test func loopbackHTTPSAndNoCredentialsAreFine() {
        let ref = secretRef("api-token", "token")
        for url in ["http://localhost:8080/x", "http://127.0.0.1/x", "http://127.1.2.3:9000", "http://[::1]:8080/x", "https://api.example.com/x",
                    "\"http://{{workflow.parameters.host}}/x\"", "\"{{workflow.parameters.url}}\""] {
            let text = secret("api-token") + "---\n" + workflow(url: url, headers: ref)
            #expect(only("http-insecure-credentials", lint(text)).isEmpty, "\(url)")
        }
        let plain = workflow(url: "http://api.example.com/x", headers: "          - name: Accept\n            value: application/json\n")
        #expect(lint(plain).isEmpty)
    }
}

@Suite struct SecretCLITests {
    @Test func secretsOptionFeedsTheInventory() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/k8s", withIntermediateDirectories: true)
        try secret("api-token").write(toFile: dir + "/k8s/secret.yaml", atomically: true, encoding: .utf8)
        try workflow(headers: secretRef("api-tokn", "token")).write(toFile: dir + "/wf.yaml", atomically: true, encoding: .utf8)
        // Without --secrets (and no project around the folder): the once-per-run notice, exit 0.
        let bare = try runCLI(["lint", "--format", "json", dir + "/wf.yaml"], cwd: dir)
        #expect(bare.code == 0)
        #expect(bare.out.contains("\"severity\": \"info\", \"rule\": \"secret-undefined\""))
        // With --secrets FILE and --secrets DIR: the misspelling is an error with a suggestion.
        for source in [dir + "/k8s/secret.yaml", dir + "/k8s"] {
            let run = try runCLI(["lint", "--secrets", source, dir + "/wf.yaml"], cwd: dir)
            #expect(run.code == 1)
            #expect(run.out.contains("Secret \"api-tokn\" is not in the secret inventory; did you mean \"api-token\"? [secret-undefined]"))
        }
        // A --secrets path that does not exist is an input error.
        let missing = try runCLI(["lint", "--secrets", dir + "/nope", dir + "/wf.yaml"], cwd: dir)
        #expect(missing.code == 2)
        #expect(missing.err.contains("--secrets \(dir)/nope: no such file or directory"))
    }

    @Test func configurationSecretsFeedTheInventory() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/k8s", withIntermediateDirectories: true)
        try "secrets: [\"k8s/\"]\n".write(toFile: dir + "/.argolint.yaml", atomically: true, encoding: .utf8)
        try secret("api-token").write(toFile: dir + "/k8s/secret.yaml", atomically: true, encoding: .utf8)
        try workflow(headers: secretRef("api-token", "tokn")).write(toFile: dir + "/wf.yaml", atomically: true, encoding: .utf8)
        let run = try runCLI(["lint", "wf.yaml"], cwd: dir)
        #expect(run.code == 1)
        #expect(run.out.contains("Secret \"api-token\" has no key \"tokn\"; did you mean \"token\"?"))
    }

    @Test func emptyInventoryNoticeOncePerRunThroughTheCLI() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try workflow(headers: secretRef("one", "token")).write(toFile: dir + "/a.yaml", atomically: true, encoding: .utf8)
        try workflow(headers: secretRef("two", "token")).write(toFile: dir + "/b.yaml", atomically: true, encoding: .utf8)
        let run = try runCLI(["lint", "--format", "json", dir + "/a.yaml", dir + "/b.yaml"], cwd: dir)
        #expect(run.code == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
        let diagnostics = try #require(json["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?["file"] as? String == dir + "/a.yaml")
        #expect(diagnostics.first?["severity"] as? String == "info")
        #expect((json["summary"] as? [String: Any])?["infos"] as? Int == 1)
    }

    /// Every value of fixtures/secrets (stringData as written, data decoded and
    /// as written) and the fixtures' hard-coded credentials: none may appear in
    /// any output format.
    @Test func noSecretValueInAnyOutput() throws {
        var values: [String] = []
        for path in Project.yamlFiles(under: Repo.path("fixtures/secrets")) {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            var section = ""
            for line in text.components(separatedBy: "\n") {
                if !line.hasPrefix(" ") { section = line; continue }
                guard section == "stringData:" || section == "data:", !line.trimmingCharacters(in: .whitespaces).hasPrefix("#"),
                      let colon = line.firstIndex(of: ":") else { continue }
                let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                values.append(value)
                if section == "data:", let decoded = Data(base64Encoded: value) { values.append(String(decoding: decoded, as: UTF8.self)) }
            }
        }
        #expect(values.count >= 4)
        let hardcoded = ["my-secret-token", "FAKE-url-password", "FAKE-query-key", "RkFLRTpGQUtF", "FAKE-private-token", "tq3Xv9LmZp2Rk8Wb4Nc7Yd1Fh6Gs"]
        for dialect in ["argo", "seed"] {
            for format in ["human", "json", "github", "sarif"] {
                let run = try runCLI(["lint", "--dialect", dialect, "--format", format, "--secrets", Repo.path("fixtures/secrets"), Repo.path("fixtures")], cwd: Repo.root.path)
                #expect(run.code == 1)
                #expect(run.out.contains("secret-hardcoded"))
                for value in values + hardcoded {
                    #expect(!run.out.contains(value) && !run.err.contains(value), "\(format)/\(dialect) output shows \(value)")
                }
            }
        }
    }
}
