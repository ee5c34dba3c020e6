import Testing
@testable import ExprLang

func lint(_ s: String, _ env: ExprEnvironment = .httpSuccessCondition(dialect: .argo), requireBool: Bool = true) -> [ExprDiagnostic] {
    ExprLint.check(source: s, environment: env, requireBool: requireBool)
}

@Suite struct CheckerTests {
    @Test func comparesIntWithString() {
        let d = lint("response.statusCode == \"200\"")
        #expect(d.count == 1)
        #expect(d.first?.kind == .type)
        #expect(d.first?.message == "\"response.statusCode\" is int but is compared with string \"200\"; this comparison is always false. compare with 200")
        #expect(d.first?.range == 0..<28)
    }

    @Test func unknownNamesGetSuggestions() {
        let d = lint("respons.statusCode == 200")
        #expect(d.count == 1)
        #expect(d.first?.kind == .unknownName)
        #expect(d.first?.message == "unknown name \"respons\". did you mean \"response\"? available names are \"request\", \"response\"")
        #expect(d.first?.range == 0..<7)
        let d2 = lint("statusCode == 200")
        #expect(d2.first?.message.contains("did you mean \"response.statusCode\"?") == true)
        let d3 = lint("asInt(response.body) > 1")
        #expect(d3.first?.kind == .unknownName)
        #expect(lint("response.status == 200").first?.kind == .unknownName)
    }

    @Test(arguments: [
        "response.body.status == \"ok\"",
        "len(response.statusCode) > 0",
        "response.statusCode && true",
        "!response.body",
        "response.headers[\"Content-Type\"] == \"application/json\"",
        "response.headers[\"Content-Type\"] contains \"json\"",
        "response.body matches \"[+\"",
        "response.body matches \"a**\"",
        "response.body matches \"(?=x)\"",
        "upper()",
        "upper(1)",
        "len(\"a\", \"b\")",
        "foo(1) == 1",
        "response.statusCode in [\"200\"]",
        "response.statusCode < \"300\"",
        "10 % (5 - 5) == 0",
        "map([1], #acc) == []",
        "let response = 1; response == 1",
        "1 in \"abc\"",
        "filter(1, # > 0) == []",
        "all([1, 2], # + 1)",
    ])
    func typeErrors(_ source: String) {
        let d = lint(source)
        #expect(!d.isEmpty, "expected a diagnostic for \(source)")
        #expect(d.allSatisfy { $0.kind != .syntax })
    }

    @Test(arguments: [
        "response.statusCode == 200",
        "response.statusCode >= 200 && response.statusCode < 300",
        "response.body contains \"ok\"",
        "fromJSON(response.body).status == \"completed\"",
        "fromJSON(response.body).data.items[0] > 1",
        "response.headers[\"Content-Type\"][0] startsWith \"application/json\"",
        "\"application/json\" in response.headers[\"Content-Type\"]",
        "string(response.statusCode) matches \"2..\"",
        "len(fromJSON(response.body).data.items) > 0",
        "request.method in [\"GET\", \"HEAD\"]",
        "any(response.headers[\"Vary\"], # contains \"Accept\")",
        "let c = response.statusCode; c == 200 || c == 201",
        "(response.headers[\"X\"] ?? [])[0] == \"a\"",
        "request.bodyBytes matches \"name\"",
        "'Content-Type' in response.headers",
    ])
    func cleanConditions(_ source: String) {
        #expect(lint(source) == [], "unexpected diagnostics for \(source)")
    }

    @Test func requireBool() {
        let d = lint("response.statusCode")
        #expect(d.count == 1)
        #expect(d.first?.kind == .type)
        #expect(lint("response.statusCode", requireBool: false).isEmpty)
        #expect(lint("fromJSON(response.body).ok").isEmpty)
    }

    @Test func syntaxErrorsBecomeOneDiagnostic() {
        let d = lint("response.statusCode === 200")
        #expect(d.count == 1)
        #expect(d.first?.kind == .syntax)
        #expect(d.first?.range == 22..<23)
    }

