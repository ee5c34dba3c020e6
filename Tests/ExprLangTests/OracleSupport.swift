import Foundation
@testable import ExprLang

/// Loads the expr conformance oracle shared by the project.
enum Oracle {
    struct Case {
        var id: String
        var expr: String
        var outcome: String
        var env: [String: ExprValue]
        var run: [String: Any]?
        var compileError: String?
    }

    static func casesURL(filePath: String = #filePath) -> URL? {
        var candidates: [URL] = []
        if let shared = ProcessInfo.processInfo.environment["ARGOLINT_SHARED"] {
            candidates.append(URL(fileURLWithPath: shared).appendingPathComponent("corpus/expr-oracle/cases.jsonl"))
        }
        let here = URL(fileURLWithPath: filePath)
        for base in [here.resolvingSymlinksInPath(), here] {
            candidates.append(base.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("shared/corpus/expr-oracle/cases.jsonl"))
        }
        candidates.append(URL(fileURLWithPath: "/work/shared/corpus/expr-oracle/cases.jsonl"))
        return candidates.first { FileManager.default.fileExists(atPath: $0.path) }
    }

    static func load() throws -> [Case] {
        guard let url = casesURL() else {
            throw ExprRuntimeError("expr oracle not found: expected ../shared/corpus/expr-oracle/cases.jsonl next to the repository or ARGOLINT_SHARED")
        }
        let text = try String(contentsOf: url, encoding: .utf8)
        var out: [Case] = []
        for line in text.split(separator: "\n") where !line.isEmpty {
            guard let obj = try JSONSerialization.jsonObject(with: Data(line.utf8), options: [.fragmentsAllowed]) as? [String: Any] else { continue }
            let envObj = obj["env"] as? [String: Any] ?? [:]
            var compileError: String?
            if let c = obj["compile"] as? [String: Any] { compileError = c["error"] as? String }
            out.append(Case(
                id: obj["id"] as? String ?? "",
                expr: obj["expr"] as? String ?? "",
                outcome: obj["outcome"] as? String ?? "",
                env: httpEnvironment(envObj),
                run: obj["run"] as? [String: Any],
                compileError: compileError))
        }
        return out
    }

    static func headers(_ any: Any?) -> ExprValue {
        var d: [String: [String]] = [:]
        for (k, v) in (any as? [String: Any]) ?? [:] { d[k] = (v as? [Any])?.compactMap { $0 as? String } ?? [] }
        return .header(d)
    }

    /// Builds the Go-typed env exactly as Argo's agent does (see the oracle README).
    static func httpEnvironment(_ env: [String: Any]) -> [String: ExprValue] {
        let req = env["request"] as? [String: Any] ?? [:]
        let resp = env["response"] as? [String: Any] ?? [:]
        let bodyBytes: ExprValue
        if let s = req["bodyBytes"] as? String { bodyBytes = .bytes(Array(s.utf8), isNil: false) } else { bodyBytes = .bytes([], isNil: true) }
        let status = (resp["statusCode"] as? NSNumber)?.intValue ?? 0
        return [
            "request": .object([
                "method": .string(req["method"] as? String ?? ""),
                "url": .string(req["url"] as? String ?? ""),
                "body": .string(req["body"] as? String ?? ""),
                "bodyBytes": bodyBytes,
                "headers": headers(req["headers"]),
            ]),
            "response": .object([
                "statusCode": .int(status),
                "body": .string(resp["body"] as? String ?? ""),
                "headers": headers(resp["headers"]),
            ]),
        ]
    }

    /// Our value rendered the way the oracle harness recorded Go values.
    static func render(_ v: ExprValue) -> Any {
        switch v {
        case .null: return NSNull()
        case .bool(let b): return b
        case .int(let i): return i
        case .byte(let b): return Int(b)
        case .float(let d):
            if d.isNaN { return "NaN" }
            if d.isInfinite { return d > 0 ? "+Inf" : "-Inf" }
            return d
        case .string(let s): return s
        case .bytes(let b, _): return b.map { Int($0) }
        case .array(let xs, _, _): return xs.map(render)
        case .map(let m, _):
            var d: [String: Any] = [:]
            for (k, x) in m { d[GoFormat.formatV(k.value)] = render(x) }
            return d
        case .duration(let n): return GoFormat.formatDuration(n)
        case .time(let t): return GoFormat.formatRFC3339Nano(t)
        case .location(let n): return n
        }
    }

    static func renderTypes(_ v: ExprValue) -> Any {
        switch v {
        case .array(let xs, _, _): return xs.map(renderTypes)
        case .bytes(let b, _): return b.map { _ in "uint8" }
        case .map(let m, _):
            var d: [String: Any] = [:]
            for (k, x) in m { d[GoFormat.formatV(k.value)] = renderTypes(x) }
            return d
        default: return v.goTypeName
        }
    }

    static func same(_ a: Any, _ b: Any) -> Bool {
        if a is NSNull || b is NSNull { return a is NSNull && b is NSNull }
        if let x = a as? String, let y = b as? String { return x == y }
        if let x = a as? [Any], let y = b as? [Any] {
            return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        }
        if let x = a as? [String: Any], let y = b as? [String: Any] {
            return x.count == y.count && x.allSatisfy { k, v in y[k].map { same(v, $0) } ?? false }
        }
        if let x = a as? Bool, let y = b as? Bool, type(of: a) == Bool.self || (a as? NSNumber).map({ String(cString: $0.objCType) == "c" }) ?? false {
            if let yn = b as? NSNumber, String(cString: yn.objCType) != "c" { return false }
            return x == y
        }
        if let x = (a as? NSNumber)?.doubleValue ?? (a as? Int).map(Double.init) ?? (a as? Double),
           let y = (b as? NSNumber)?.doubleValue ?? (b as? Int).map(Double.init) ?? (b as? Double) {
            if x == y { return true }
            return abs(x - y) <= 1e-9 * max(abs(x), abs(y))
        }
        return false
    }
}
