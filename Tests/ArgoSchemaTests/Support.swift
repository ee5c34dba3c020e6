import Foundation
import Testing
import YAMLTree
@testable import ArgoSchema

/// Parses `text` and validates its first document as `id`.
func validate(_ text: String, as id: ObjectID = .workflow) -> (SourceFile, [SchemaIssue]) {
    let file = SourceFile(path: "test.yaml", text: text)
    let result = YAMLParser.parse(file)
    #expect(result.issues.isEmpty, "the test YAML must parse: \(result.issues.map(\.message))")
    guard let root = result.documents.first?.root else { return (file, []) }
    return (file, SchemaValidator.validate(root, as: id))
}

/// "line:column" of a byte offset.
func position(_ file: SourceFile, _ offset: Int) -> String {
    let p = file.position(ofByte: offset)
    return "\(p.line):\(p.column)"
}

/// Applies a fix's edits to the file text.
func apply(_ fix: Fix, to file: SourceFile) -> String {
    var bytes = file.bytes
    for edit in fix.edits.sorted(by: { $0.span.start > $1.span.start }) {
        bytes.replaceSubrange(edit.span.start..<edit.span.end, with: Array(edit.newText.utf8))
    }
    return String(decoding: bytes, as: UTF8.self)
}

/// The shared folder (corpus, docs): $ARGOLINT_SHARED, else `../shared` next to the repository root.
func sharedDirectory() -> URL {
    if let env = ProcessInfo.processInfo.environment["ARGOLINT_SHARED"], !env.isEmpty {
        return URL(fileURLWithPath: env)
    }
    // Tests/ArgoSchemaTests/Support.swift → repository root (symlinks resolved).
    let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return root.deletingLastPathComponent().appendingPathComponent("shared")
}

/// A file of the shared corpus; records a failure naming the path when it is missing.
func sharedFile(_ relative: String) -> URL? {
    let url = sharedDirectory().appendingPathComponent(relative)
    guard FileManager.default.fileExists(atPath: url.path) else {
        Issue.record("missing \(url.path): set ARGOLINT_SHARED to the folder holding corpus/")
        return nil
    }
    return url
}
