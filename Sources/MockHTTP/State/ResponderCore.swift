/// The responder's decisions, independent of the network: which stub
/// answers a request, the scenario states, and the journal. Everything that
/// changes sits under one lock, so concurrent requests see scenario moves
/// one at a time and the journal is in arrival order.
final class ResponderCore: Sendable {
    /// In the order they are tried: priority, then most recently loaded first.
    let stubs: [StubMapping]
    /// In the order they were loaded, for the admin API.
    let loadedStubs: [StubMapping]
    private let shared = Protected(Shared())

    private struct Shared {
        var scenarios = ScenarioBook()
        var journal: [JournalEntry] = []
    }

    /// What to send back.
    enum Decision {
        case stub(StubMapping)
        case unmatched(report: String)
    }

    init(stubs: [StubMapping]) {
        self.loadedStubs = stubs
        // Stable sort on (priority, reverse load index).
        self.stubs = stubs.enumerated()
            .sorted { a, b in a.element.priority != b.element.priority ? a.element.priority < b.element.priority : a.offset > b.offset }
            .map(\.element)
    }

    func decide(_ request: IncomingRequest) -> Decision {
        // Pattern matching needs no lock. Only stubs up to the first one
        // without a scenario condition can ever be chosen.
        var candidates: [StubMapping] = []
        for stub in stubs where PatternEvaluation.matches(stub.request, request) {
            candidates.append(stub)
            if stub.requiredScenarioState == nil || stub.scenarioName == nil { break }
        }
        let chosen: StubMapping? = shared.withLock { shared in
            guard let stub = candidates.first(where: { shared.scenarios.allows($0) }) else {
                shared.journal.append(JournalEntry(request: request, stub: nil, status: 404))
                return nil
            }
            shared.scenarios.apply(stub)
            shared.journal.append(JournalEntry(request: request, stub: stub, status: stub.response.status))
            return stub
        }
        if let chosen { return .stub(chosen) }
        let states = shared.withLock { $0.scenarios.states }
        return .unmatched(report: NearMiss.report(for: request, stubs: stubs, scenarioStates: states))
    }

    /// A request refused before matching (a body over the limit).
    func recordRefused(_ request: IncomingRequest, status: Int) {
        shared.withLock { $0.journal.append(JournalEntry(request: request, stub: nil, status: status)) }
    }

    var journal: [JournalEntry] { shared.withLock { $0.journal } }

    func clearJournal() { shared.withLock { $0.journal.removeAll() } }

    func resetScenarios() { shared.withLock { $0.scenarios.reset() } }

    /// Every scenario named by a stub, sorted by name.
    var scenarios: [ScenarioSnapshot] {
        var possible: [String: Set<String>] = [:]
        for stub in stubs {
            guard let name = stub.scenarioName else { continue }
            var states = possible[name] ?? [ScenarioBook.started]
            if let required = stub.requiredScenarioState { states.insert(required) }
            if let next = stub.newScenarioState { states.insert(next) }
            possible[name] = states
        }
        let book = shared.withLock { $0.scenarios }
        return possible.keys.sorted().map { name in
            ScenarioSnapshot(name: name, state: book.state(of: name), possibleStates: (possible[name] ?? []).sorted())
        }
    }
}
