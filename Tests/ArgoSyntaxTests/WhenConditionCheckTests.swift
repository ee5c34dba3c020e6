import Testing
@testable import ArgoSyntax

private func check(_ source: String, strict: Bool = false) -> [SyntaxIssue] {
    WhenCondition.check(source, options: WhenCheckOptions(strictTagQuoting: strict))
}

@Suite struct WhenConditionCheckTests {
    @Test(arguments: [
        "{{steps.flip.outputs.result}} == heads",
        "{{tasks.a.outputs.result}} == 'a-b'",
        "'{{workflow.status}}' != Succeeded",
        "{{inputs.parameters.n}} > 5",
        "{{=asInt(inputs.parameters.x) > 3}}",
        "{{item}} =~ '^hea'",
        "{{item}} =~ hea",
        "{{steps.flip.outputs.result}} == tails && {{inputs.parameters.n}} >= 2",
        "'{{steps.a.outputs.result}}' == 'a-b'",
        "{{inputs.parameters.run}}",
        "{{=inputs.parameters.x == 'a'}} || false",
        "heads == heads",
        "x in (x, y)",
        "!(a == b)",
        "true",
        "5 == 5.0",
        "'2021-01-01' > 0",
        "({{a}} == 1) || ({{b}} != 'x y')",
        "[a-b] == x",
        "'prefix-{{x}}' == 'prefix-1'",
        "",
    ])
    func correctIdiomsHaveNoFindings(_ source: String) {
        #expect(check(source) == [], "\(source)")
    }

    @Test func wordOperators() {
        let and = check("{{a}} == x and {{b}} == y")
        #expect(and.map(\.code) == [.whenWordOperator])
        #expect(and.first?.range == 11..<14)
        #expect(and.first?.hint == "use &&")
        #expect(check("a == b or c == d").first?.hint == "use ||")
        let not = check("not {{x}}")
        #expect(not.map(\.code) == [.whenWordOperator])
        #expect(not.first?.range == 0..<3)
        #expect(not.first?.hint == "use !")
    }

    @Test func dottedBareWords() {
        let version = check("v1.2.3 == {{inputs.parameters.v}}")
        #expect(version.map(\.code) == [.whenDottedWord])
        #expect(version.first?.range == 0..<6)
        #expect(version.first?.hint == "quote it: 'v1.2.3'")
        let field = check("foo.bar == x")
        #expect(field.map(\.code) == [.whenDottedWord])
        #expect(field.first?.range == 0..<7)
        #expect(check("x == 1.2.3").first?.code == .whenDottedWord)
        #expect(check("x == foo.").first?.code == .whenDottedWord)
    }

    @Test func hyphenatedWordsAndTheirTagPartner() {
        let issues = check("{{steps.a.outputs.result}} == a-b")
        #expect(issues.map(\.code) == [.whenHyphenatedWord])
        #expect(issues.first?.range == 30..<33)
        #expect(issues.first?.hint == "quote both sides: '{{steps.a.outputs.result}}' == 'a-b'")
        let plain = check("status == my-long-name")
        #expect(plain.map(\.code) == [.whenHyphenatedWord])
        #expect(plain.first?.range == 10..<22)
        #expect(plain.first?.hint == "quote it: 'my-long-name'")
        let date = check("x == 2021-01-01")
        #expect(date.map(\.severity) == [.warning])
        #expect(date.first?.range == 5..<15)
        #expect(check("5-3 == 2") == [])
    }

    @Test func unquotedTagsKnownToHoldHyphens() {
        let issues = check("{{workflow.name}} == demo")
        #expect(issues.map(\.code) == [.whenUnquotedTag])
        #expect(issues.first?.severity == .warning)
        #expect(issues.first?.range == 0..<17)
        #expect(check("'{{workflow.name}}' == demo") == [])
        #expect(check("{{tasks.a.startedAt}} > x").map(\.code) == [.whenUnquotedTag])
    }

    @Test func strictQuotingFlagsTagsComparedWithSpecialStrings() {
        let issues = check("{{tasks.a.outputs.result}} == 'a-b'", strict: true)
        #expect(issues.map(\.code) == [.whenUnquotedTag])
        #expect(issues.first?.range == 0..<26)
        #expect(check("{{tasks.a.outputs.result}} == 'ab'", strict: true) == [])
        #expect(check("{{tasks.a.outputs.result}} == '5'", strict: true) == [])
    }

