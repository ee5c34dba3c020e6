import YAMLTree
import ArgoSemantics

/// `.argolint.yaml`: dialect, per-rule severities, ignore globs, Secret paths.
public struct Configuration: Sendable {
    public var dialect: Dialect?
    /// nil = rule turned off.
    public var severities: [String: Severity?] = [:]
    public var ignore: [String] = []
    public var secrets: [String] = []
    /// The folder holding the file; globs and paths are relative to it.
    public var directory: String

    public init(directory: String) {
        self.directory = directory
    }

    public static let fileName = ".argolint.yaml"
    static let knownKeys = ["dialect", "rules", "ignore", "secrets"]

    /// Parses a configuration file; problems are `ConfigurationError`s with positions.
    public static func load(path: String, bytes: [UInt8], directory: String) throws(ConfigurationError) -> Configuration {
        let file = SourceFile(path: path, bytes: bytes)
        let parsed = YAMLParser.parse(file)
        func fail(_ span: SourceSpan, _ message: String) -> ConfigurationError {
            let p = file.position(ofByte: span.start)
            return ConfigurationError(message: "\(path):\(p.line):\(p.column): \(message)")
        }
        if let first = parsed.issues.first(where: { $0.severity == .error }) {
            throw fail(first.span, first.message)
        }
        var config = Configuration(directory: directory)
        guard let root = parsed.documents.first?.root, !root.isNull else { return config }
        guard let pairs = root.pairs else { throw fail(root.span, "the configuration must be a mapping with keys \(Suggestions.quotedList(knownKeys))") }
        for pair in pairs {
            let key = pair.key.stringValue ?? ""
            let value = pair.value
            switch key {
            case "dialect":
                guard let text = value.stringValue, let dialect = Dialect(rawValue: text) else {
                    throw fail(value.span, "dialect must be one of \(Suggestions.quotedList(Dialect.allCases.map(\.rawValue)))\(Suggestions.didYouMean(value.stringValue ?? "", among: Dialect.allCases.map(\.rawValue)))")
                }
                config.dialect = dialect
            case "rules":
                guard value.isMapping || value.isNull else { throw fail(value.span, "rules must be a mapping of rule id to error, warning, info or off") }
                let ids = RuleRegistry.all.map(\.info.id)
                for rulePair in value.mappingPairs {
                    let id = rulePair.key.stringValue ?? ""
                    guard ids.contains(id) else {
                        throw fail(rulePair.key.span, "unknown rule \"\(id)\"\(Suggestions.didYouMean(id, among: ids)); `argolint rules` lists them")
                    }
                    let level = rulePair.value.stringValue ?? ""
                    let levels = ["error", "warning", "info", "off"]
                    if level == "off" {
                        config.severities[id] = .some(nil)
                    } else if let severity = Severity(rawValue: level) {
                        config.severities[id] = severity
                    } else {
                        throw fail(rulePair.value.span, "unknown severity \"\(level)\" for \(id); use one of \(Suggestions.quotedList(levels))\(Suggestions.didYouMean(level, among: levels))")
                    }
                }
            case "ignore", "secrets":
                let items: [YAMLNode]
                if value.isSequence { items = Array(value.sequenceItems) }
                else if value.isNull { items = [] }
                else if value.isScalar { items = [value] }
                else { throw fail(value.span, "\(key) must be a list of paths") }
                var strings: [String] = []
                for item in items {
                    guard let text = item.stringValue else { throw fail(item.span, "\(key) entries must be strings") }
                    strings.append(text)
                }
                if key == "ignore" { config.ignore = strings } else { config.secrets = strings }
            default:
                throw fail(pair.key.span, "unknown configuration key \"\(key)\"\(Suggestions.didYouMean(key, among: knownKeys)); known keys are \(Suggestions.quotedList(knownKeys))")
            }
        }
        return config
    }
}

public struct ConfigurationError: Error, Sendable {
    public var message: String
}
