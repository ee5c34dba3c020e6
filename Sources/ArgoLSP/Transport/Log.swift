import Foundation

/// Diagnostics about the server itself go to stderr: stdout carries only the protocol.
enum Log {
    static func error(_ message: String) { write("error: \(message)") }
    static func info(_ message: String) { write(message) }

    private static func write(_ line: String) {
        FileHandle.standardError.write(Data("argolint lsp: \(line)\n".utf8))
    }
}
