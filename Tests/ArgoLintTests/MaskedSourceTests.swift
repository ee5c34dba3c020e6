import Foundation
import Testing
import YAMLTree
@testable import ArgoLint

/// The one masking step every output goes through (LintResult, and the fix
/// diff through MaskedSource(report).text).
@Suite struct MaskedSourceTests {
    static func credential(_ file: SourceFile, _ text: String) throws -> Diagnostic {
        let bytes = Array(file.text.utf8), needle = Array(text.utf8)
        let start = try #require(bytes.indices.first { bytes[$0...].starts(with: needle) })
        return Diagnostic(rule: "secret-hardcoded", severity: .error, message: "m", span: SourceSpan(start: start, end: start + needle.count))
    }

    @Test func oneStarPerCharacterAndLineBreaksKept() throws {
        let file = SourceFile(path: "f.yaml", text: "a: tökén😀x b\nc: |\n  sec\n  ret\nd: 1\n")
        let masked = MaskedSource(file: file, diagnostics: [try Self.credential(file, "tökén😀"), try Self.credential(file, "sec\n  ret")])
        #expect(masked.text == "a: ******x b\nc: |\n  ***\n*****\nd: 1\n")
        // Positions from the original file still point at the same text.
        let x = file.position(ofByte: Array(file.text.utf8).firstIndex(of: UInt8(ascii: "x")) ?? 0)
        #expect(masked.text(from: x, to: SourcePosition(line: x.line, column: x.column + 3, offset: 0)) == "x b")
        #expect(masked.line(5) == "d: 1")
    }

    @Test func otherFindingsMaskNothing() {
        let file = SourceFile(path: "f.yaml", text: "a: b\n")
        let other = Diagnostic(rule: "http-url", severity: .error, message: "m", span: SourceSpan(start: 3, end: 4))
        #expect(MaskedSource(file: file, diagnostics: [other]).text == "a: b\n")
    }

    @Test func everyFormatSeesTheMaskedText() throws {
        let file = SourceFile(path: "f.yaml", text: "url: https://u:hunter2@example.com\n")
        let secret = try Self.credential(file, "hunter2")
        let other = Diagnostic(rule: "http-insecure-credentials", severity: .error, message: "m", span: SourceSpan(start: 5, end: 34))
        let result = LintResult(reports: [FileReport(file: file, diagnostics: [other, secret])])
        let human = HumanFormatter(colour: false).render(result)
        #expect(human.contains("https://u:*******@example.com") && !human.contains("hunter2"))
        let sarif = SARIFFormatter(workingDirectory: "/").render(result)
        #expect(!sarif.contains("hunter2"))
        // The fingerprint hashes the masked text, so it does not depend on the secret.
        let otherSecret = SourceFile(path: "f.yaml", text: "url: https://u:swordfi@example.com\n")
        let again = LintResult(reports: [FileReport(file: otherSecret, diagnostics: [other, try Self.credential(otherSecret, "swordfi")])])
        #expect(SARIFFormatter(workingDirectory: "/").render(again) == sarif)
    }
}
