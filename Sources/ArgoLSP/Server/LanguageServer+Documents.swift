import Foundation
import ArgoLint

extension LanguageServer {
    func didOpen(_ params: JSON) {
        guard let item = params["textDocument"], let uri = item["uri"]?.stringValue,
              let text = item["text"]?.stringValue else {
            Log.error("didOpen without textDocument.uri and text")
            return
        }
        let document = OpenDocument(uri: uri, filePath: FileURI.path(of: uri),
                                    version: item["version"]?.intValue ?? 0, bytes: Array(text.utf8))
        documents[uri] = document
        replaceFacts(of: document)
        scheduleLint(uri)
    }

    func didChange(_ params: JSON) {
        guard let uri = params["textDocument"]?["uri"]?.stringValue, var document = documents[uri] else { return }
        guard let changes = params["contentChanges"]?.arrayValue,
              let text = TextChanges.apply(changes, to: document.bytes, encoding: encoding) else {
            Log.error("didChange for \(uri) without usable contentChanges")
            return
        }
        document.bytes = text
        if let version = params["textDocument"]?["version"]?.intValue { document.version = version }
        documents[uri] = document
        replaceFacts(of: document)
        scheduleLint(uri)
    }

    /// Nothing new in the text (we ask for no text on save), but a save is a
    /// natural moment to re-check: a configuration may have changed meanwhile.
    func didSave(_ params: JSON) {
        guard let uri = params["textDocument"]?["uri"]?.stringValue, let document = documents[uri] else { return }
        if let path = document.filePath, ProjectSettings.isConfiguration(path: path) {
            settings.invalidate()
            scheduleAllLints()
        } else {
            scheduleLint(uri)
        }
    }

    func didClose(_ params: JSON) {
        guard let uri = params["textDocument"]?["uri"]?.stringValue,
              let document = documents.removeValue(forKey: uri) else { return }
        pendingLints.removeAll { $0 == uri }
        notifyClient("textDocument/publishDiagnostics", DiagnosticConversion.publishParams(uri: uri, version: nil, diagnostics: []))
        // The file on disk speaks for it again (or, gone, for nothing).
        if let path = document.filePath {
            if let bytes = configuration.readsFiles ? Self.readFile(path) : nil {
                applyFacts(session.updating(LintInput(path: path, bytes: bytes)))
            } else {
                applyFacts(session.removing(path: path))
            }
        } else {
            applyFacts(session.removing(path: document.lintPath))
        }
    }

    /// Lets an open document's unsaved text stand for its file's facts.
    func replaceFacts(of document: OpenDocument) {
        applyFacts(session.updating(document.input), except: document.uri)
    }

    /// Installs a new session; when the facts changed, every other open document
    /// may read differently (a templateRef now resolves, a Secret key is gone).
    func applyFacts(_ updated: LintSession, except uri: String? = nil) {
        guard updated !== session else { return }
        session = updated
        scheduleAllLints(except: uri)
    }

    /// A file's bytes, if it is a readable file of sensible size.
    static func readFile(_ path: String, limit: Int = 64 * 1024 * 1024) -> [UInt8]? {
        guard let info = FileIdentity.of(path), !info.isDirectory, info.size <= limit,
              let data = FileManager.default.contents(atPath: path) else { return nil }
        return [UInt8](data)
    }
}
