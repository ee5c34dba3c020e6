import Foundation
import YAMLTree
@testable import ArgoLint
import ArgoSemantics

/// Paths of the repository and of ../shared, found from this file.
enum Repo {
    static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// ../shared beside the checkout (CI and developer machines have it), or $ARGOLINT_SHARED.
    static var shared: String {
        if let env = ProcessInfo.processInfo.environment["ARGOLINT_SHARED"] { return env }
        return root.deletingLastPathComponent().appendingPathComponent("shared").path
    }

    /// The built argolint binary next to the test bundle.
    static var binary: String {
        let candidates = [
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("argolint").path,
            root.appendingPathComponent(".build/debug/argolint").path,
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[1]
    }
}

/// Lints in-memory files through the real pipeline.
func lint(_ files: [(String, String)], dialect: Dialect = .argo) -> [FileReport] {
    let inputs = files.map { LintInput(path: $0.0, bytes: Array($0.1.utf8)) }
    return Linter(options: LintOptions(dialect: dialect)).lint(inputs)
}

func lint(_ text: String, path: String = "test.yaml", dialect: Dialect = .argo) -> [ResolvedDiagnostic] {
    lint([(path, text)], dialect: dialect).resolved()
}

/// `rule@line:column` for compact comparisons.
func summary(_ diagnostics: [ResolvedDiagnostic]) -> [String] {
    diagnostics.map { "\($0.rule)@\($0.start.line):\($0.start.column)" }
}

/// Runs the argolint binary; returns exit code, stdout, stderr.
func runCLI(_ arguments: [String], stdin: String? = nil, cwd: String? = nil, environment: [String: String] = [:]) throws -> (code: Int32, out: String, err: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Repo.binary)
    process.arguments = arguments
    if let cwd { process.currentDirectoryURL = URL(fileURLWithPath: cwd) }
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment { env[k] = v }
    process.environment = env
    let outPipe = Pipe(), errPipe = Pipe(), inPipe = Pipe()
    process.standardOutput = outPipe
    process.standardError = errPipe
    process.standardInput = inPipe
    try process.run()
    if let stdin { inPipe.fileHandleForWriting.write(Data(stdin.utf8)) }
    try inPipe.fileHandleForWriting.close()
    // Read before waiting so a large output cannot fill the pipe and block the child.
    let out = outPipe.fileHandleForReading.readDataToEndOfFile()
    let err = errPipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
}

/// A fresh temporary folder.
func temporaryDirectory() throws -> String {
    let path = NSTemporaryDirectory() + "argolint-test-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}
