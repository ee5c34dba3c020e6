import Foundation
import ArgoLint

extension LanguageServer {
    /// Reads the workspace's facts in the background; initialize has already answered.
    func startIndexing() {
        guard configuration.readsFiles, !roots.isEmpty else {
            index = .done
            return
        }
        index = .running(since: .now())
        let roots = self.roots
        let scanner = configuration.scanner
        DispatchQueue.global(qos: .utility).async {
            let started = DispatchTime.now()
            let scan = scanner.scan(roots: roots)
            let indexed = LintSession(facts: scan.facts)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
            self.queue.async { self.installIndex(indexed, scan: scan, seconds: seconds) }
        }
    }

    /// The index replaces the facts known so far; open documents' text and
    /// files that changed meanwhile are laid over it again.
    func installIndex(_ indexed: LintSession, scan: WorkspaceScan, seconds: Double) {
        var updated = indexed
        let openPaths = Set(documents.values.map(\.lintPath))
        for path in changedWhileIndexing where !openPaths.contains(path) {
            updated = Self.readFile(path).map { updated.updating(LintInput(path: path, bytes: $0)) } ?? updated.removing(path: path)
        }
        for uri in documents.keys.sorted() {
            if let document = documents[uri] { updated = updated.updating(document.input) }
        }
        changedWhileIndexing.removeAll()
        index = .done
        session = updated
        let summary = "indexed \(scan.filesRead) YAML files (\(scan.bytesRead) bytes) in \(String(format: "%.3f", seconds)) s: \(scan.facts.count) hold WorkflowTemplates or Secrets"
        Log.info(summary)
        if scan.truncated {
            let limits = "\(configuration.scanner.maxFiles) files, \(configuration.scanner.maxBytes / (1024 * 1024)) MB"
            notifyClient("window/logMessage", ["type": 2, "message": .string("argolint: the workspace is larger than the index limits (\(limits)); templates and Secrets beyond them are not known")])
        }
        scheduleAllLints()
    }

    /// Files changed on disk. Open documents keep their text (the editor's
    /// buffer wins); other files' facts are re-read or dropped, and every open
    /// document is re-checked when facts or a configuration changed.
    func didChangeWatchedFiles(_ params: JSON) {
        guard configuration.readsFiles, let changes = params["changes"]?.arrayValue else { return }
        let openPaths = Set(documents.values.compactMap(\.filePath))
        var updated = session
        var configurationChanged = false
        for change in changes {
            guard let uri = change["uri"]?.stringValue, let path = FileURI.path(of: uri) else { continue }
            if ProjectSettings.isConfiguration(path: path) {
                configurationChanged = true
                continue
            }
            guard !openPaths.contains(path) else { continue }
            if case .running = index { changedWhileIndexing.append(path) }
            let deleted = change["type"]?.intValue == 3
            if !deleted, let info = FileIdentity.of(path) {
                if info.isDirectory {
                    // A folder moved in may be reported alone: read what it holds.
                    for input in configuration.scanner.scan(roots: [path]).facts where !openPaths.contains(input.path) {
                        updated = updated.updating(input)
                    }
                } else if path.hasSuffix(".yaml") || path.hasSuffix(".yml"), let bytes = Self.readFile(path) {
                    updated = updated.updating(LintInput(path: path, bytes: bytes))
                }
            } else {
                // A deleted folder may be reported alone: drop what was below it too.
                updated = updated.removing(path: path)
                let folder = path.hasSuffix("/") ? path : path + "/"
                for factPath in updated.factPaths where factPath.hasPrefix(folder) && !openPaths.contains(factPath) {
                    updated = updated.removing(path: factPath)
                }
            }
        }
        if configurationChanged {
            settings.invalidate()
            reportedConfigurationErrors.removeAll()
        }
        if updated !== session {
            session = updated
            scheduleAllLints()
        } else if configurationChanged {
            scheduleAllLints()
        }
    }
}
