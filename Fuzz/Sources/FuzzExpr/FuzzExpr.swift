import ExprLang
import FuzzSupport

/// The expr language: lexer, parser, printer, type checker (the HTTP
/// successCondition environment in both dialects and a `{{= }}` tag
/// environment) and evaluator (the successCondition values, and Argo's
/// extra functions over workflow variables).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExpr(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    let source = String(decoding: bytes, as: UTF8.self)
    _ = ExprLexer.tokenize(source)
    guard case .success(let root) = ExprParser.parse(source) else { return 0 }
    _ = ExprPrinter.print(root)
    _ = ExprChecker.analyze(root, source: source, environment: .httpSuccessCondition(dialect: .argo), requireBool: true)
    _ = ExprChecker.analyze(root, source: source, environment: .httpSuccessCondition(dialect: .seed), requireBool: true)
    _ = ExprChecker.analyze(root, source: source, environment: tagEnvironment, requireBool: false)
    let program = ExprProgram(root: root, source: source)
    _ = try? ExprEvaluator.evaluate(program, environment: successValues)
    _ = try? ExprEvaluator.evaluate(program, environment: tagValues, argoFunctions: true)
    return 0
}

private let tagEnvironment = ExprEnvironment.argoTemplateTag(variables: [
    "inputs.parameters.name": .string, "inputs.parameters.count": .string,
    "steps.fetch.outputs.result": .string, "tasks.a.status": .string,
    "workflow.name": .string, "workflow.creationTimestamp": .string, "item": .any,
], openPrefixes: ["workflow.labels"])

private let tagValues: [String: ExprValue] = [
    "inputs": .object(["parameters": .object(["name": .string("world"), "count": .string("3")])]),
    "steps": .object(["fetch": .object(["outputs": .object(["result": .string("{\"a\":[1,2,{\"b\":null}],\"c\":\"d\"}")])])]),
    "tasks": .object(["a": .object(["status": .string("Succeeded")])]),
    "workflow": .object(["name": .string("wf-x1"), "creationTimestamp": .string("2024-01-02T03:04:05Z"),
                         "labels": .object(["team": .string("a")])]),
    "item": .array([.int(1), .float(2.5), .string("x"), .null, .bool(true)]),
]

private let successValues: [String: ExprValue] = [
    "request": .object([
        "method": .string("GET"), "url": .string("https://api.example.com/v1/jobs?id=42"), "body": .string(""),
        "bodyBytes": .bytes([], isNil: true), "headers": .header(["Accept": ["application/json"]]),
    ]),
    "response": .object([
        "statusCode": .int(200),
        "body": .string("{\"status\":\"completed\",\"data\":{\"items\":[1,2,3],\"count\":3},\"ok\":true,\"ratio\":0.5}"),
        "headers": .header(["Content-Type": ["application/json"]]),
    ]),
]

@_cdecl("FuzzExpr_main")
public func fuzzExprMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    fuzzMain(argc, argv, fuzzExpr)
}