    @Test func resultMustBeBoolean() {
        let word = check("heads")
        #expect(word.map(\.code) == [.whenNotBoolean])
        #expect(word.first?.range == 0..<5)
        #expect(check("'{{x}}'").map(\.code) == [.whenNotBoolean])
        #expect(check("1 + 2").map(\.code) == [.whenNotBoolean])
        #expect(check("(a, b)").map(\.code) == [.whenNotBoolean])
    }

    @Test func comparisonChains() {
        let chain = check("1 < {{x}} < 3")
        #expect(chain.map(\.code) == [.whenComparisonChain])
        #expect(chain.first?.range == 0..<13)
        #expect(chain.first?.hint == "write 1 < {{x}} && {{x}} < 3")
        let equality = check("a == b == c")
        #expect(equality.map(\.code) == [.whenComparisonChain])
        #expect(equality.first?.severity == .warning)
        #expect(check("a == b == true") == [])
    }

    @Test func parseErrorsPointAtTheCulprit() {
        let open = check("({{a}} == b")
        #expect(open.map(\.code) == [.whenUnbalancedParenthesis])
        #expect(open.first?.range == 0..<1)
        let close = check("a == b)")
        #expect(close.first?.range == 6..<7)
        let trailing = check("{{a}} == b &&")
        #expect(trailing.map(\.code) == [.whenTrailingOperator])
        #expect(trailing.first?.range == 11..<13)
        #expect(check("(a == )").first?.code == .whenTrailingOperator)
        let leading = check("== b")
        #expect(leading.first?.code == .whenSyntax)
        #expect(leading.first?.range == 0..<2)
        let assign = check("a = b")
        #expect(assign.first?.code == .whenInvalidToken)
        #expect(assign.first?.hint == "use '==' to compare")
        let glued = check("a ==-5")
        #expect(glued.first?.range == 2..<5)
        #expect(glued.first?.hint == "put a space between '==' and '-'")
        let string = check("x == 'abc")
        #expect(string.map(\.code) == [.whenUnclosedString])
        #expect(string.first?.range == 5..<9)
        #expect(check("   ").map(\.code) == [.whenEmpty])
        #expect(check("{{a").map(\.code) == [.unterminatedTag])
    }

    @Test func unquotedRegexAndSpaces() {
        let regex = check("{{item}} =~ ^hea")
        #expect(regex.map(\.code) == [.whenSyntax])
        #expect(regex.first?.range == 12..<16)
        #expect(regex.first?.hint == "quote the regular expression: '^hea'")
        let spaces = check("{{x}} == hello big world")
        #expect(spaces.map(\.code) == [.whenUnquotedSpaces])
        #expect(spaces.first?.range == 9..<24)
        #expect(check("{{a}} == 'x' 'y'").first?.code == .whenSyntax)
        #expect(check("x =~ '(a'").map(\.code) == [.whenInvalidRegex])
        #expect(check("x =~ '(?=a)'").map(\.code) == [.whenInvalidRegex])
    }

    @Test func typeMismatches() {
        let logical = check("heads && {{x}} == y")
        #expect(logical.map(\.code) == [.whenTypeMismatch])
        #expect(logical.first?.range == 0..<5)
        #expect(check("'10' > 5").map(\.code) == [.whenTypeMismatch])
        #expect(check("x in y").first?.range == 5..<6)
        #expect(check("!heads").first?.code == .whenSyntax)
        #expect(check("!5").map(\.code) == [.whenTypeMismatch])
        #expect(check("foo(1) == 2").map(\.code) == [.whenUndefinedFunction])
        #expect(check("a - b == c").map(\.code) == [.whenTypeMismatch])
    }

    @Test func multiByteTextBeforeTheError() {
        // 'é' is 2 bytes and '😀' 4, so `and` (character 11) sits at bytes 14..<17.
        let issues = check("'é😀' == x and y")
        #expect(issues.map(\.code) == [.whenWordOperator])
        #expect(issues.first?.range == 14..<17)
        let dotted = check("ñ == é.bar")
        #expect(dotted.first?.range == 6..<12)
        let invalid = check("é 😀 x")
        #expect(invalid.first?.code == .whenInvalidToken)
        #expect(invalid.first?.range == 3..<7)
    }
}
