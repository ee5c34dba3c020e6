import Foundation
import ArgoModel
import ExprLang
import YAMLTree

/// `retryStrategy` as the controller reads it.
struct RetryStrategy {
    enum Policy: String { case always = "Always", onFailure = "OnFailure", onError = "OnError", onTransientError = "OnTransientError" }

    var limit: Int?
    var policy: Policy
    var backoffDuration: Double?
    var backoffFactor: Double?
    var backoffCap: Double?
    var maxDuration: Double?
    var expression: String?

    init(_ node: YAMLNode) {
        limit = node.field("limit").flatMap { Int($0.value) }
        expression = node.field("expression")?.value
        // Without an explicit policy: OnFailure, or Always when an expression decides.
        policy = node.field("retryPolicy").flatMap { Policy(rawValue: $0.value) } ?? (expression == nil ? .onFailure : .always)
        let backoff = node["backoff"]
        backoffDuration = backoff?.field("duration").flatMap { GoDuration.seconds($0.value) }
        backoffFactor = backoff?.field("factor").flatMap { Double($0.value) }
        backoffCap = backoff?.field("cap").flatMap { GoDuration.seconds($0.value) }
        maxDuration = backoff?.field("maxDuration").flatMap { GoDuration.seconds($0.value) }
    }
}

/// Go durations (`1m30s`, `500ms`) and Argo's bare seconds (`10`).
enum GoDuration {
    static func seconds(_ text: String) -> Double? {
        if let plain = Double(text) { return plain }
        var total = 0.0
        var number = ""
        var unit = ""
        var found = false
        func flush() -> Bool {
            guard let value = Double(number) else { return false }
            let scale: Double
            switch unit {
            case "h": scale = 3600
            case "m": scale = 60
            case "s": scale = 1
            case "ms": scale = 0.001
            case "us", "µs": scale = 0.000001
            case "ns": scale = 0.000000001
            default: return false
            }
            total += value * scale
            number = ""
            unit = ""
            found = true
            return true
        }
        for c in text {
            if c.isNumber || c == "." {
                if !unit.isEmpty { guard flush() else { return nil } }
                number.append(c)
            } else {
                unit.append(c)
            }
        }
        guard flush() else { return nil }
        return found ? total : nil
    }
}

extension Runner {
    /// Attempts `name(0)`, `name(1)`, ... under a Retry parent that takes the
    /// last attempt's phase and outputs.
    func runWithRetry(_ template: Template, strategy: RetryStrategy, values: [String: String], path: String, displayName: String,
                      parent: String?, start: Double) async -> Outcome {
        var node = RunNode(path: path, displayName: displayName, type: .retry, template: template.name?.value)
        node.startedAt = start
        node.phase = .running
        recorder.add(node, parent: parent)
        var attemptStart = start
        var attempts: [Outcome] = []
        var final: Outcome
        var message = ""
        while true {
            var attemptValues = values
            attemptValues["retries"] = String(attempts.count)
            if let last = attempts.last {
                attemptValues["lastRetry.status"] = last.phase.rawValue
                attemptValues["lastRetry.message"] = last.message
                attemptValues["lastRetry.exitCode"] = last.exitCode ?? "-1"
                attemptValues["lastRetry.duration"] = String(Int(last.finishedAt - last.startedAt))
            }
            let index = attempts.count
            let outcome = await runOnce(template, values: attemptValues, path: "\(path)(\(index))", displayName: "\(displayName)(\(index))",
                                        parent: path, start: attemptStart)
            attempts.append(outcome)
            final = outcome
            if outcome.phase == .succeeded || !outcome.phase.isFailedOrError { message = ""; break }
            let retries: Bool
            switch strategy.policy {
            case .always: retries = true
            case .onFailure: retries = outcome.phase == .failed
            case .onError: retries = outcome.phase == .error
            case .onTransientError: retries = false
            }
            if !retries { message = outcome.message; break }
            if let limit = strategy.limit, attempts.count > limit { message = "No more retries left"; break }
            if attempts.count >= options.maxAttempts {
                message = "argolint stopped after \(attempts.count) attempts: this retryStrategy has no limit, so Argo would retry forever"
                break
            }
            if let expression = strategy.expression, !retryExpressionAllows(expression, attempts: attempts) {
                message = outcome.message
                break
            }
            var wait = 0.0
            if let base = strategy.backoffDuration {
                wait = base * pow(max(strategy.backoffFactor ?? 1, 1), Double(attempts.count - 1))
                if let cap = strategy.backoffCap { wait = min(wait, cap) }
            }
            let next = outcome.finishedAt + wait
            if let maxDuration = strategy.maxDuration, next > start + maxDuration {
                message = "Backoff would exceed max duration limit"
                break
            }
            attemptStart = next
        }
        let count = attempts.count
        let result = final
        let finalMessage = message
        recorder.update(path) { node in
            node.phase = result.phase
            node.message = finalMessage
            node.finishedAt = result.finishedAt
            node.result = result.result
            node.outputParameters = result.parameters
            node.attempts = count
        }
        var outcome = result
        outcome.message = finalMessage
        outcome.path = path
        outcome.startedAt = start
        return outcome
    }

    private func retryExpressionAllows(_ expression: String, attempts: [Outcome]) -> Bool {
        guard let last = attempts.last, let program = try? ExprProgram(source: expression) else { return false }
        let values: [String: ExprValue] = [
            "retries": .string(String(attempts.count - 1)),
            "lastRetry": .object([
                "status": .string(last.phase.rawValue), "message": .string(last.message),
                "exitCode": .string(last.exitCode ?? "-1"), "duration": .string(String(Int(last.finishedAt - last.startedAt))),
            ]),
        ]
        guard let result = try? ExprEvaluator.evaluate(program, environment: values, argoFunctions: true), case .bool(let b) = result else { return false }
        return b
    }
}
