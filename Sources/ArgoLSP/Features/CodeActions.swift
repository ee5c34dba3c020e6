import ArgoLint
import YAMLTree

/// Our machine-applicable fixes as `quickfix` code actions. Safe fixes are
/// preferred (an editor may apply them with one key); unsafe ones are offered
/// too, titled as such, since a person is looking at them.
enum CodeActions {
    static let kind = "quickfix"

    /// Actions for the fixes of findings that overlap `range`. `only` is the
    /// client's kind filter: nothing unless it admits quick fixes.
    static func actions(for diagnostics: [Diagnostic], overlapping range: SourceSpan, uri: String,
                        converter: PositionConverter, only: [String]?) -> [JSON] {
        if let only, !only.contains(where: { kind == $0 || kind.hasPrefix($0 + ".") }) { return [] }
        var actions: [JSON] = []
        for diagnostic in diagnostics {
            guard let fix = diagnostic.fix, !fix.edits.isEmpty, overlaps(diagnostic.span, range) else { continue }
            let edits: [JSON] = fix.edits.map { edit in
                ["range": converter.range(of: edit.span).json, "newText": .string(edit.newText)]
            }
            actions.append([
                "title": .string(title(fix)),
                "kind": .string(kind),
                "diagnostics": [DiagnosticConversion.json(diagnostic, uri: uri, converter: converter)],
                "isPreferred": .bool(fix.applicability == .safe),
                "edit": ["changes": .object([uri: .array(edits)])],
            ])
        }
        return actions
    }

    static func title(_ fix: Fix) -> String {
        let sentence = fix.description.prefix(1).uppercased() + fix.description.dropFirst()
        return fix.applicability == .unsafe ? sentence + " (unsafe)" : sentence
    }

    /// Ranges touch or intersect; a cursor (empty range) on a finding's edge counts.
    static func overlaps(_ a: SourceSpan, _ b: SourceSpan) -> Bool {
        a.start <= b.end && b.start <= a.end
    }
}
