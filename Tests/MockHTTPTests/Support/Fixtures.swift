import Foundation
import Testing
@testable import MockHTTP

/// Stubs from YAML/JSON text; a test fails at once when the text has issues.
func stubs(_ text: String, path: String = "stubs.yaml", sourceLocation: SourceLocation = #_sourceLocation) -> [StubMapping] {
    let result = StubLoader.parse(text: text, path: path)
    #expect(result.issues.isEmpty, "unexpected issues: \(result.issues)", sourceLocation: sourceLocation)
    return result.stubs
}

/// The issues of stub text, as "line:column: message".
func issues(_ text: String, path: String = "stubs.yaml") -> [String] {
    StubLoader.parse(text: text, path: path).issues.map { "\($0.line):\($0.column): \($0.message)" }
}

/// Runs `body` against a started responder and stops it afterwards.
func withResponder(_ text: String, path: String = "stubs.yaml", delayMode: DelayMode = .real,
                   sourceLocation: SourceLocation = #_sourceLocation,
                   _ body: (MockResponder, Int) throws -> Void) throws {
    let responder = MockResponder(stubs: stubs(text, path: path, sourceLocation: sourceLocation), delayMode: delayMode)
    let port = try responder.start()
    defer { responder.stop() }
    try body(responder, port)
}

/// A temporary folder removed after `body`.
func withTemporaryFolder(_ body: (String) throws -> Void) throws {
    let folder = NSTemporaryDirectory() + "mockhttp-tests-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try body(folder)
}

func write(_ text: String, to path: String) throws {
    try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
}
