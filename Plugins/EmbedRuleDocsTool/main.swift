import Foundation

// Usage: EmbedRuleDocsTool OUTPUT.swift DOC.md...
// Writes a Swift file with a dictionary from rule id to the doc's text.
let arguments = CommandLine.arguments.dropFirst()
guard let output = arguments.first else {
    FileHandle.standardError.write(Data("usage: EmbedRuleDocsTool OUTPUT.swift DOC.md...\n".utf8))
    exit(2)
}
var source = "// Generated at build time from rules/*.md by the EmbedRuleDocs plugin.\n"
source += "let embeddedRuleDocs: [String: String] = [\n"
for path in arguments.dropFirst() {
    let id = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    guard let data = FileManager.default.contents(atPath: path) else {
        FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
        exit(1)
    }
    // Raw string literals with enough #s that no doc can close them early.
    let text = String(decoding: data, as: UTF8.self)
    var hashes = "#"
    while text.contains("\"" + hashes) || text.contains("\\" + hashes) { hashes += "#" }
    source += "    \"\(id)\": \(hashes)\"\"\"\n\(text)\n\"\"\"\(hashes),\n"
}
source += arguments.count == 1 ? ":]\n" : "]\n"
do {
    try Data(source.utf8).write(to: URL(fileURLWithPath: output))
} catch {
    FileHandle.standardError.write(Data("cannot write \(output): \(error)\n".utf8))
    exit(1)
}
