/// The current state of every scenario. A scenario nobody has moved yet is
/// in "Started", so only moved ones are stored.
struct ScenarioBook: Sendable {
    static let started = "Started"

    private(set) var states: [String: String] = [:]

    func state(of scenario: String) -> String { states[scenario] ?? Self.started }

    mutating func move(_ scenario: String, to state: String) { states[scenario] = state }

    mutating func reset() { states.removeAll() }

    /// Whether a stub's scenario condition holds now: no scenario, no
    /// required state, or the required state is the current one.
    func allows(_ stub: StubMapping) -> Bool {
        guard let scenario = stub.scenarioName, let required = stub.requiredScenarioState else { return true }
        return state(of: scenario) == required
    }

    /// After a stub is served, its scenario moves to its new state.
    mutating func apply(_ stub: StubMapping) {
        guard let scenario = stub.scenarioName, let next = stub.newScenarioState else { return }
        move(scenario, to: next)
    }
}

/// One scenario as the admin API lists it.
public struct ScenarioSnapshot: Sendable, Equatable {
    public var name: String
    public var state: String
    /// "Started" and every state a stub requires or moves to, sorted.
    public var possibleStates: [String]
}
