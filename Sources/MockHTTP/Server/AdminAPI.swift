/// The `/__admin` endpoints: the journal, the stubs and the scenarios.
/// Only origin-form requests reach here; an absolute-form request for
/// `http://host/__admin/...` is a workflow's request like any other.
enum AdminAPI {
    struct Response {
        var status: Int
        var body: JSONValue?
    }

    static func isAdminPath(_ path: String) -> Bool {
        path == "/__admin" || path.hasPrefix("/__admin/")
    }

    static func handle(method: String, path: String, core: ResponderCore) -> Response {
        let route = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
        switch (method, route) {
        case ("GET", "/__admin/requests"):
            return Response(status: 200, body: AdminJSON.serveEvents(core.journal))
        case ("DELETE", "/__admin/requests"):
            core.clearJournal()
            return Response(status: 200, body: nil)
        case ("GET", "/__admin/requests/unmatched"):
            return Response(status: 200, body: AdminJSON.unmatchedRequests(core.journal))
        case ("GET", "/__admin/mappings"):
            return Response(status: 200, body: AdminJSON.mappings(core.loadedStubs))
        case ("GET", "/__admin/scenarios"):
            return Response(status: 200, body: AdminJSON.scenarios(core.scenarios))
        case ("POST", "/__admin/scenarios/reset"):
            core.resetScenarios()
            return Response(status: 200, body: nil)
        case (_, "/__admin/requests"), (_, "/__admin/requests/unmatched"), (_, "/__admin/mappings"),
             (_, "/__admin/scenarios"), (_, "/__admin/scenarios/reset"):
            return Response(status: 405, body: AdminJSON.error("\(method) is not allowed on \(route)"))
        default:
            return Response(status: 404, body: AdminJSON.error("no admin endpoint \(route)"))
        }
    }
}