    @Test func typesForEveryNode() throws {
        let root = try parse("len(fromJSON(response.body).items) + response.statusCode")
        let r = ExprChecker.analyze(root, source: "", environment: .httpSuccessCondition(), requireBool: false)
        #expect(r.resultType == .int)
        var ids: [Int] = []
        func walk(_ n: ExprNode) { ids.append(n.id); n.children.forEach(walk) }
        walk(root)
        #expect(ids.allSatisfy { r.types[$0] != nil })
    }

    @Test func upstreamViewSeesMembersAsAny() {
        let env = ExprEnvironment.httpSuccessConditionUpstreamView()
        #expect(lint("response.statusCode == \"200\"", env).isEmpty)
        #expect(lint("response.body.status == 1", env).isEmpty)
        #expect(lint("respons.x", env).first?.kind == .unknownName)
    }

    @Test func argoTemplateTagEnvironment() {
        let env = ExprEnvironment.argoTemplateTag(variables: [
            "inputs.parameters.n": .string, "workflow.name": .string,
            "workflow.parameters": .string, "workflow.parameters.x": .string,
            "tasks.a.outputs.result": .string, "item": .string,
        ], openPrefixes: ["workflow.labels"])
        #expect(lint("asInt(inputs.parameters.n) > 3", env).isEmpty)
        #expect(lint("inputs.parameters.n > 3", env).first?.kind == .type)
        #expect(lint("workflow.parameters.x == 'a'", env).isEmpty)
        #expect(lint("workflow.parameters == 'a'", env).first?.kind == .type)
        #expect(lint("sprig.trim(workflow.name) == 'a'", env).isEmpty)
        #expect(lint("sprig.nope(1)", env).first?.kind == .unknownName)
        #expect(lint("workflow.labels.anything == 'x'", env).isEmpty)
        #expect(lint("toJson(item)", env, requireBool: false).isEmpty)
        #expect(lint("jsonpath(item)", env, requireBool: false).first?.kind == .type)
        #expect(lint("tasks.b.outputs.result", env, requireBool: false).first?.kind == .unknownName)
    }
}

@Suite struct DialectTests {
    static let seedConditions = [
        "status_code == 200",
        "status_code == 201",
        "status_code == 200 && response.body.status == \"completed\"",
        "status_code == 200 && response.body.data.items.length > 0",
    ]

    @Test(arguments: seedConditions)
    func cleanUnderSeed(_ source: String) {
        #expect(lint(source, .httpSuccessCondition(dialect: .seed)) == [])
    }

    func fixed(_ source: String) -> (String, [ExprDiagnostic]) {
        let d = lint(source)
        return (ExprFix.apply(d.compactMap(\.fix), to: source), d)
    }

    @Test func statusCode() {
        let (text, d) = fixed("status_code == 200")
        #expect(d.count == 1)
        #expect(d[0].kind == .unknownName)
        #expect(d[0].range == 0..<11)
        #expect(text == "response.statusCode == 200")
        #expect(fixed("status_code == 201").0 == "response.statusCode == 201")
    }

    @Test func bodyMember() {
        let (text, d) = fixed("status_code == 200 && response.body.status == \"completed\"")
        #expect(d.map(\.kind) == [.unknownName, .type])
        #expect(d[1].range == 22..<42)
        #expect(text == "response.statusCode == 200 && fromJSON(response.body).status == \"completed\"")
        #expect(lint(text).isEmpty)
    }

    @Test func lengthProperty() {
        let (text, d) = fixed("status_code == 200 && response.body.data.items.length > 0")
        #expect(d.map(\.kind) == [.unknownName, .type, .type])
        #expect(text == "response.statusCode == 200 && len(fromJSON(response.body).data.items) > 0")
        #expect(lint(text).isEmpty)
        let (t2, _) = fixed("response.body.data.items.length > 0")
        #expect(t2 == "len(fromJSON(response.body).data.items) > 0")
        let (t3, d3) = fixed("request.headers[\"a\"].length == 1")
        #expect(d3.count == 1)
        #expect(t3 == "len(request.headers[\"a\"]) == 1")
    }
}
