import Foundation
import ArgoModel
import ArgoSemantics
import ExprLang

extension Runner {
    /// The agent's part: build the request from the template, send it,
    /// judge the response. The body is the node's result even when the node
    /// fails on its status or a false condition, not when judging errors.
    func runHTTP(_ template: Template, values: [String: String], path: String, displayName: String, start: Double) async -> Outcome {
        func fail(_ message: String, at time: Double = start, result: String? = nil) -> Outcome {
            Outcome(phase: .failed, message: message, result: result, startedAt: start, finishedAt: time, path: path)
        }
        guard let http = template.http else { return fail("agent cannot execute: unknown task type: http") }
        let site = SiteValues(site: .templateBody(template), scope: scope, flat: values)
        let url, method, body, condition: String
        var headers: [(name: String, value: String)] = []
        var headersForCondition: [String: [String]] = [:]
        var secretValues: [String] = []
        var host: String?
        var bodyBytes: [UInt8]?
        do {
            url = try site.substitute(http.url?.value ?? "")
            method = try site.substitute(http.method?.value ?? "")
            body = try site.substitute(http.body?.value ?? "")
            condition = try site.substitute(http.successCondition?.value ?? "")
            if semantics.dialect == .seed, let contentType = http.contentType?.value {
                headers.append(("Content-Type", try site.substitute(contentType)))
            }
            for header in http.headers {
                let name = header.name?.value ?? ""
                var value = try site.substitute(header.value?.value ?? "")
                if let secretName = header.secretName?.value, let key = header.secretKey?.value {
                    switch options.secrets.value(secret: secretName, key: key) {
                    case .success(let secret):
                        value = secret
                        secretValues.append(secret)
                    case .failure(let error):
                        if header.secretKeyRef?.field("optional")?.boolValue == true { continue }
                        return fail(error.message)
                    }
                } else if let lookup = SeedSecretLookup.parse(header.value?.value ?? ""), semantics.dialect == .seed {
                    switch options.secrets.value(secret: lookup.name, key: lookup.key) {
                    case .success(let secret):
                        value = secret
                        secretValues.append(secret)
                    case .failure(let error): return fail(error.message)
                    }
                } else {
                    headersForCondition[name] = [value]
                }
                if name.lowercased() == "host" { host = value } else { headers.append((name, value)) }
            }
            if let bytes = http.bodyFrom?["bytes"]?.stringValue {
                guard let data = Data(base64Encoded: bytes.filter { !$0.isWhitespace }) else { return fail("illegal base64 data in bodyFrom.bytes") }
                bodyBytes = [UInt8](data)
            }
        } catch let failure as SiteValues.Failure {
            return Outcome(phase: .error, message: failure.message, startedAt: start, finishedAt: start, path: path)
        } catch {
            return fail("\(error)")
        }
        let wireMethod = method.isEmpty ? "GET" : method
        let operation = wireMethod.prefix(1).uppercased() + wireMethod.dropFirst().lowercased()
        if let problem = RequestShape.problem(method: wireMethod, url: url) {
            return fail(problem.hasPrefix("net/http: invalid method") ? problem : "\(operation) \"\(url)\": \(problem)")
        }
        let wireBody = http.bodyFrom != nil ? (bodyBytes ?? []) : Array(body.utf8)
        let outgoing = OutgoingRequest(method: wireMethod, url: url, host: host, headers: headers, body: wireBody)
        let masker = SecretMasker(values: secretValues + options.secrets.allValues)
        var record = RequestRecord(node: displayName, nodePath: path, method: wireMethod, url: masker.mask(url),
                                   headers: headers.map { ($0.name, masker.mask($0.value)) }, body: masker.mask(String(decoding: wireBody, as: UTF8.self)),
                                   startedAt: start, finishedAt: start)
        let outcome = await transport.send(outgoing)
        let timeout = (try? site.substitute(http.timeoutSeconds?.value ?? "")).flatMap { Double($0) }
        let prefix = "\(operation) \"\(url)\": "
        let response: IncomingResponse
        switch outcome {
        case .response(let r): response = r
        case .reset:
            record.error = prefix + "read: connection reset by peer"
            recorder.record(record)
            return fail(masker.mask(record.error ?? ""))
        case .emptyResponse:
            record.error = prefix + "EOF"
            recorder.record(record)
            return fail(masker.mask(record.error ?? ""))
        case .malformed(let detail):
            record.error = prefix + "net/http: HTTP/1.x transport connection broken: \(detail)"
            recorder.record(record)
            return fail(masker.mask(record.error ?? ""))
        case .failed(let detail):
            record.error = prefix + detail
            recorder.record(record)
            return fail(masker.mask(record.error ?? ""))
        }
        // The responder reports its delay instead of sleeping: the clock here is virtual.
        let delay = response.headers.first { $0.name.lowercased() == "x-argolint-delay-ms" }.flatMap { Double($0.value) } ?? 0
        let responseHeaders = response.headers.filter { $0.name.lowercased() != "x-argolint-delay-ms" }
        if let timeout, timeout > 0, delay / 1000 > timeout {
            record.error = prefix + "context deadline exceeded"
            record.finishedAt = start + timeout
            recorder.record(record)
            return fail(masker.mask(record.error ?? ""), at: start + timeout)
        }
        let finished = start + delay / 1000
        let bodyText = String(decoding: response.body, as: UTF8.self)
        record.status = response.status
        record.responseHeaders = responseHeaders.map { ($0.name, masker.mask($0.value)) }
        record.responseBody = masker.mask(bodyText)
        record.finishedAt = finished
        recorder.record(record)

        var phase: NodePhase = .succeeded
        var message = ""
        if condition.isEmpty {
            if !(200..<300).contains(response.status) {
                phase = .failed
                message = "received non-2xx response code: \(response.status)"
            }
        } else {
            let judged = SuccessCondition.evaluate(condition, dialect: semantics.dialect, request: (method, url, body, bodyBytes, headersForCondition),
                                                   response: (response.status, bodyText, responseHeaders))
            switch judged {
            case .success(true): break
            case .success(false):
                phase = .failed
                message = "successCondition '\(condition)' evaluated false"
            case .failure(let error):
                return fail(masker.mask(error.message), at: finished)
            }
        }
        return Outcome(phase: phase, message: masker.mask(message), result: bodyText, startedAt: start, finishedAt: finished, path: path)
    }
}

