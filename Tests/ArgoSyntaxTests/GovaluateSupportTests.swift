import Testing
@testable import ArgoSyntax

@Suite struct GovaluateSupportTests {
    @Test(arguments: [
        (0.0, "0"), (5.0, "5"), (1.5, "1.5"), (-2.25, "-2.25"), (100000.0, "100000"), (1000000.0, "1e+06"),
        (1234567.0, "1.234567e+06"), (0.0001, "0.0001"), (0.00001, "1e-05"), (123456.5, "123456.5"),
    ])
    func goFloatFormatting(_ input: Double, _ expected: String) {
        #expect(GoFormat.float(input) == expected)
    }

    @Test func timeLayouts() {
        #expect(GovaluateTime.parse("1970-01-01") == 0)
        #expect(GovaluateTime.parse("2021-01-01") == 1_609_459_200)
        #expect(GovaluateTime.parse("2021-01-01 10:30") == 1_609_497_000)
        #expect(GovaluateTime.parse("2021-01-01 10:30:15") == 1_609_497_015)
        #expect(GovaluateTime.parse("2021-01-01 10:30:15-01:00") == 1_609_500_615)
        #expect(GovaluateTime.parse("2021-01-01T10:30:15Z") == 1_609_497_015)
        #expect(GovaluateTime.parse("2021-01-01T10:30:15.5+01:00") == 1_609_493_415)
        #expect(GovaluateTime.parse("2021-01-01T10Z") == 1_609_495_200)
        #expect(GovaluateTime.parse("2021-01-01T10:30+0100") == 1_609_493_400)
        #expect(GovaluateTime.parse("2021-02-30") == nil)
        #expect(GovaluateTime.parse("2021-1-01") == nil)
        #expect(GovaluateTime.parse("heads") == nil)
        #expect(GovaluateTime.parse("10") == nil)
        #expect(GovaluateTime.parse("3:04PM") != nil)
    }

    @Test func re2Compatibility() {
        #expect((try? GoRegex.matches("^hea", "heads").get()) == true)
        #expect((try? GoRegex.matches("(?P<x>a+)", "baa").get()) == true)
        for pattern in ["(?=a)", "(?!a)", "(?<=a)", "(a)\\1", "a++", "(?>a)", "(a"] {
            #expect((try? GoRegex.compile(pattern).get()) == nil, "\(pattern)")
        }
        #expect((try? GoRegex.compile("\\++").get()) != nil)
        #expect((try? GoRegex.compile("a*?").get()) != nil)
    }

    @Test func lexerFollowsGovaluateRules() throws {
        let tokens = try GovaluateLexer(bytes: Array("-5 - x in (a, 'b') ?? [c d]".utf8)).tokenize().get()
        #expect(tokens.map(\.kind) == [.prefix, .numeric, .modifier, .variable, .comparator, .clause, .variable,
                                       .separator, .string, .clauseClose, .ternary, .variable])
        #expect(tokens.last?.text == "c d")
        let escaped = try GovaluateLexer(bytes: Array("a\\-b".utf8)).tokenize().get()
        #expect(escaped.map(\.text) == ["a-b"])
    }
}
