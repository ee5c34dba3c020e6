import Foundation

extension ScriptedResponses {
    /// WireMock stub mappings that answer the n-th call as written: one
    /// scenario state per call number, at priority 1 so they come before the mocks.
    public func stubMappingsJSON(index: Int) -> String {
        let scenario = "argolint-responses-\(index)"
        let parts = AbsoluteURL(url)
        let host = parts?.authority ?? ""
        let pathAndQuery = parts?.pathAndQuery ?? url
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
}
