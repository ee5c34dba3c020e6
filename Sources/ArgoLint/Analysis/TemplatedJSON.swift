import Foundation
import ArgoSyntax

/// Checks that a request body is JSON once each `{{...}}` tag is filled in:
/// a tag outside a string stands for a whole JSON value; a tag inside a string
/// is part of that string (and is returned, since its value may break it).
struct TemplatedJSON {
    struct SyntaxError {
        var offset: Int
        var message: String
    }

    struct Result {
        var error: SyntaxError?
        /// Tags written inside a JSON string, with the string's range (quotes included).
        var tagsInStrings: [(tag: TemplateTag, string: Range<Int>)]
    }

    private enum Token: Equatable {
        case punctuation(UInt8), string, literal, value
    }

    static func check(_ text: String) -> Result {
        let bytes = Array(text.utf8)
        let tags = TemplateTagScanner.scan(text).tags
        var tagAt: [Int: TemplateTag] = [:]
        for tag in tags { tagAt[tag.range.lowerBound] = tag }
        var tokens: [(Token, Int)] = []
        var inStrings: [(TemplateTag, Range<Int>)] = []
        var i = 0
        // Tokenise; strings and tags are single tokens.
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { i += 1; continue }
            if let tag = tagAt[i] { tokens.append((.value, i)); i = tag.range.upperBound; continue }
            switch b {
            case UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: ":"), UInt8(ascii: ","):
                tokens.append((.punctuation(b), i)); i += 1
            case UInt8(ascii: "\""):
                let start = i
                i += 1
                var closed = false
                var inner: [TemplateTag] = []
                while i < bytes.count {
                    if let tag = tagAt[i] { inner.append(tag); i = tag.range.upperBound; continue }
                    if bytes[i] == UInt8(ascii: "\\") { i += 2; continue }
                    if bytes[i] == UInt8(ascii: "\"") { closed = true; i += 1; break }
                    if bytes[i] == 0x0A { break }
                    i += 1
                }
                guard closed else { return Result(error: SyntaxError(offset: start, message: "this JSON string is not closed on its line"), tagsInStrings: inStrings) }
                for tag in inner { inStrings.append((tag, start..<i)) }
                tokens.append((.string, start))
            default:
                let start = i
                while i < bytes.count, !(tagAt[i] != nil || [0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: ":")].contains(bytes[i])) { i += 1 }
                let word = String(decoding: bytes[start..<i], as: UTF8.self)
                let isNumber = word.range(of: #"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$"#, options: .regularExpression) != nil
                guard ["true", "false", "null"].contains(word) || isNumber else {
                    return Result(error: SyntaxError(offset: start, message: "\"\(word.prefix(20))\" is not a JSON value (strings need double quotes)"), tagsInStrings: inStrings)
                }
                tokens.append((.literal, start))
            }
        }
        var parser = Parser(tokens: tokens, end: bytes.count)
        let error = parser.parseDocument()
        return Result(error: error, tagsInStrings: inStrings)
    }

    private struct Parser {
        let tokens: [(Token, Int)]
        let end: Int
        var position = 0

        mutating func parseDocument() -> SyntaxError? {
            guard !tokens.isEmpty else { return SyntaxError(offset: 0, message: "the body is empty, which is not JSON") }
            if let error = parseValue() { return error }
            if position < tokens.count { return SyntaxError(offset: tokens[position].1, message: "unexpected text after the JSON value") }
            return nil
        }

        private var offset: Int { position < tokens.count ? tokens[position].1 : end }

        mutating func parseValue() -> SyntaxError? {
            guard position < tokens.count else { return SyntaxError(offset: end, message: "the JSON ends where a value is expected") }
            let (token, at) = tokens[position]
            switch token {
            case .string, .literal, .value:
                position += 1
                return nil
            case .punctuation(UInt8(ascii: "{")):
                position += 1
                if case .punctuation(UInt8(ascii: "}")) = peek { position += 1; return nil }
                while true {
                    guard position < tokens.count, tokens[position].0 == .string || tokens[position].0 == .value else {
                        return SyntaxError(offset: offset, message: "a JSON object key must be a double-quoted string")
                    }
                    position += 1
                    guard case .punctuation(UInt8(ascii: ":")) = peek else { return SyntaxError(offset: offset, message: "expected ':' after the key") }
                    position += 1
                    if let error = parseValue() { return error }
                    if case .punctuation(UInt8(ascii: ",")) = peek {
                        position += 1
                        if case .punctuation(UInt8(ascii: "}")) = peek { return SyntaxError(offset: offset, message: "a trailing comma is not allowed in JSON") }
                        continue
                    }
                    if case .punctuation(UInt8(ascii: "}")) = peek { position += 1; return nil }
                    return SyntaxError(offset: offset, message: "expected ',' or '}' in the object")
                }
            case .punctuation(UInt8(ascii: "[")):
                position += 1
                if case .punctuation(UInt8(ascii: "]")) = peek { position += 1; return nil }
                while true {
                    if let error = parseValue() { return error }
                    if case .punctuation(UInt8(ascii: ",")) = peek {
                        position += 1
                        if case .punctuation(UInt8(ascii: "]")) = peek { return SyntaxError(offset: offset, message: "a trailing comma is not allowed in JSON") }
                        continue
                    }
                    if case .punctuation(UInt8(ascii: "]")) = peek { position += 1; return nil }
                    return SyntaxError(offset: offset, message: "expected ',' or ']' in the array")
                }
            case .punctuation(let b):
                return SyntaxError(offset: at, message: "unexpected '\(Character(Unicode.Scalar(b)))' where a JSON value is expected")
            }
        }

        var peek: Token? { position < tokens.count ? tokens[position].0 : nil }
    }
}
