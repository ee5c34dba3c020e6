import Foundation
import ArgoLint

extension LanguageServer {
    /// Queues a document for linting. Queued twice before its turn, it is
    /// linted once, with the text it has then: bursts of edits coalesce.
    func scheduleLint(_ uri: String) {
        guard documents[uri] != nil else { return }
        documents[uri]?.generation += 1
        if !pendingLints.contains(uri) { pendingLints.append(uri) }
        startLints()
    }

    func scheduleAllLints(except skipped: String? = nil) {
        // Sorted, so the order of re-publication does not depend on hashing.
        for uri in documents.keys.sorted() where uri != skipped { scheduleLint(uri) }
    }

    /// Starts a batch on the lint queue unless one is running; the batch's
    /// completion starts the next. While the workspace index is being read
    /// (briefly, at startup) lints wait for it, up to `indexWait`, so the
    /// first diagnostics already see the workspace's templates.
    func startLints() {
        guard !lintInFlight, !pendingLints.isEmpty, phase == .running else { return }
        if case .running(let since) = index {
            let deadline = since + configuration.indexWait
            if DispatchTime.now() < deadline {
                if !waitingForIndex {
                    waitingForIndex = true
                    queue.asyncAfter(deadline: deadline) {
                        self.waitingForIndex = false
                        self.startLints()
                    }
                }
                return
            }
        }
        let jobs = pendingLints.compactMap(makeJob)
        pendingLints.removeAll()
        guard !jobs.isEmpty else { return }
        lintInFlight = true
        lintQueue.async {
            for job in jobs {
                let outcome = job.run()
                self.queue.async { self.publish(outcome) }
            }
            self.queue.async {
                self.lintInFlight = false
                self.startLints()
            }
        }
    }

    func makeJob(_ uri: String) -> LintJob? {
        guard let document = documents[uri] else { return nil }
        let documentSettings = settings.settings(forPath: document.filePath)
        if let error = documentSettings.configurationError, reportedConfigurationErrors.insert(error).inserted {
            Log.error(error)
            notifyClient("window/showMessage", ["type": 2, "message": .string("argolint: \(error); using the defaults")])
        }
        return LintJob(uri: uri, version: document.version, generation: document.generation, input: document.input,
                       session: session.with(options: documentSettings.options), settings: documentSettings,
                       encoding: encoding)
    }

    /// Publishes a result unless the document changed (or closed) since its snapshot.
    func publish(_ outcome: LintOutcome) {
        guard phase == .running, let document = documents[outcome.uri], document.generation == outcome.generation else { return }
        documents[outcome.uri]?.published = outcome
        notifyClient("textDocument/publishDiagnostics", outcome.params)
    }

    /// The findings for a document's current text: the published ones when
    /// they are current, else computed now (a hover during a burst of edits).
    func currentOutcome(_ uri: String) -> LintOutcome? {
        guard let document = documents[uri] else { return nil }
        if let published = document.published, published.file.bytes == document.bytes { return published }
        return makeJob(uri)?.run()
    }
}
