import Testing
@testable import ExprLang

func parse(_ s: String) throws -> ExprNode {
    switch ExprParser.parse(s) {
    case .success(let n): return n
    case .failure(let e): throw e
    }
}

func syntaxError(_ s: String) -> ExprSyntaxError? {
    if case .failure(let e) = ExprParser.parse(s) { return e }
    return nil
}

@Suite struct LexerTests {
    @Test func tokensCarryByteRanges() throws {
        let tokens = try ExprLexer.tokenize("héllo == \"é\"").get()
        #expect(tokens.map(\.kind) == [.identifier, .op, .string, .eof])
        #expect(tokens[0].range == 0..<6)
        #expect(tokens[1].range == 7..<9)
        #expect(tokens[2].value == "é")
        #expect(tokens[2].range == 10..<14)
    }

    @Test func wordOperatorsAndLiterals() throws {
        let tokens = try ExprLexer.tokenize("a not in b and true").get()
        #expect(tokens.map(\.value) == ["a", "not", "in", "b", "and", "true", ""])
        #expect(tokens[5].kind == .identifier)
    }

    @Test func numbers() throws {
        let values = try ["0x1F", "0o17", "0b101", "1_000", "012", "1.", ".5", "2.5E-3"].map { s -> String in
            try ExprPrinter.print(parse(s))
        }
        #expect(values == ["31", "15", "5", "1000", "12", "1.0", "0.5", "0.0025"])
        #expect(syntaxError("0xG")?.message == "bad number syntax: \"0xG\"")
        #expect(syntaxError("9223372036854775808")?.message.hasPrefix("invalid integer literal") == true)
        #expect(syntaxError("1e309")?.message.hasPrefix("invalid float literal") == true)
        // `1..3` is a range, not a float.
        #expect(try parse("1..3").dump() == "(.. 1 3)")
    }

    @Test func stringsAndEscapes() throws {
        #expect(try parse(#""\x41\u00e9\u{1F600}\101""#).dump() == "\"Aé😀A\"")
        #expect(try parse(#"'it\'s'"#).dump() == "\"it's\"")
        #expect(syntaxError(#""a\'b""#)?.message == "invalid char escape")
        #expect(syntaxError(#""\400""#)?.message == "unable to unescape string")
        #expect(syntaxError("\"line\nbreak\"")?.message == "literal not terminated")
        #expect(try parse("`a``b`").dump() == "\"a`b\"")
        #expect(try parse(#"b"\xff""#).dump() == "b[255]")
        #expect(syntaxError(#"b"\u00e9""#)?.message == "unable to unescape string")
    }

    @Test func commentsAndSpaces() throws {
        #expect(try parse("/**/ true // c").dump() == "true")
        #expect(syntaxError("/* open")?.message == "unclosed comment")
        #expect(syntaxError("/* only */")?.message == "unexpected token EOF")
        #expect(try parse("\u{a0}true\u{2003}&&\u{2003}true").dump() == "(&& true true)")
        #expect(syntaxError("~1")?.message == "unrecognized character: U+007E '~'")
    }
}

@Suite struct ParserTests {
    @Test(arguments: [
        ("1 + 2 * 3", "(+ 1 (* 2 3))"),
        ("2 ** 3 ** 2", "(** 2 (** 3 2))"),
        ("-2 ** 2", "(- (** 2 2))"),
        ("not a == b", "(== (not id(a)) id(b))"),
        ("a not in b", "(not (in id(a) id(b)))"),
        ("1 < x < 3", "(&& (< 1 id(x)) (< id(x) 3))"),
        ("1 + nil ?? 2", "(+ 1 (?? nil 2))"),
        ("a || b && c", "(|| id(a) (&& id(b) id(c)))"),
        ("t ? 1 : f ? 2 : 3", "(? id(t) 1 (? id(f) 2 3))"),
        ("a ?: b", "(? id(a) id(a) id(b))"),
        ("1 + 2 | string()", "(call id(string) (+ 1 2))"),
        ("\"a\" | upper() + \"b\"", "(+ (call id(upper) \"a\") \"b\")"),
        ("a?.b.c", "(chain (. (?. id(a) \"b\") \"c\"))"),
        ("a?.[0]", "(chain (?. id(a) 0))"),
        ("x[1:]", "(slice id(x) 1 _)"),
        ("x[:]", "(slice id(x) _ _)"),
        ("filter(xs, .a > 1)", "(call id(filter) id(xs) (fn (> (. # \"a\") 1)))"),
        ("map(xs, #index)", "(call id(map) id(xs) (fn #index))"),
        ("let x = 1; x + 1", "(let x 1 (+ id(x) 1))"),
        ("if a { 1 } else { 2 }", "(? id(a) 1 2)"),
        ("1; 2", "(seq 1 2)"),
        ("{a: 1, \"b\": 2, (c): 3}", "{\"a\":1 \"b\":2 id(c):3}"),
        ("[1, 2,]", "[1 2]"),
        ("-1[0]", "(. (- 1) 0)"),
        ("x.not", "(. id(x) \"not\")"),
        ("date(s).Year()", "(call (. (call id(date) id(s)) \"Year\"))"),
    ])
    func precedence(_ source: String, _ tree: String) throws {
        #expect(try parse(source).dump() == tree)
    }

