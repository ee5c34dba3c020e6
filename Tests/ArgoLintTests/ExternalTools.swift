import Foundation
import Testing

/// External programs the integration tests drive (validators, pre-commit).
/// A missing tool fails the test that needs it, with how to install it:
/// skipping would let CI pass without checking anything.
enum ExternalTool {
    /// The executable's path on PATH, or a test failure saying how to install it.
    static func require(_ name: String, install: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        Issue.record("\(name) is not on PATH; install it with `\(install)`")
        throw MissingTool(name: name)
    }

    struct MissingTool: Error { var name: String }

    /// Runs a program to completion; returns exit code and both outputs.
    static func run(_ executable: String, _ arguments: [String], cwd: String? = nil,
                    environment: [String: String] = [:]) throws -> (code: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let cwd { process.currentDirectoryURL = URL(fileURLWithPath: cwd) }
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        // stderr goes to a file, so only one pipe needs draining and neither can block the child.
        let errPath = NSTemporaryDirectory() + "argolint-tool-stderr-" + UUID().uuidString
        guard FileManager.default.createFile(atPath: errPath, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
        defer { try? FileManager.default.removeItem(atPath: errPath) }
        let errHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        let outPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errHandle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let out = outPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try errHandle.close()
        let err = FileManager.default.contents(atPath: errPath) ?? Data()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }
}
