import YAMLTree

/// Applies machine-applicable fixes to one file's bytes. Edits are spans of
/// bytes, so everything outside them — comments, key order, quoting,
/// indentation — stays byte for byte.
public enum FixApplier {
    /// Applies every fix whose edits overlap no edit already taken; a fix is
    /// all-or-nothing. Returns the new bytes and the fixes applied.
    public static func apply(_ fixes: [Fix], to bytes: [UInt8]) -> (bytes: [UInt8], applied: [Fix]) {
        var taken: [TextEdit] = []
        var applied: [Fix] = []
        for fix in fixes {
            let clashes = fix.edits.contains { edit in
                edit.span.end > bytes.count || taken.contains { overlaps($0.span, edit.span) }
            }
            if clashes || fix.edits.isEmpty { continue }
            taken += fix.edits
            applied.append(fix)
        }
        // Apply from the end so earlier offsets stay valid. At one offset a
        // replacement goes first and insertions after it, so an insertion lands
        // before the replaced text (`len(` before `fromJSON(...)`); insertions at
        // one point keep the order their fixes were taken in.
        var result = bytes
        let ordered = taken.enumerated().sorted { a, b in
            let x = a.element.span, y = b.element.span
            if x.start != y.start { return x.start > y.start }
            if (x.length == 0) != (y.length == 0) { return x.length > 0 }
            return a.offset > b.offset
        }
        for (_, edit) in ordered {
            result.replaceSubrange(edit.span.start..<edit.span.end, with: Array(edit.newText.utf8))
        }
        return (result, applied)
    }

    /// Two edits clash when their ranges intersect, or when both insert at the same point.
    static func overlaps(_ a: SourceSpan, _ b: SourceSpan) -> Bool {
        if a.length == 0 && b.length == 0 { return a.start == b.start }
        if a.length == 0 { return a.start > b.start && a.start < b.end }
        if b.length == 0 { return b.start > a.start && b.start < a.end }
        return a.start < b.end && b.start < a.end
    }
}