    @Test(arguments: [
        ("nil ?? 1 + 2", "Operator (+) and coalesce expressions (??) cannot be mixed. Wrap either by parentheses."),
        ("true.x", "unexpected token Operator(\".\")"),
        ("# > 1", "unexpected token Operator(\"#\")"),
        ("filter(xs, 1; 2)", "wrap predicate with brackets { and }"),
        ("response?.", "unexpected end of expression"),
        ("a.(b)", "expected name"),
        ("{,}", "a map key must be a quoted string, a number, a identifier, or an expression enclosed in parentheses (unexpected token Operator(\",\"))"),
        ("let x = 1", "unexpected token EOF"),
        ("true | not()", "unexpected token Operator(\"not\")"),
        ("1 2", "unexpected token Number(\"2\")"),
        ("filter()", "expected at least 2 arguments"),
    ])
    func syntaxErrors(_ source: String, _ message: String) {
        #expect(syntaxError(source)?.message == message)
    }

    @Test func errorRangesAreByteOffsets() {
        let e = syntaxError("é + + ]")
        #expect(e?.range == 7..<8)
    }

    @Test func nodeRangesCoverSource() throws {
        let src = "response.headers[\"X\"][0] == \"é\""
        let n = try parse(src)
        guard case .binary(_, let l, let r) = n.kind else { Issue.record("not binary"); return }
        let bytes = Array(src.utf8)
        #expect(String(decoding: bytes[l.range], as: UTF8.self) == "response.headers[\"X\"][0]")
        #expect(String(decoding: bytes[r.range], as: UTF8.self) == "\"é\"")
        #expect(n.range == 0..<bytes.count)
    }

    @Test func parsesQuickly() throws {
        let src = "response.statusCode == 200 && fromJSON(response.body).data.items[0] > 1 || response.headers[\"Content-Type\"][0] startsWith \"application/json\""
        let start = ContinuousClock.now
        for _ in 0..<2000 { _ = ExprParser.parse(src) }
        let elapsed = ContinuousClock.now - start
        #expect(elapsed < .seconds(5), "2000 parses took \(elapsed)")
    }
}

@Suite struct PrinterTests {
    @Test(arguments: [
        "1 + 2 * 3", "(1 + 2) * 3", "2 ** 3 ** 2", "(2 ** 3) ** 2", "-(1 + 2)", "-2 ** 2", "(-2) ** 2",
        "not (a == b)", "(not a) == b", "a not in b", "(1 < x) < 3", "1 < x < 3", "a ?? b ?? c", "a ?? (b ?? c)",
        "(a ?? b) + 1", "a ? b : c ? d : e", "(a ? b : c) ? d : e", "a ?: b", "x | filter(# > 1)",
        "let x = 1; let y = 2; x + y", "(let x = 1; x); 2", "if a { 1 } else if b { 2 } else { 3 }",
        "a?.b.c[0]?.d", "(-1)[0]", "{a: 1, (b): [1, 2,]}", "\"q\\\"\\n\" + 'x'", "b\"\\x00a\"", "1.5e300 + .5",
        "map(xs, {#index; # + 1})", "reduce(xs, #acc + #, 0)", "(true).x", "f((1; 2))", "[(1; 2)]",
    ])
    func roundTrip(_ source: String) throws {
        let tree = try parse(source)
        let printed = ExprPrinter.print(tree)
        let again = try parse(printed)
        #expect(again.dump() == tree.dump(), "printed as \(printed)")
    }
}
