/// Tokenizer with govaluate's rules (parsing.go), on UTF-8 bytes.
///
/// Differences on purpose: unquoted `{{...}}` tags (and any word characters
/// glued to them) become one `placeholder` token, and tags inside quotes or
/// brackets are skipped whole, because the real text only exists after
/// substitution.
struct GovaluateLexer {
    let bytes: [UInt8]
    /// Tag start offset → tag, for tags that should be treated as opaque.
    let tagsByStart: [Int: TemplateTag]

    init(bytes: [UInt8], tags: [TemplateTag] = []) {
        self.bytes = bytes
        var map: [Int: TemplateTag] = [:]
        for tag in tags { map[tag.range.lowerBound] = tag }
        self.tagsByStart = map
    }

    static let modifierSymbols: Set<String> = ["+", "-", "*", "/", "%", "**", "&", "|", "^", ">>", "<<"]
    static let logicalSymbols: Set<String> = ["&&", "||"]
    static let comparatorSymbols: Set<String> = ["==", "!=", ">", ">=", "<", "<=", "=~", "!~", "in"]
    static let ternarySymbols: Set<String> = ["?", ":", "??"]
    static let prefixSymbols: Set<String> = ["-", "!", "~"]

    func tokenize() -> Result<[GovaluateToken], GovaluateLexError> {
        var tokens: [GovaluateToken] = []
        var index = 0
        let count = bytes.count
        while index < count {
            let (scalar, length) = UTF8Text.decode(bytes, at: index)
            if UTF8Text.isSpace(scalar) {
                index += length
                continue
            }
            let previous = tokens.last?.kind ?? .unknown
            let start = index

            if tagsByStart[index] != nil || UTF8Text.isLetter(scalar) || UTF8Text.isDigit(scalar) || scalar == "." {
                if let placeholder = placeholderRun(at: index) {
                    tokens.append(placeholder)
                    index = placeholder.range.upperBound
                    continue
                }
            }

            if UTF8Text.isDigit(scalar) || scalar == "." {
                switch lexNumber(at: &index) {
                case .success(let token): tokens.append(token)
                case .failure(let error): return .failure(error)
                }
                continue
            }
            if scalar == "," {
                index += 1
                tokens.append(GovaluateToken(kind: .separator, range: start..<index, text: ","))
                continue
            }
            if scalar == "[" {
                index += 1
                let read = readUntil(&index, includeWhitespace: true, breakOnWhitespace: false) { $0 != "]" }
                guard read.terminated else {
                    return .failure(GovaluateLexError(kind: .unclosedBracket, range: start..<count, text: read.text))
                }
                index += 1  // the closing bracket
                var token = GovaluateToken(kind: .variable, range: start..<index, text: read.text)
                token.tags = read.tags
                token.containsTag = !read.tags.isEmpty
                tokens.append(token)
                continue
            }
            if UTF8Text.isLetter(scalar) {
                switch lexWord(at: &index) {
                case .success(let token): tokens.append(token)
                case .failure(let error): return .failure(error)
                }
                continue
            }
            if scalar == "'" || scalar == "\"" {
                index += 1
                let read = readUntil(&index, includeWhitespace: true, breakOnWhitespace: false) { $0 != "'" && $0 != "\"" }
                guard read.terminated else {
                    return .failure(GovaluateLexError(kind: .unclosedString, range: start..<count, text: read.text))
                }
                index += 1  // either quote character closes the string
                var token = GovaluateToken(kind: .string, range: start..<index, text: read.text)
                token.tags = read.tags
                token.containsTag = !read.tags.isEmpty
                if !token.containsTag, let seconds = GovaluateTime.parse(read.text) {
                    token.kind = .time
                    token.number = seconds
                }
                tokens.append(token)
                continue
            }
            if scalar == "(" {
                index += 1
                tokens.append(GovaluateToken(kind: .clause, range: start..<index, text: "("))
                continue
            }
            if scalar == ")" {
                index += 1
                tokens.append(GovaluateToken(kind: .clauseClose, range: start..<index, text: ")"))
                continue
            }

            // Anything else is a run of symbol characters that must name an operator.
            let read = readUntil(&index, includeWhitespace: false, breakOnWhitespace: true, stopAtTag: true) { scalar in
                !(UTF8Text.isDigit(scalar) || UTF8Text.isLetter(scalar) || scalar == "(" || scalar == ")"
                    || scalar == "[" || scalar == "]" || scalar == "'" || scalar == "\"")
            }
            let symbol = read.text
            let range = start..<max(index, start + length)
            index = range.upperBound
            let prefixAllowed: Bool
            switch previous {
            case .unknown, .clause, .modifier, .comparator, .logicalOp, .ternary, .separator: prefixAllowed = true
            default: prefixAllowed = false
            }
            let kind: GovaluateTokenKind
            if prefixAllowed, Self.prefixSymbols.contains(symbol) {
                kind = .prefix
            } else if Self.modifierSymbols.contains(symbol) {
                kind = .modifier
            } else if Self.logicalSymbols.contains(symbol) {
                kind = .logicalOp
            } else if Self.comparatorSymbols.contains(symbol) {
                kind = .comparator
            } else if Self.ternarySymbols.contains(symbol) {
                kind = .ternary
            } else {
                return .failure(GovaluateLexError(kind: .invalidToken, range: range, text: symbol))
            }
            tokens.append(GovaluateToken(kind: kind, range: range, text: symbol))
        }
        return .success(tokens)
    }

    // MARK: Pieces

