import YAMLTree

/// `file:line:col: severity: message [rule]`, then the source line and a
/// marker under the span, the fix if there is one, and a `note:` line (with
/// its own source line) for every related location. Without source, one line
/// per finding and per note, in the GNU style editors and problem matchers parse.
public struct HumanFormatter: OutputFormat {
    public var colour: Bool
    public var showSource: Bool

    public init(colour: Bool, showSource: Bool = true) {
        self.colour = colour
        self.showSource = showSource
    }

    /// For callers holding resolved diagnostics (fix, run): the same output as `render`.
    public func format(_ diagnostics: [ResolvedDiagnostic], summary: LintSummary) -> String {
        render(LintResult(diagnostics: diagnostics, summary: summary))
    }

    public func render(_ result: LintResult) -> String {
        var out = ""
        for item in result.diagnostics {
            let source = result.source(for: item)
            out += paint("\(item.path):\(item.start.line):\(item.start.column):", "1") + " "
            out += paint("\(item.severity.rawValue):", severityColour(item.severity)) + " "
            out += paint(item.message, "1") + " " + paint("[\(item.rule)]", "2") + "\n"
            if showSource {
                out += snippet(source, start: item.start, end: item.end, colour: severityColour(item.severity))
                if let fix = item.diagnostic.fix {
                    out += "      = fix: \(fix.description)\n"
                }
            }
            for related in item.related {
                out += paint("\(related.path):\(related.start.line):\(related.start.column):", "1") + " "
                out += paint("note:", Self.noteColour) + " " + related.message + "\n"
                if showSource {
                    out += snippet(source, start: related.start, end: related.end, colour: Self.noteColour)
                }
            }
        }
        let summary = result.summary
        if !result.diagnostics.isEmpty {
            var parts: [String] = []
            parts.append(plural(summary.errors, "error"))
            parts.append(plural(summary.warnings, "warning"))
            if summary.infos > 0 { parts.append(plural(summary.infos, "info")) }
            out += "\(parts.joined(separator: ", ")) in \(plural(summary.files, "file"))\n"
        }
        return out
    }

    private func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }

    /// Lines longer than this many characters are shown as a window around
    /// the finding, so a 1 MB line does not flood the terminal.
    static let excerptWidth = 120
    /// Characters of context kept before the finding in such a window.
    static let excerptLead = 40

    private func snippet(_ source: MaskedSource, start: SourcePosition, end: SourcePosition, colour code: String) -> String {
        let scalars = Array(source.line(start.line).unicodeScalars)
        let gutter = String(start.line)
        let pad = String(repeating: " ", count: gutter.count)
        let lineLength = scalars.count
        let startIndex = min(max(0, start.column - 1), lineLength)
        let endColumn = end.line == start.line ? end.column : lineLength + 1
        let width = max(1, min(endColumn, lineLength + 1) - start.column)
        let window = Self.excerptWindow(lineLength: lineLength, start: startIndex)
        var shown = String(String.UnicodeScalarView(scalars[window]))
        // An ellipsis marks text cut away, as rustc and ruff do; the marker
        // below starts after the leading one so the caret stays under the
        // finding's first character.
        var marker = window.lowerBound > 0 ? "   " : ""
        if window.lowerBound > 0 { shown = "..." + shown }
        if window.upperBound < lineLength { shown += "..." }
        // The marker line copies tabs from the source and pads wide characters
        // (CJK, emoji) with two spaces, so it stays aligned in a terminal.
        for ch in scalars[window.lowerBound..<startIndex] {
            if ch == "\t" { marker += "\t" } else { marker += Self.isWide(ch) ? "  " : " " }
        }
        // The underline ends with the window (the ellipsis says the span goes on).
        let visible = max(1, min(width, window.upperBound - startIndex))
        marker += "^" + String(repeating: "~", count: visible - 1)
        return " \(gutter) | \(shown)\n \(pad) | \(paint(marker, code))\n"
    }

    /// The scalar indexes of a line shown for a finding starting at `start`:
    /// the whole line when it is short, else `excerptWidth` characters
    /// beginning `excerptLead` before the finding (less at the line's ends).
    static func excerptWindow(lineLength: Int, start: Int) -> Range<Int> {
        guard lineLength > excerptWidth else { return 0..<lineLength }
        var lower = max(0, start - excerptLead)
        let upper = min(lineLength, lower + excerptWidth)
        lower = max(0, min(lower, upper - excerptWidth))
        return lower..<upper
    }

    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
             0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1FAFF, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    private static let noteColour = "1;36"

    private func severityColour(_ severity: Severity) -> String {
        switch severity {
        case .error: return "1;31"
        case .warning: return "1;33"
        case .info: return "1;36"
        }
    }

    private func paint(_ text: String, _ code: String) -> String {
        colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
