import Testing
@testable import ArgoSyntax

private func value(_ source: String) -> Bool? {
    if case .success(let result) = WhenCondition.evaluate(source) { return result }
    return nil
}

private func failure(_ source: String) -> WhenEvaluationError? {
    if case .failure(let error) = WhenCondition.evaluate(source) { return error }
    return nil
}

@Suite struct WhenConditionEvaluateTests {
    @Test(arguments: [
        ("heads == heads", true),
        ("heads == tails", false),
        ("Succeeded == Succeeded", true),
        ("5 == 5.0", true),
        ("True == True", true),
        ("'10' > '9'", false),
        ("10 > 9", true),
        ("'5' == 5", false),
        ("'2021-01-01' > 0", true),
        ("2021-01-01 == 2019", true),
        ("heads =~ hea", true),
        ("heads =~ '^ta'", false),
        ("heads !~ '^ta'", true),
        ("x in (x, y)", true),
        ("z IN (x, y)", false),
        ("5 in (1, 5)", true),
        ("[a-b] == 'a-b'", true),
        ("'a-b' == \"a-b\"", true),
        ("'it\\'s' == 'it\\'s'", true),
        ("true && !false", true),
        ("false || (1 + 2 * 3 == 7)", true),
        ("2 ** 3 == 8 && 7 % 4 == 3 && 6 / 4 == 1.5", true),
        ("(5 & 3) == 1 && (5 | 3) == 7 && (5 ^ 3) == 6 && (1 << 3) == 8 && (8 >> 2) == 2 && ~0 == -1", true),
        ("-2 ** 2 == 4", true),
        ("10 - 4 - 3 == 3", true),
        ("0x1F == 31", true),
        ("'a' + 1 == 'a1'", true),
        ("1000000 + 'x' == '1e+06x'", true),
        ("true ? false : true", false),
        ("false ? false : true", true),
        ("() ?? true", true),
        ("(a == )", false),
        ("false && heads", false),
        ("true || heads", true),
        ("'2021-01-01T10:00:00Z' < '2021-01-01T11:00:00+00:00'", true),
    ])
    func evaluatesLikeGovaluate(_ source: String, _ expected: Bool) {
        #expect(value(source) == expected, "\(source)")
    }

    @Test func emptyConditionIsTrue() {
        #expect(value("") == true)
    }

    @Test func parseErrorsUseArgoMessages() throws {
        let words = try #require(failure("a and b"))
        #expect(words.kind == .parse)
        #expect(words.detail == "Cannot transition token types from VARIABLE [a] to VARIABLE [and]")
        #expect(words.message == "Invalid 'when' expression 'a and b': Cannot transition token types from VARIABLE [a] to VARIABLE [and]")
        #expect(words.range == 2..<5)
        let token = try #require(failure("a = b"))
        #expect(token.message.hasSuffix("Invalid token: '=' (hint: try wrapping the affected expression in quotes (\"))"))
        #expect(failure("foo.bar == x")?.detail == "Unable to access unexported field 'bar' in token 'foo.bar'")
        #expect(failure("(a == b")?.detail == "Unbalanced parenthesis")
        #expect(failure("a ==")?.detail == "Unexpected end of expression")
        #expect(failure("hello world == x")?.kind == .parse)
        #expect(failure("'abc")?.detail == "Unclosed string literal")
        // Either quote character ends a string, so "it's" stops at the apostrophe.
        #expect(failure("x == \"it's\"")?.detail == "Unclosed string literal")
        #expect(failure("foo(1)")?.detail == "Undefined function foo")
        #expect(failure("x =~ ^a")?.detail == "Cannot transition token types from COMPARATOR [=~] to MODIFIER [^]")
        let bang = try #require(failure("!heads"))
        #expect(bang.message.hasPrefix("Failed to parse 'when' expression '!heads'"))
        #expect(failure("x =~ '(a'")?.kind == .parse)
        #expect(failure("1.2.3 == x")?.detail == "Unable to parse numeric value '1.2.3' to float64")
    }

    @Test func evaluationErrorsUseArgoMessages() throws {
        let hyphen = try #require(failure("a-b == a-b"))
        #expect(hyphen.kind == .evaluation)
        #expect(hyphen.detail == "Value 'a' cannot be used with the modifier '-', it is not a number")
        #expect(hyphen.message == "Failed to evaluate 'when' expresion 'a-b == a-b': Value 'a' cannot be used with the modifier '-', it is not a number")
        #expect(failure("v1.2.3 == v1.2.3")?.detail == "No parameter 'v1' found.")
        #expect(failure("1 < 2 < 3")?.detail == "Value 'true' cannot be used with the comparator '<', it is not a number")
        #expect(failure("heads && true")?.detail == "Value 'heads' cannot be used with the logical operator '&&', it is not a bool")
        #expect(failure("x in y")?.detail == "Value 'y' cannot be used with the comparator 'in', it is not a number")
        #expect(failure("5 =~ x")?.kind == .evaluation)
        #expect(failure("'x' ? true : false")?.detail == "Value 'x' cannot be used with the ternary operator '?', it is not a bool")
    }

    @Test func nonBooleanResults() throws {
        let word = try #require(failure("heads"))
        #expect(word.kind == .notBoolean)
        #expect(word.message == "Expected boolean evaluation for 'heads'. Got heads")
        #expect(failure("1 + 1")?.detail == "2")
        #expect(failure("true ? 1 : 2")?.detail == "1")
    }

    @Test func multiByteInput() {
        #expect(value("'é😀' == 'é😀'") == true)
        #expect(value("é == é") == true)
        #expect(failure("'é😀' == x and y")?.range == 14..<17)
    }
}
