import YAMLTree

/// The file being decoded and the issues found so far, with typed readers
/// that report a wrong type at the value instead of failing the whole stub.
struct DecodeContext {
    let file: SourceFile
    /// Where `bodyFileName` is looked up, first match wins.
    let filesDirectories: [String]
    var issues: [StubIssue] = []

    init(file: SourceFile, filesDirectories: [String]) {
        self.file = file
        self.filesDirectories = filesDirectories
    }

    func location(of span: SourceSpan) -> StubLocation {
        let position = file.position(ofByte: span.start)
        return StubLocation(path: file.path, line: position.line, column: position.column)
    }

    mutating func report(_ message: String, at span: SourceSpan) {
        let at = location(of: span)
        issues.append(StubIssue(path: at.path, line: at.line, column: at.column, message: message))
    }

    mutating func report(_ message: String, at node: YAMLNode) {
        report(message, at: node.aliasSpan ?? node.span)
    }

    /// The key's text; a non-scalar key is reported.
    mutating func keyName(_ pair: YAMLPair) -> String? {
        guard let text = pair.key.stringValue else {
            report("keys must be plain names, found \(pair.key.kindDescription)", at: pair.key)
            return nil
        }
        return text
    }

    mutating func mapping(_ node: YAMLNode, _ what: String) -> YAMLMapping? {
        if let pairs = node.pairs { return pairs }
        report("\(what) must be a mapping, found \(node.kindDescription)", at: node)
        return nil
    }

    mutating func sequence(_ node: YAMLNode, _ what: String) -> YAMLSequence? {
        if let items = node.items { return items }
        report("\(what) must be a list, found \(node.kindDescription)", at: node)
        return nil
    }

    /// Any non-null scalar, as its text: YAML users write `equalTo: 123`
    /// and mean the text "123".
    mutating func string(_ node: YAMLNode, _ what: String) -> String? {
        if let scalar = node.scalar, !scalar.isNull { return scalar.value }
        report("\(what) must be a string, found \(node.kindDescription)", at: node)
        return nil
    }

    mutating func integer(_ node: YAMLNode, _ what: String, in range: ClosedRange<Int>) -> Int? {
        guard let scalar = node.scalar, case .int(let value) = scalar.resolved else {
            report("\(what) must be an integer, found \(node.kindDescription)", at: node)
            return nil
        }
        guard range.contains(value) else {
            report("\(what) must be between \(range.lowerBound) and \(range.upperBound), found \(value)", at: node)
            return nil
        }
        return value
    }

    mutating func bool(_ node: YAMLNode, _ what: String) -> Bool? {
        guard let scalar = node.scalar, case .bool(let value) = scalar.resolved else {
            report("\(what) must be true or false, found \(node.kindDescription)", at: node)
            return nil
        }
        return value
    }

    /// Reports a key the decoder does not know: a WireMock feature this
    /// responder leaves out gets its own message, anything else a suggestion.
    mutating func unknownKey(_ key: YAMLNode, _ name: String, in what: String, known: [String], unsupported: Set<String> = []) {
        if unsupported.contains(name) {
            report("\"\(name)\" in \(what) is a WireMock feature the argolint mock responder does not support", at: key)
        } else {
            report("unknown key \"\(name)\" in \(what)" + Suggestion.hint(for: name, among: known), at: key)
        }
    }
}
