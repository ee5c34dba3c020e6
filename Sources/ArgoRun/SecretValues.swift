import Foundation
import YAMLTree
import ArgoModel

/// Secret values for the sandbox, read from Secret manifests (`data` is
/// base64, `stringData` plain text). Only the runner holds them, and every
/// report masks them.
public struct SecretValues: Sendable {
    private var values: [String: [String: String]] = [:]

    public init() {}

    /// A problem in a Secret manifest, with where it is.
    public struct Issue: Sendable, Error {
        public var path: String
        public var line: Int
        public var column: Int
        public var message: String
    }

    /// Reads every Secret in `file`; other documents are ignored.
    public mutating func load(_ file: SourceFile) -> [Issue] {
        var issues: [Issue] = []
        func issue(_ span: SourceSpan, _ message: String) {
            let position = file.position(ofByte: span.start)
            issues.append(Issue(path: file.path, line: position.line, column: position.column, message: message))
        }
        let parsed = YAMLParser.parse(file)
        for diagnostic in parsed.issues where diagnostic.severity == .error {
            issue(diagnostic.span, diagnostic.message)
        }
        for document in parsed.documents {
            guard case .secret(let secret) = Manifest.decode(document), let name = secret.name?.value else { continue }
            var entries = values[name] ?? [:]
            for pair in document.root["data"]?.mappingPairs ?? .empty {
                guard let key = pair.key.stringValue, let encoded = pair.value.scalar?.value else { continue }
                let compact = encoded.filter { !$0.isWhitespace }
                guard let data = Data(base64Encoded: compact), let text = String(data: data, encoding: .utf8) else {
                    issue(pair.value.span, "data.\(key) of Secret \"\(name)\" is not valid base64 text")
                    continue
                }
                entries[key] = text
            }
            for pair in document.root["stringData"]?.mappingPairs ?? .empty {
                guard let key = pair.key.stringValue, let text = pair.value.scalar?.value else { continue }
                entries[key] = text
            }
            values[name] = entries
        }
        return issues
    }

    public func value(secret: String, key: String) -> Result<String, SecretLookupError> {
        guard let entries = values[secret] else { return .failure(SecretLookupError(message: "secrets \"\(secret)\" not found")) }
        guard let value = entries[key] else { return .failure(SecretLookupError(message: "secret '\(secret)' does not have the key '\(key)'")) }
        return .success(value)
    }

    /// Every value, longest first, for masking.
    public var allValues: [String] {
        Array(Set(values.values.flatMap { $0.values }.filter { !$0.isEmpty })).sorted { $0.count > $1.count }
    }
}

public struct SecretLookupError: Error, Sendable {
    public var message: String
}
