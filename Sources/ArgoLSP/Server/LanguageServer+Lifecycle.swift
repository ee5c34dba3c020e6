import ArgoLint

extension LanguageServer {
    static let serverName = "argolint"

    func initialize(_ params: JSON) -> Result<JSON, RequestError> {
        guard phase == .uninitialized else {
            return .failure(RequestError(.invalidRequest, "initialize may be sent only once"))
        }
        let capabilities = params["capabilities"]
        let offered = capabilities?["general"]?["positionEncodings"]?.arrayValue?.compactMap(\.stringValue)
        encoding = PositionEncoding.negotiate(offered: offered)
        watchesDynamically = capabilities?["workspace"]?["didChangeWatchedFiles"]?["dynamicRegistration"]?.boolValue == true
        roots = Self.workspaceRoots(params)
        phase = .running
        startIndexing()
        return .success([
            "capabilities": [
                "positionEncoding": .string(encoding.rawValue),
                "textDocumentSync": ["openClose": true, "change": 1, "save": ["includeText": false]],
                "codeActionProvider": ["codeActionKinds": [.string(CodeActions.kind)]],
                "hoverProvider": true,
            ],
            "serverInfo": ["name": .string(Self.serverName), "version": .string(JSONFormatter.toolVersion)],
        ])
    }

    /// The workspace folders' paths, else `rootUri`'s, else the deprecated `rootPath`.
    static func workspaceRoots(_ params: JSON) -> [String] {
        if let folders = params["workspaceFolders"]?.arrayValue {
            let paths = folders.compactMap { $0["uri"]?.stringValue.flatMap(FileURI.path(of:)) }
            if !paths.isEmpty { return paths }
        }
        if let uri = params["rootUri"]?.stringValue, let path = FileURI.path(of: uri) { return [path] }
        if let path = params["rootPath"]?.stringValue, path.hasPrefix("/") { return [path] }
        return []
    }

    /// After the handshake: ask to be told about YAML and configuration files
    /// changing on disk, when the client lets servers register for that.
    func initialized() {
        guard watchesDynamically else { return }
        sendRequest("client/registerCapability", ["registrations": [[
            "id": "argolint-watched-files",
            "method": "workspace/didChangeWatchedFiles",
            "registerOptions": ["watchers": [
                ["globPattern": "**/*.{yaml,yml}"],
                ["globPattern": .string("**/\(Configuration.fileName)")],
            ]],
        ]]])
    }

    func shutdown() -> Result<JSON, RequestError> {
        phase = .shutDown
        pendingLints.removeAll()
        return .success(.null)
    }
}
