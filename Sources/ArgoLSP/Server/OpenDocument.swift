import ArgoLint

/// A document the client has open: its text overrides the file on disk.
struct OpenDocument: Sendable {
    var uri: String
    /// The local path for `file:` URIs; nil for `untitled:` and other schemes.
    var filePath: String?
    var version: Int
    var bytes: [UInt8]
    /// Bumped whenever the document must be linted again (its text or the facts
    /// changed); a lint result for an older generation is stale and dropped.
    var generation = 0
    /// The last published result, for hover and code actions on the same text.
    var published: LintOutcome?

    /// The name the lint session knows the document by.
    var lintPath: String { filePath ?? uri }

    var input: LintInput { LintInput(path: lintPath, bytes: bytes) }
}
