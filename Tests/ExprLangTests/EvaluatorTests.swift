import Foundation
import Testing
@testable import ExprLang

func run(_ s: String, _ env: [String: ExprValue] = sampleEnv) throws -> ExprValue {
    try ExprEvaluator.evaluate(ExprProgram(source: s), environment: env)
}

let sampleEnv: [String: ExprValue] = [
    "request": .object([
        "method": .string("GET"), "url": .string("https://x"), "body": .string(""),
        "bodyBytes": .bytes([], isNil: true), "headers": .header(["accept": ["application/json"]]),
    ]),
    "response": .object([
        "statusCode": .int(200),
        "body": .string(#"{"status":"completed","data":{"items":[1,2,3]},"n":3}"#),
        "headers": .header(["Content-Type": ["application/json"]]),
    ]),
]

func show(_ v: ExprValue) -> String { "\(v.goTypeName) \(GoFormat.formatV(v))" }

@Suite struct EvaluatorTests {
    @Test(arguments: [
        ("7 / 2", "float64 3.5"),
        ("2 ** 3", "float64 8"),
        ("-3 % 2", "int -1"),
        ("9223372036854775807 + 1", "int -9223372036854775808"),
        ("\"héllo\"[1]", "uint8 195"),
        ("len(\"héllo\")", "int 5"),
        ("indexOf(\"héllo\", \"l\")", "int 3"),
        ("1 == 1.0", "bool true"),
        ("response.statusCode == \"200\"", "bool false"),
        ("response.headers[\"X\"]", "[]string []"),
        ("response.headers[\"X\"] == nil", "bool true"),
        ("response.headers[\"X\"] ?? \"d\"", "string d"),
        ("response.missing?.x", "nil <nil>"),
        ("fromJSON(response.body).data.items[0]", "float64 1"),
        ("fromJSON(response.body).n + 1", "float64 4"),
        ("response.statusCode == 200 && fromJSON(response.body).missing", "nil <nil>"),
        ("fromJSON(response.body).status && true", "string completed"),
        ("[1, 2, 3][-1:10]", "[]interface {} [3]"),
        ("1..3", "[]int [1 2 3]"),
        ("string(100000000.0)", "string 1e+08"),
        ("string(0.000001)", "string 1e-06"),
        ("string([1, 2.5])", "string [1 2.5]"),
        ("toJSON({\"b\": 1, \"a\": [true, nil]})", "string {\n  \"a\": [\n    true,\n    null\n  ],\n  \"b\": 1\n}"),
        ("round(-2.5)", "float64 -3"),
        ("max(1, 2.5)", "float64 2.5"),
        ("sum([1, 2.5])", "float64 3.5"),
        ("findIndex([1, 2], # > 5)", "nil <nil>"),
        ("reduce([1, 2, 3], #acc + #)", "int 6"),
        ("groupBy([1, 2, 3], # % 2)", "map[interface {}][]interface {} map[0:[2] 1:[1 3]]"),
        ("split(\"a,b\", \",\")", "[]string [a b]"),
        ("duration(\"90s\")", "time.Duration 1m30s"),
        ("date(\"2023-01-02T00:00:00Z\").Year()", "int 2023"),
        ("date(\"2023-01-02T00:00:00Z\") - date(\"2023-01-01T00:00:00Z\")", "time.Duration 24h0m0s"),
        ("\"a\" | upper() + \"b\"", "string Ab"),
        ("let x = 2; x * x", "int 4"),
        ("if response.statusCode == 200 { 'ok' } else { 'no' }", "string ok"),
        ("request.method in [\"GET\"]", "bool true"),
        ("response.missing in [\"\"]", "bool true"),
        ("b\"ab\"", "[]uint8 [97 98]"),
        ("request.bodyBytes ?? 'none'", "string none"),
        ("toPairs({\"a\": 1})", "[][2]interface {} [[a 1]]"),
    ])
    func values(_ source: String, _ expected: String) throws {
        #expect(show(try run(source)) == expected)
    }

    @Test(arguments: [
        ("response.body.status", "invalid operation: int(string)"),
        ("response.missing.x", "cannot fetch x from <nil>"),
        ("response.headers[\"Content-Type\"] contains \"json\"", "interface conversion: interface {} is []string, not string"),
        ("response.statusCode in [\"200\"]", "reflect.Value.MapIndex: value of type int is not assignable to type string"),
        ("response.statusCode < \"100\"", "invalid operation: int < string"),
        ("[1, 2, 3][3]", "index out of range: 3 (array length is 3)"),
        ("len(response.statusCode)", "invalid argument for len (type int)"),
        ("\"x\" in response.body", "operator \"in\" not defined on string"),
        ("int(\"4.2\")", "invalid operation: int(4.2)"),
        ("let z = 0; 1 % z", "runtime error: integer divide by zero"),
        ("response.statusCode ?: 1", "interface conversion: interface {} is int, not bool"),
        ("fromJSON(\"{\")", "unexpected end of JSON input"),
        ("repeat(\"a\", -1)", "invalid argument for repeat (expected positive integer, got -1)"),
        ("duration(\"1d\")", "time: unknown unit \"d\" in duration \"1d\""),
    ])
    func runtimeErrors(_ source: String, _ message: String) {
        #expect(throws: ExprRuntimeError(message)) { try run(source) }
    }

    @Test func valuesFromJSON() throws {
        let obj = try JSONSerialization.jsonObject(with: Data(#"{"a":[1,true,"x",null],"b":{"c":1.5}}"#.utf8))
        let v = ExprValue.fromJSON(obj)
        #expect(show(try run("x.a[0] + x.b.c", ["x": v])) == "float64 2.5")
        #expect(show(try run("x.a[1]", ["x": v])) == "bool true")
        #expect(show(try run("x.a[3] == nil", ["x": v])) == "bool true")
        let w = ExprValue.fromJSON(["n": 3, "s": "t"] as [String: Any], integersAsInt: true)
        #expect(show(try run("x.n", ["x": w])) == "int 3")
    }
}
