/// The text of a 404: the request, and how the closest stub differs from it,
/// so whoever wrote the mocks sees at once which attribute to fix.
enum NearMiss {
    static func report(for request: IncomingRequest, stubs: [StubMapping], scenarioStates: [String: String]) -> String {
        var lines = ["Request was not matched", "", "\(request.method) \(request.journalURL)"]
        guard let closest = closestStub(to: request, among: stubs, scenarioStates: scenarioStates) else {
            lines += ["", "No stubs are loaded."]
            return lines.joined(separator: "\n") + "\n"
        }
        lines += ["", "Closest stub: \(closest.stub.label) at \(closest.stub.location)"]
        for check in closest.checks where !check.passed {
            lines.append("  \(check.attribute): expected \(check.expected), got \(check.actual)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The stub with the most matching attributes (fewest failures on a tie,
    /// then the one that would be tried first).
    static func closestStub(to request: IncomingRequest, among stubs: [StubMapping], scenarioStates: [String: String])
        -> (stub: StubMapping, checks: [AttributeCheck])? {
        var best: (stub: StubMapping, checks: [AttributeCheck], passed: Int, failed: Int)?
        for stub in stubs {
            var checks = PatternEvaluation.checks(stub.request, request)
            if let scenario = stub.scenarioName, let required = stub.requiredScenarioState {
                let state = scenarioStates[scenario] ?? ScenarioBook.started
                checks.append(AttributeCheck(attribute: "scenario \(quoted(scenario)) state", passed: state == required,
                                             expected: quoted(required), actual: quoted(state)))
            }
            let passed = checks.filter(\.passed).count
            let failed = checks.count - passed
            if let current = best, passed < current.passed || (passed == current.passed && failed >= current.failed) { continue }
            best = (stub, checks, passed, failed)
        }
        return best.map { ($0.stub, $0.checks) }
    }
}
