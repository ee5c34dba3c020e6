import ArgoSemantics
import ExprLang

/// An HTTP template's successCondition, judged as the agent judges it.
enum SuccessCondition {
    struct Failure: Error { var message: String }

    static func evaluate(_ condition: String, dialect: Dialect,
                         request: (method: String, url: String, body: String, bodyBytes: [UInt8]?, headers: [String: [String]]),
                         response: (status: Int, body: String, headers: [(name: String, value: String)])) -> Result<Bool, Failure> {
        // The seed's conveniences mean what their upstream spellings mean: apply
        // the linter's own fixes (status_code, response.body.x, .length), then
        // evaluate upstream's expression.
        let source = dialect == .seed ? upstreamSpelling(of: condition) : condition
        let environment = ExprEnvironment.httpSuccessCondition(dialect: .argo)
        for issue in ExprLint.check(source: source, environment: environment, requireBool: false) where issue.kind != .type {
            return .failure(Failure(message: issue.message))
        }
        let program: ExprProgram
        do { program = try ExprProgram(source: source) } catch { return .failure(Failure(message: "\(error)")) }
        var responseHeaders: [String: [String]] = [:]
        for header in response.headers { responseHeaders[canonicalHeaderKey(header.name), default: []].append(header.value) }
        let values: [String: ExprValue] = [
            "request": .object([
                "method": .string(request.method), "url": .string(request.url), "body": .string(request.body),
                "bodyBytes": .bytes(request.bodyBytes ?? [], isNil: request.bodyBytes == nil), "headers": .header(request.headers),
            ]),
            "response": .object([
                "statusCode": .int(response.status), "body": .string(response.body), "headers": .header(responseHeaders),
            ]),
        ]
        do {
            let result = try ExprEvaluator.evaluate(program, environment: values)
            guard case .bool(let b) = result else {
                let shown: String
                if case .string(let s) = result { shown = s } else { shown = "%!s(\(result.goTypeName)=\(result.goText))" }
                return .failure(Failure(message: "unable to cast expression result '\(shown)' to bool"))
            }
            return .success(b)
        } catch {
            return .failure(Failure(message: "unable to evaluate expression '\(condition)': \(error)"))
        }
    }

    /// The seed condition with every seed-only form rewritten as the argo dialect's fixes say.
    static func upstreamSpelling(of condition: String) -> String {
        var source = condition
        for _ in 0..<4 {
            let fixes = ExprLint.check(source: source, environment: .httpSuccessCondition(dialect: .argo), requireBool: true).compactMap(\.fix)
            guard !fixes.isEmpty else { break }
            source = ExprFix.apply(fixes, to: source)
        }
        return source
    }

    /// Go's `textproto.CanonicalMIMEHeaderKey`: `content-type` → `Content-Type`.
    static func canonicalHeaderKey(_ name: String) -> String {
        var result = ""
        var upper = true
        for c in name {
            result += upper ? c.uppercased() : c.lowercased()
            upper = c == "-"
        }
        return result
    }
}