    /// A run of word characters that contains at least one unquoted tag.
    private func placeholderRun(at start: Int) -> GovaluateToken? {
        var index = start
        var tags: [TemplateTag] = []
        var literal = false
        while index < bytes.count {
            if let tag = tagsByStart[index] {
                tags.append(tag)
                index = tag.range.upperBound
                continue
            }
            let (scalar, length) = UTF8Text.decode(bytes, at: index)
            guard Self.isVariableName(scalar) else { break }
            literal = true
            index += length
        }
        guard !tags.isEmpty else { return nil }
        var token = GovaluateToken(kind: .placeholder, range: start..<index, text: UTF8Text.string(bytes, start..<index))
        token.tags = tags
        token.containsTag = true
        token.hasLiteralText = literal
        return token
    }

    static func isVariableName(_ scalar: Unicode.Scalar) -> Bool {
        UTF8Text.isLetter(scalar) || UTF8Text.isDigit(scalar) || scalar == "_" || scalar == "."
    }

    private func lexNumber(at index: inout Int) -> Result<GovaluateToken, GovaluateLexError> {
        let start = index
        // `0x…` is hex only when something follows the `x` (upstream checks canRead twice).
        if bytes[start] == UInt8(ascii: "0"), start + 2 < bytes.count, bytes[start + 1] == UInt8(ascii: "x") {
            index = start + 2
            let read = readUntil(&index, includeWhitespace: false, breakOnWhitespace: true) { scalar in
                scalar.isASCII && (UTF8Text.isASCIIDigit(UInt8(scalar.value))
                    || "abcdefABCDEF".unicodeScalars.contains(scalar))
            }
            guard let value = UInt64(read.text, radix: 16) else {
                return .failure(GovaluateLexError(kind: .badHex, range: start..<max(index, start + 2), text: read.text))
            }
            var token = GovaluateToken(kind: .numeric, range: start..<index, text: "0x" + read.text)
            token.number = Double(value)
            return .success(token)
        }
        let read = readUntil(&index, includeWhitespace: false, breakOnWhitespace: true) { scalar in
            UTF8Text.isDigit(scalar) || scalar == "."
        }
        let isASCIINumber = read.text.utf8.allSatisfy { UTF8Text.isASCIIDigit($0) || $0 == UInt8(ascii: ".") }
        guard isASCIINumber, let value = Double(read.text), value.isFinite else {
            return .failure(GovaluateLexError(kind: .badNumber, range: start..<index, text: read.text))
        }
        var token = GovaluateToken(kind: .numeric, range: start..<index, text: read.text)
        token.number = value
        return .success(token)
    }

    private func lexWord(at index: inout Int) -> Result<GovaluateToken, GovaluateLexError> {
        let start = index
        let read = readUntil(&index, includeWhitespace: false, breakOnWhitespace: true) { Self.isVariableName($0) }
        let name = read.text
        let range = start..<index
        var token = GovaluateToken(kind: .variable, range: range, text: name)
        switch name {
        case "true": token.kind = .boolean; token.bool = true
        case "false": token.kind = .boolean; token.bool = false
        case "in", "IN": token.kind = .comparator; token.text = "in"
        default: break
        }
        if name.utf8.contains(UInt8(ascii: ".")) {
            if name.utf8.last == UInt8(ascii: ".") {
                return .failure(GovaluateLexError(kind: .hangingAccessor, range: range, text: name))
            }
            let parts = name.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            for part in parts.dropFirst() {
                if let first = part.unicodeScalars.first, first.properties.changesWhenUppercased {
                    return .failure(GovaluateLexError(kind: .unexportedField(field: part), range: range, text: name))
                }
            }
            token.kind = .accessor
            token.parts = parts
        }
        return .success(token)
    }

    struct Read {
        var text: String
        var terminated: Bool
        var tags: [TemplateTag]
    }

    /// Mirrors upstream's readUntilFalse: `\` escapes any character, whitespace
    /// either ends the read or is kept. Stops *before* the first character
    /// failing `condition`; `terminated` says whether such a character was seen.
    private func readUntil(
        _ index: inout Int, includeWhitespace: Bool, breakOnWhitespace: Bool, stopAtTag: Bool = false,
        _ condition: (Unicode.Scalar) -> Bool
    ) -> Read {
        var buffer: [UInt8] = []
        var tags: [TemplateTag] = []
        while index < bytes.count {
            if let tag = tagsByStart[index] {
                if stopAtTag { return Read(text: String(decoding: buffer, as: UTF8.self), terminated: true, tags: tags) }
                // A tag's own quotes or brackets vanish on substitution, so skip it whole.
                tags.append(tag)
                buffer.append(contentsOf: bytes[tag.range])
                index = tag.range.upperBound
                continue
            }
            let (scalar, length) = UTF8Text.decode(bytes, at: index)
            if scalar == "\\" {
                index += length
                guard index < bytes.count else { break }
                let escaped = UTF8Text.decode(bytes, at: index)
                buffer.append(contentsOf: bytes[index..<index + escaped.length])
                index += escaped.length
                continue
            }
            if UTF8Text.isSpace(scalar) {
                if breakOnWhitespace && !buffer.isEmpty {
                    return Read(text: String(decoding: buffer, as: UTF8.self), terminated: true, tags: tags)
                }
                if !includeWhitespace {
                    index += length
                    continue
                }
            }
            if condition(scalar) {
                buffer.append(contentsOf: bytes[index..<index + length])
                index += length
            } else {
                return Read(text: String(decoding: buffer, as: UTF8.self), terminated: true, tags: tags)
            }
        }
        return Read(text: String(decoding: buffer, as: UTF8.self), terminated: false, tags: tags)
    }
}
