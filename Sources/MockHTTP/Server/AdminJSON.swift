import Foundation

/// The admin API's documents, shaped like WireMock's so existing habits
/// (and small scripts) carry over.
enum AdminJSON {
    /// `GET /__admin/requests`: serve events, newest first.
    static func serveEvents(_ entries: [JournalEntry]) -> JSONValue {
        .object([
            JSONMember(key: "requests", value: .array(entries.reversed().map(serveEvent))),
            JSONMember(key: "meta", value: .object([JSONMember(key: "total", value: .number(String(entries.count)))])),
            JSONMember(key: "requestJournalDisabled", value: .bool(false)),
        ])
    }

    /// `GET /__admin/requests/unmatched`: the requests alone, newest first.
    static func unmatchedRequests(_ entries: [JournalEntry]) -> JSONValue {
        .object([JSONMember(key: "requests", value: .array(entries.filter { !$0.wasMatched }.reversed().map(request)))])
    }

    static func serveEvent(_ entry: JournalEntry) -> JSONValue {
        var response: [JSONMember] = []
        if let status = entry.responseStatus { response.append(JSONMember(key: "status", value: .number(String(status)))) }
        if let fault = entry.fault { response.append(JSONMember(key: "fault", value: .string(fault.rawValue))) }
        if let delay = entry.delayMilliseconds {
            response.append(JSONMember(key: "fixedDelayMilliseconds", value: .number(String(delay))))
        }
        var members = [
            JSONMember(key: "id", value: .string(entry.id)),
            JSONMember(key: "request", value: request(entry)),
            JSONMember(key: "responseDefinition", value: .object(response)),
            JSONMember(key: "wasMatched", value: .bool(entry.wasMatched)),
        ]
        if let stubID = entry.stubID {
            var stub = [JSONMember(key: "id", value: .string(stubID))]
            if let name = entry.stubName { stub.append(JSONMember(key: "name", value: .string(name))) }
            members.append(JSONMember(key: "stubMapping", value: .object(stub)))
        }
        return .object(members)
    }

    static func request(_ entry: JournalEntry) -> JSONValue {
        let millis = Int((entry.loggedAt.timeIntervalSince1970 * 1000).rounded())
        return .object([
            JSONMember(key: "url", value: .string(entry.pathAndQuery)),
            JSONMember(key: "absoluteUrl", value: entry.absoluteURL.map(JSONValue.string) ?? .null),
            JSONMember(key: "host", value: entry.host.map(JSONValue.string) ?? .null),
            JSONMember(key: "method", value: .string(entry.method)),
            JSONMember(key: "headers", value: headers(entry.headers)),
            JSONMember(key: "body", value: .string(entry.bodyText)),
            JSONMember(key: "bodyAsBase64", value: .string(Data(entry.body).base64EncodedString())),
            JSONMember(key: "loggedDate", value: .number(String(millis))),
            JSONMember(key: "loggedDateString", value: .string(entry.loggedAt.ISO8601Format())),
        ])
    }

    /// A header written once is a string; a repeated one, a list.
    static func headers(_ fields: [HTTPField]) -> JSONValue {
        var order: [String] = []
        var values: [String: [String]] = [:]
        for field in fields {
            if values[field.name] == nil { order.append(field.name) }
            values[field.name, default: []].append(field.value)
        }
        return .object(order.map { name in
            let list = values[name] ?? []
            return JSONMember(key: name, value: list.count == 1 ? .string(list[0]) : .array(list.map(JSONValue.string)))
        })
    }

    static func mappings(_ stubs: [StubMapping]) -> JSONValue {
        .object([
            JSONMember(key: "mappings", value: .array(stubs.map(\.definition))),
            JSONMember(key: "meta", value: .object([JSONMember(key: "total", value: .number(String(stubs.count)))])),
        ])
    }

    static func scenarios(_ scenarios: [ScenarioSnapshot]) -> JSONValue {
        .object([JSONMember(key: "scenarios", value: .array(scenarios.map { scenario in
            .object([
                JSONMember(key: "id", value: .string(scenario.name)),
                JSONMember(key: "name", value: .string(scenario.name)),
                JSONMember(key: "state", value: .string(scenario.state)),
                JSONMember(key: "possibleStates", value: .array(scenario.possibleStates.map(JSONValue.string))),
            ])
        }))])
    }

    static func error(_ message: String) -> JSONValue {
        .object([JSONMember(key: "errors", value: .array([.object([JSONMember(key: "title", value: .string(message))])]))])
    }
}