/// What Go's client refuses before sending anything.
enum RequestShape {
    static func problem(method: String, url: String) -> String? {
        let tokenBytes = Set("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8)
        if method.utf8.contains(where: { !tokenBytes.contains($0) }) { return "net/http: invalid method \(JSONText.string(method))" }
        guard let parts = AbsoluteURL(url) else {
            return url.contains(":") ? "unsupported protocol scheme \"\(url.prefix { $0 != ":" })\"" : "unsupported protocol scheme \"\""
        }
        let scheme = parts.scheme.lowercased()
        guard scheme == "http" || scheme == "https" else { return "unsupported protocol scheme \"\(scheme)\"" }
        if url.contains(" ") { return "invalid character \" \" in URL" }
        if parts.host.isEmpty { return "http: no Host in request URL" }
        return nil
    }
}

/// The seed's `{{=lookup 'secret' 'NAME' 'KEY'}}` header value.
enum SeedSecretLookup {
    static func parse(_ value: String) -> (name: String, key: String)? {
        let trimmed = value.trimmingSpaces
        guard trimmed.hasPrefix("{{="), trimmed.hasSuffix("}}") else { return nil }
        let inner = String(trimmed.dropFirst(3).dropLast(2)).trimmingSpaces
        let words = inner.split(separator: " ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "'\"")) }
        guard words.count == 4, words[0] == "lookup", words[1] == "secret" else { return nil }
        return (words[2], words[3])
    }
}
