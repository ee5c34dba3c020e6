import Foundation

extension ScriptedResponses {
    /// WireMock stub mappings that answer the n-th call as written: one
    /// scenario state per call number, at priority 1 so they come before the mocks.
    public func stubMappingsJSON(index: Int) -> String {
        let scenario = "argolint-responses-\(index)"
        let (host, pathAndQuery) = Self.split(url)
        var stubs: [String] = []
        func state(_ call: Int) -> String { call == 0 ? "Started" : "call-\(call)" }
        func request() -> String {
            var fields = ["\"method\":\(JSONText.string(method))", "\"url\":\(JSONText.string(pathAndQuery))"]
            if !host.isEmpty { fields.append("\"host\":{\"equalTo\":\(JSONText.string(host))}") }
            return "{" + fields.joined(separator: ",") + "}"
        }
        for (range, response) in calls {
            if range.upperBound == Int.max {
                stubs.append("{\"priority\":1,\"scenarioName\":\(JSONText.string(scenario)),\"requiredScenarioState\":\(JSONText.string(state(range.lowerBound))),\"request\":\(request()),\"response\":\(response)}")
                continue
            }
            for call in range.lowerBound...min(range.upperBound, range.lowerBound + 9_999) {
                stubs.append("{\"priority\":1,\"scenarioName\":\(JSONText.string(scenario)),\"requiredScenarioState\":\(JSONText.string(state(call))),\"newScenarioState\":\(JSONText.string(state(call + 1))),\"request\":\(request()),\"response\":\(response)}")
            }
        }
        return "{\"mappings\":[" + stubs.joined(separator: ",") + "]}"
    }

    /// `http://host:port/path?q` → ("host:port", "/path?q").
    static func split(_ url: String) -> (host: String, pathAndQuery: String) {
        guard let schemeEnd = url.range(of: "://") else { return ("", url) }
        let rest = url[schemeEnd.upperBound...]
        guard let slash = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) else { return (String(rest), "/") }
        let path = String(rest[slash...])
        return (String(rest[..<slash]), path.hasPrefix("?") ? "/" + path : path)
    }
}
