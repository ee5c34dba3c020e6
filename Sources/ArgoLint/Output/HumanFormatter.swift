import YAMLTree

/// `file:line:col: severity: message [rule]`, then the source line and a
/// marker under the span.
public struct HumanFormatter: Sendable {
    public var colour: Bool

    public init(colour: Bool) {
        self.colour = colour
    }

    public func format(_ diagnostics: [ResolvedDiagnostic], summary: LintSummary) -> String {
        var out = ""
        // A hard-coded credential is masked wherever its line is shown, so the
        // report (CI logs, terminals) does not spread it further.
        var masks: [String: [SourceSpan]] = [:]
        for item in diagnostics where item.rule == SecretHardcodedRule.info.id {
            masks[item.path, default: []].append(item.diagnostic.span)
        }
        for item in diagnostics {
            out += paint("\(item.path):\(item.start.line):\(item.start.column):", "1") + " "
            out += paint("\(item.severity.rawValue):", severityColour(item.severity)) + " "
            out += paint(item.message, "1") + " " + paint("[\(item.rule)]", "2") + "\n"
            out += snippet(item, masking: masks[item.path] ?? [])
            if let fix = item.diagnostic.fix {
                out += "      = fix: \(fix.description)\n"
            }
        }
        if !diagnostics.isEmpty {
            var parts: [String] = []
            parts.append(plural(summary.errors, "error"))
            parts.append(plural(summary.warnings, "warning"))
            if summary.infos > 0 { parts.append(plural(summary.infos, "info")) }
            out += "\(parts.joined(separator: ", ")) in \(plural(summary.files, "file"))\n"
        }
        return out
    }

    private func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }

    private func snippet(_ item: ResolvedDiagnostic, masking masks: [SourceSpan]) -> String {
        let lineText = Self.lineText(item.file, item.start.line, masking: masks)
        let gutter = String(item.start.line)
        let pad = String(repeating: " ", count: gutter.count)
        // The marker line copies tabs from the source and pads wide characters
        // (CJK, emoji) with two spaces, so it stays aligned in a terminal.
        var marker = ""
        for (i, ch) in lineText.unicodeScalars.enumerated() where i < item.start.column - 1 {
            if ch == "\t" { marker += "\t" } else { marker += Self.isWide(ch) ? "  " : " " }
        }
        let lineLength = lineText.unicodeScalars.count
        let endColumn = item.end.line == item.start.line ? item.end.column : lineLength + 1
        let width = max(1, min(endColumn, lineLength + 1) - item.start.column)
        marker += "^" + String(repeating: "~", count: width - 1)
        return " \(gutter) | \(lineText)\n \(pad) | \(paint(marker, severityColour(item.severity)))\n"
    }

    /// The line's text with every byte inside a masked span shown as one `*` per character.
    static func lineText(_ file: SourceFile, _ line: Int, masking masks: [SourceSpan]) -> String {
        guard !masks.isEmpty, line >= 1, line <= file.lineStarts.count else { return file.lineText(line) }
        let start = file.lineStarts[line - 1], end = file.lineContentEnd(lineIndex: line - 1)
        guard masks.contains(where: { $0.start < end && $0.end > start }) else { return file.lineText(line) }
        var bytes: [UInt8] = []
        for i in start..<end {
            let byte = file.bytes[i]
            if masks.contains(where: { $0.start <= i && i < $0.end }) {
                // Continuation bytes belong to the character already masked.
                if byte & 0xC0 != 0x80 { bytes.append(UInt8(ascii: "*")) }
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
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
