import ArgoLint
import ArgoModel

/// Decides whether a document's findings belong in the editor. Editors send
/// every YAML file (Kubernetes manifests, CI configs, Helm values): those get
/// an empty diagnostic list, not "this is not a Kubernetes object".
enum ArgoFileFilter {
    static func shows(_ report: FileReport) -> Bool {
        if report.holdsArgoResource { return true }
        // A workflow with a syntax error may decode to nothing; keep its findings
        // when the text still names an Argo kind, so the error is not hidden.
        return report.diagnostics.contains { $0.rule == "yaml-syntax" } && namesArgoKind(report.file.bytes)
    }

    /// A `kind:` key whose value is one of the Argo kinds, in block or flow
    /// style, quoted or not.
    static func namesArgoKind(_ bytes: [UInt8]) -> Bool {
        let kind = Array("kind".utf8)
        var index = 0
        while index + kind.count <= bytes.count {
            defer { index += 1 }
            guard bytes[index] == kind[0], Array(bytes[index..<index + kind.count]) == kind else { continue }
            if index > 0, isNameByte(bytes[index - 1]) { continue }
            var cursor = index + kind.count
            cursor = skip(bytes, from: cursor) { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") }
            cursor = skip(bytes, from: cursor) { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
            guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: ":") else { continue }
            cursor = skip(bytes, from: cursor + 1) { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
            cursor = skip(bytes, from: cursor) { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") }
            let end = skip(bytes, from: cursor, while: isNameByte)
            let value = String(decoding: bytes[cursor..<end], as: UTF8.self)
            if ArgoKind(rawValue: value) != nil { return true }
        }
        return false
    }

    static func skip(_ bytes: [UInt8], from start: Int, while predicate: (UInt8) -> Bool) -> Int {
        var cursor = start
        while cursor < bytes.count, predicate(bytes[cursor]) { cursor += 1 }
        return cursor
    }

    static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
    }
}
