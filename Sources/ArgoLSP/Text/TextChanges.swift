import YAMLTree

/// Applies `contentChanges` of a didChange. We advertise full sync, so each
/// entry is normally the whole text; ranged (incremental) entries are applied
/// too, in order, so a client that sends them anyway still gets right results.
enum TextChanges {
    /// The new text, or nil when a change entry has no `text`.
    static func apply(_ changes: [JSON], to bytes: [UInt8], encoding: PositionEncoding) -> [UInt8]? {
        var text = bytes
        for change in changes {
            guard let replacement = change["text"]?.stringValue else { return nil }
            if let range = LSPRange(change["range"]) {
                let converter = PositionConverter(file: SourceFile(path: "", bytes: text), encoding: encoding)
                let span = converter.span(of: range)
                text.replaceSubrange(span.start..<span.end, with: Array(replacement.utf8))
            } else {
                text = Array(replacement.utf8)
            }
        }
        return text
    }
}
