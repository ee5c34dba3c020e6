import Foundation
import Testing
@testable import ExprLang

@Suite struct ConformanceTests {
    struct Report {
        var syntaxTotal = 0, syntaxAgree = 0
        var valueTotal = 0, valueAgree = 0
        var typeTotal = 0, typeAgree = 0
        var runtimeTotal = 0, runtimeAgree = 0
        var strictFlagged = 0, strictTotal = 0
        var disagreements: [String] = []
        var strictOnTrue: [String] = []
    }

    static func pct(_ a: Int, _ b: Int) -> String { b == 0 ? "n/a" : String(format: "%.1f%% (%d/%d)", 100.0 * Double(a) / Double(b), a, b) }

    @Test func oracleConformance() throws {
        let cases = try Oracle.load()
        #expect(cases.count > 2000, "oracle file looks truncated")
        let upstreamEnv = ExprEnvironment.httpSuccessConditionUpstreamView()
        let strictEnv = ExprEnvironment.httpSuccessCondition(dialect: .argo)
        var r = Report()
        for c in cases {
            let parsed = ExprParser.parse(c.expr)
            let isSyntax = c.outcome == "syntax"
            r.syntaxTotal += 1
            var parseOK = false
            switch parsed {
            case .success: parseOK = !isSyntax
                if isSyntax { r.disagreements.append("syntax: we accept \(c.id) \(c.expr.debugDescription) (\(c.compileError ?? ""))") }
            case .failure(let e): parseOK = isSyntax
                if !isSyntax { r.disagreements.append("syntax: we reject \(c.id) \(c.expr.debugDescription): \(e.message)") }
            }
            if parseOK { r.syntaxAgree += 1 }
            guard case .success(let root) = parsed else { continue }
            let diags = ExprChecker.check(root, source: c.expr, environment: upstreamEnv, requireBool: false)
            let compileError = diags.contains { $0.kind != .syntax }
            let program = ExprProgram(root: root, source: c.expr)
            switch c.outcome {
            case "true", "false", "non-bool":
                r.valueTotal += 1
                if compileError {
                    r.disagreements.append("value: checker rejects \(c.id) \(c.expr.debugDescription): \(diags.first?.message ?? "")")
                    continue
                }
                do {
                    let v = try ExprEvaluator.evaluate(program, environment: c.env)
                    let want = c.run?["value"] ?? NSNull()
                    let wantType = c.run?["type"] as? String ?? ""
                    var ok = v.goTypeName == wantType && Oracle.same(Oracle.render(v), want)
                    if ok, let types = c.run?["types"] { ok = Oracle.same(Oracle.renderTypes(v), types) }
                    if ok { r.valueAgree += 1 } else {
                        r.disagreements.append("value: \(c.id) \(c.expr.debugDescription): got \(v.goTypeName) \(Oracle.render(v)), want \(wantType) \(want)")
                    }
                } catch {
                    r.disagreements.append("value: \(c.id) \(c.expr.debugDescription) raised \(error)")
                }
            case "type", "unknown-name", "optimizer", "compiler":
                r.typeTotal += 1
                if compileError { r.typeAgree += 1 } else {
                    r.disagreements.append("type: no error for \(c.id) \(c.expr.debugDescription) (\(c.compileError ?? ""))")
                }
            case "runtime-error":
                r.runtimeTotal += 1
                if compileError { r.runtimeAgree += 1; continue }
                let strict = ExprChecker.check(root, source: c.expr, environment: strictEnv, requireBool: true)
                if strict.contains(where: { $0.kind != .syntax }) { r.runtimeAgree += 1; continue }
                do {
                    _ = try ExprEvaluator.evaluate(program, environment: c.env)
                    r.disagreements.append("runtime: no failure for \(c.id) \(c.expr.debugDescription)")
                } catch { r.runtimeAgree += 1 }
            default: break
            }
            if c.outcome == "true" {
                let strict = ExprChecker.check(root, source: c.expr, environment: strictEnv, requireBool: true)
                if let d = strict.first { r.strictOnTrue.append("\(c.id) \(c.expr.debugDescription): \(d.message)") }
            }
            if c.outcome == "non-bool" || c.outcome == "runtime-error" {
                r.strictTotal += 1
                let strict = ExprChecker.check(root, source: c.expr, environment: strictEnv, requireBool: true)
                if strict.contains(where: { $0.kind != .syntax }) { r.strictFlagged += 1 }
            }
        }
        print("expr-oracle conformance over \(cases.count) cases")
        print("  parser agreement:          \(Self.pct(r.syntaxAgree, r.syntaxTotal))")
        print("  value agreement:           \(Self.pct(r.valueAgree, r.valueTotal))")
        print("  type/unknown-name caught:  \(Self.pct(r.typeAgree, r.typeTotal))")
        print("  runtime failures caught:   \(Self.pct(r.runtimeAgree, r.runtimeTotal))")
        print("  strict checker flags non-bool/runtime-error cases: \(Self.pct(r.strictFlagged, r.strictTotal))")
        print("  strict checker diagnostics on cases upstream evaluates to true (informational): \(r.strictOnTrue.count)")
        for d in r.strictOnTrue.prefix(60) { print("    ~ " + d) }
        for d in r.disagreements.prefix(400) { print("  - " + d) }
        #expect(r.syntaxAgree == r.syntaxTotal, "parser must agree with upstream on every case")
        #expect(r.valueAgree == r.valueTotal, "values must agree with upstream on every case")
    }
}
