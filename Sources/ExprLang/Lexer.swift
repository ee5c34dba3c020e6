/// Turns expression source into tokens. Works on UTF-8 bytes (decoding a scalar
/// only when a byte is non-ASCII) so that long expressions lex quickly.
public struct ExprLexer: Sendable {
    public static func tokenize(_ source: String) -> Result<[ExprToken], ExprSyntaxError> {
        var lexer = ExprLexer(bytes: Array(source.utf8))
        do {
            try lexer.run()
            return .success(lexer.tokens)
        } catch let error as ExprSyntaxError {
            return .failure(error)
        } catch {
            return .failure(ExprSyntaxError(message: "\(error)", range: 0..<0))
        }
    }

    let bytes: [UInt8]
    var pos = 0
    var start = 0
    var tokens: [ExprToken] = []

    init(bytes: [UInt8]) { self.bytes = bytes }

    // MARK: scalar access

    /// Decodes the scalar at `i`, returning it and its byte length; nil at the end.
    func scalar(at i: Int) -> (Unicode.Scalar, Int)? {
        guard i < bytes.count else { return nil }
        let b0 = bytes[i]
        if b0 < 0x80 { return (Unicode.Scalar(b0), 1) }
        var len = 1
        var value: UInt32 = 0
        if b0 & 0xE0 == 0xC0 { len = 2; value = UInt32(b0 & 0x1F) }
        else if b0 & 0xF0 == 0xE0 { len = 3; value = UInt32(b0 & 0x0F) }
        else { len = 4; value = UInt32(b0 & 0x07) }
        guard i + len <= bytes.count else { return (Unicode.Scalar(0xFFFD)!, 1) }
        for k in 1..<len { value = (value << 6) | UInt32(bytes[i + k] & 0x3F) }
        return (Unicode.Scalar(value) ?? Unicode.Scalar(0xFFFD)!, len)
    }

    func peekByte(_ offset: Int = 0) -> UInt8? {
        let i = pos + offset
        return i < bytes.count ? bytes[i] : nil
    }

    mutating func accept(_ set: String) -> Bool {
        if let b = peekByte(), b < 0x80, set.utf8.contains(b) {
            pos += 1
            return true
        }
        return false
    }

    mutating func acceptRun(_ set: String) {
        while accept(set) {}
    }

    func text(_ r: Range<Int>) -> String {
        String(decoding: bytes[r], as: UTF8.self)
    }

    mutating func emit(_ kind: ExprTokenKind, value: String? = nil, bytes raw: [UInt8]? = nil) {
        let r = start..<pos
        tokens.append(ExprToken(kind: kind, value: value ?? text(r), bytes: raw, range: r))
        start = pos
    }

    func fail(_ message: String, at offset: Int? = nil) -> ExprSyntaxError {
        let at = min(offset ?? pos, bytes.count)
        let len = scalar(at: at)?.1 ?? 0
        return ExprSyntaxError(message: message, range: at..<(at + len))
    }

    // MARK: main loop

    mutating func run() throws {
        while true {
            start = pos
            guard let (u, len) = scalar(at: pos) else {
                tokens.append(ExprToken(kind: .eof, value: "", range: bytes.count..<bytes.count))
                return
            }
            let c = u.value
            if isSpace(u) { pos += len; continue }
            if c == 0x62 || c == 0x42, pos + 1 < bytes.count, bytes[pos + 1] == 0x22 || bytes[pos + 1] == 0x27 {
                let quote = bytes[pos + 1]
                pos += 2
                try scanString(quote: quote)
                let raw = try unescapeBytes(bytes[(start + 2)..<(pos - 1)])
                emit(.bytes, value: String(decoding: raw, as: UTF8.self), bytes: raw)
                continue
            }
            switch c {
            case 0x22, 0x27: // " '
                pos += 1
                try scanString(quote: UInt8(c))
                let value = try unescapeString(bytes[(start + 1)..<(pos - 1)])
                emit(.string, value: value)
            case 0x60: // `
                pos += 1
                try scanRawString()
            case 0x30...0x39:
                try scanNumber()
            case 0x3F: // ?
                pos += 1
                _ = accept(".?")
                emit(.op)
            case 0x2F: // /
                pos += 1
                if accept("/") {
                    while let b = peekByte(), b != 0x0A { pos += 1 }
                    if peekByte() == 0x0A { pos += 1 }
                } else if accept("*") {
                    var closed = false
                    while pos < bytes.count {
                        if bytes[pos] == 0x2A, pos + 1 < bytes.count, bytes[pos + 1] == 0x2F {
                            pos += 2
                            closed = true
                            break
                        }
                        pos += 1
                    }
                    if !closed { throw fail("unclosed comment", at: bytes.count) }
                } else {
                    emit(.op)
                }
            case 0x23: // #
                pos += 1
                _ = accept("#")
                emit(.op)
                let s = pos
                while let (v, l) = scalar(at: pos), isAlphaNumeric(v) { pos += l }
                if pos > s { emit(.identifier) }
            case 0x7C: // |
                pos += 1
                _ = accept("|")
                emit(.op)
            case 0x3A: // :
                pos += 1
                _ = accept(":")
                emit(.op)
            case 0x28, 0x5B, 0x7B, 0x29, 0x5D, 0x7D:
                pos += 1
                emit(.bracket)
            case 0x2C, 0x3B, 0x25, 0x2B, 0x2D, 0x5E:
                pos += 1
                emit(.op)
            case 0x26, 0x21, 0x3D, 0x2A, 0x3C, 0x3E:
                pos += 1
                _ = accept("&=*")
                emit(.op)
            case 0x2E: // .
                if let d = peekByte(1), d >= 0x30, d <= 0x39 {
                    try scanNumber()
                } else {
                    pos += 1
                    _ = accept(".")
                    emit(.op)
                }
            default:
                if isAlphaNumeric(u) {
                    while let (v, l) = scalar(at: pos), isAlphaNumeric(v) { pos += l }
                    let word = text(start..<pos)
                    switch word {
                    case "not", "in", "or", "and", "matches", "contains", "startsWith", "endsWith", "let", "if", "else":
                        emit(.op, value: word)
                    default:
                        emit(.identifier, value: word)
                    }
                } else {
                    throw fail("unrecognized character: \(goRuneDescription(u))")
                }
            }
        }
    }

    // MARK: numbers

    mutating func scanNumber() throws {
        var digits = "0123456789_"
        if accept("0") {
            if accept("xX") { digits = "0123456789abcdefABCDEF_" }
            else if accept("oO") { digits = "01234567_" }
            else if accept("bB") { digits = "01_" }
        }
        acceptRun(digits)
        let end = pos
        if accept(".") {
            // `1..3` is a range: give the dot back.
            if peekByte() == 0x2E {
                pos = end
                emit(.number)
                return
            }
            acceptRun(digits)
        }
        if accept("eE") {
            _ = accept("+-")
            acceptRun(digits)
        }
        if let (u, l) = scalar(at: pos), isAlphaNumeric(u) {
            pos += l
            throw ExprSyntaxError(message: "bad number syntax: \(goQuote(text(start..<pos)))", range: start..<pos)
        }
        emit(.number)
    }

    // MARK: strings

    /// Validates a quoted literal the way upstream's scanner does; the value is
    /// decoded separately by `unescapeString`/`unescapeBytes`.
    mutating func scanString(quote: UInt8) throws {
        var ch = next()
        while ch != Int(quote) {
            if ch == 0x0A || ch == -1 { throw fail("literal not terminated", at: max(pos - 1, 0)) }
            if ch == 0x5C { ch = try scanEscape(quote: quote) } else { ch = next() }
        }
    }

    /// Next scalar value, or -1 at the end (mirrors upstream's rune stream).
    mutating func next() -> Int {
        guard let (u, l) = scalar(at: pos) else {
            pos = bytes.count
            return -1
        }
        pos += l
        return Int(u.value)
    }

    func peekScalar() -> Int {
        guard let (u, _) = scalar(at: pos) else { return -1 }
        return Int(u.value)
    }

    mutating func scanDigits(_ first: Int, base: Int, count: Int) throws -> Int {
        var ch = first
        var n = count
        while n > 0, digitValue(ch) < base {
            ch = next()
            n -= 1
        }
        if n > 0 { throw fail("invalid char escape", at: max(pos - 1, 0)) }
        return ch
    }

    mutating func scanEscape(quote: UInt8) throws -> Int {
        let ch = next()
        switch ch {
        case 0x61, 0x62, 0x66, 0x6E, 0x72, 0x74, 0x76, 0x5C, Int(quote):
            return next()
        case 0x30...0x37:
            return try scanDigits(ch, base: 8, count: 3)
        case 0x78:
            return try scanDigits(next(), base: 16, count: 2)
        case 0x75:
            if peekScalar() == 0x7B {
                _ = next()
                var digits = 0
                while true {
                    let p = peekScalar()
                    if p == 0x7D { break }
                    if digitValue(p) >= 16 || digits >= 6 { throw fail("invalid char escape") }
                    _ = next()
                    digits += 1
                }
                if digits == 0 { throw fail("invalid char escape") }
                _ = next()
                return next()
            }
            return try scanDigits(next(), base: 16, count: 4)
        case 0x55:
            return try scanDigits(next(), base: 16, count: 8)
        default:
            throw fail("invalid char escape", at: max(pos - 1, 0))
        }
    }

    mutating func scanRawString() throws {
        var out: [UInt8] = []
        while true {
            guard pos < bytes.count else { throw fail("literal not terminated", at: bytes.count) }
            let b = bytes[pos]
            pos += 1
            if b == 0x60 {
                // A doubled backtick stands for one backtick.
                if peekByte() == 0x60 {
                    out.append(0x60)
                    pos += 1
                    continue
                }
                break
            }
            out.append(b)
        }
        emit(.string, value: String(decoding: out, as: UTF8.self))
    }

    func unescapeString(_ slice: ArraySlice<UInt8>) throws -> String {
        let raw = normalizeNewlines(slice)
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = 0
        let bad = ExprSyntaxError(message: "unable to unescape string", range: start..<pos)
        func appendScalar(_ v: UInt32) {
            let u = Unicode.Scalar(v) ?? Unicode.Scalar(0xFFFD)!
            out.append(contentsOf: Array(String(Character(u)).utf8))
        }
        while i < raw.count {
            let c = raw[i]
            if c != 0x5C { out.append(c); i += 1; continue }
            guard i + 1 < raw.count else { throw bad }
            let e = raw[i + 1]
            i += 2
            if let simple = Self.simpleEscape(e) { out.append(simple); continue }
            switch e {
            case 0x78, 0x58, 0x75, 0x55:
                if e == 0x75, i < raw.count, raw[i] == 0x7B {
                    i += 1
                    var v: UInt32 = 0
                    var digits = 0
                    while i < raw.count, raw[i] != 0x7D {
                        guard let x = hexValue(raw[i]), digits < 6 else { throw bad }
                        v = v << 4 | x
                        i += 1
                        digits += 1
                    }
                    guard i < raw.count, digits > 0, v <= 0x10FFFF else { throw bad }
                    i += 1
                    appendScalar(v)
                    continue
                }
                let n = (e == 0x78 || e == 0x58) ? 2 : (e == 0x75 ? 4 : 8)
                guard i + n <= raw.count else { throw bad }
                var v: UInt32 = 0
                for k in 0..<n {
                    guard let x = hexValue(raw[i + k]) else { throw bad }
                    v = v << 4 | x
                }
                i += n
                guard v <= 0x10FFFF else { throw bad }
                if v < 0x80 { out.append(UInt8(v)) } else { appendScalar(v) }
            case 0x30...0x33:
                guard i + 2 <= raw.count else { throw bad }
                var v = UInt32(e - 0x30)
                for k in 0..<2 {
                    let x = raw[i + k]
                    guard x >= 0x30, x <= 0x37 else { throw bad }
                    v = v * 8 + UInt32(x - 0x30)
                }
                i += 2
                if v < 0x80 { out.append(UInt8(v)) } else { appendScalar(v) }
            default:
                throw bad
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The one-character escapes shared by strings and bytes literals (`\n`, `\t`, `\\`, quotes...).
    static func simpleEscape(_ e: UInt8) -> UInt8? {
        switch e {
        case 0x61: return 0x07
        case 0x62: return 0x08
        case 0x66: return 0x0C
        case 0x6E: return 0x0A
        case 0x72: return 0x0D
        case 0x74: return 0x09
        case 0x76: return 0x0B
        case 0x5C, 0x27, 0x22, 0x60, 0x3F: return e
        default: return nil
        }
    }

    func unescapeBytes(_ slice: ArraySlice<UInt8>) throws -> [UInt8] {
        let raw = normalizeNewlines(slice)
        var out: [UInt8] = []
        var i = 0
        let bad = ExprSyntaxError(message: "unable to unescape string", range: start..<pos)
        while i < raw.count {
            let c = raw[i]
            if c != 0x5C { out.append(c); i += 1; continue }
            guard i + 1 < raw.count else { throw bad }
            let e = raw[i + 1]
            i += 2
            if let simple = Self.simpleEscape(e) { out.append(simple); continue }
            switch e {
            case 0x78, 0x58:
                guard i + 2 <= raw.count, let hi = hexValue(raw[i]), let lo = hexValue(raw[i + 1]) else { throw bad }
                out.append(UInt8(hi << 4 | lo))
                i += 2
            case 0x30...0x33:
                guard i + 2 <= raw.count else { throw bad }
                var v = UInt32(e - 0x30)
                for k in 0..<2 {
                    let x = raw[i + k]
                    guard x >= 0x30, x <= 0x37 else { throw bad }
                    v = v * 8 + UInt32(x - 0x30)
                }
                out.append(UInt8(v))
                i += 2
            default:
                throw bad
            }
        }
        return out
    }

    func normalizeNewlines(_ s: ArraySlice<UInt8>) -> [UInt8] {
        guard s.contains(0x0D) else { return Array(s) }
        var out: [UInt8] = []
        var i = s.startIndex
        while i < s.endIndex {
            if s[i] == 0x0D {
                out.append(0x0A)
                if i + 1 < s.endIndex, s[i + 1] == 0x0A { i += 1 }
            } else {
                out.append(s[i])
            }
            i += 1
        }
        return out
    }
}

// MARK: character classes (Go's unicode package semantics)

func hexValue(_ b: UInt8) -> UInt32? {
    switch b {
    case 0x30...0x39: return UInt32(b - 0x30)
    case 0x61...0x66: return UInt32(b - 0x61 + 10)
    case 0x41...0x46: return UInt32(b - 0x41 + 10)
    default: return nil
    }
}

func digitValue(_ ch: Int) -> Int {
    switch ch {
    case 0x30...0x39: return ch - 0x30
    case 0x61...0x66: return ch - 0x61 + 10
    case 0x41...0x46: return ch - 0x41 + 10
    default: return 16
    }
}

func isSpace(_ u: Unicode.Scalar) -> Bool {
    switch u.value {
    case 0x09...0x0D, 0x20, 0x85, 0xA0: return true
    case 0..<0x80: return false
    default: return u.properties.isWhitespace
    }
}

func isLetter(_ u: Unicode.Scalar) -> Bool {
    let v = u.value
    if v < 0x80 { return (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) }
    switch u.properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
    default: return false
    }
}

func isDigit(_ u: Unicode.Scalar) -> Bool {
    let v = u.value
    if v < 0x80 { return v >= 0x30 && v <= 0x39 }
    return u.properties.generalCategory == .decimalNumber
}

func isAlphabetic(_ u: Unicode.Scalar) -> Bool {
    u == "_" || u == "$" || isLetter(u)
}

func isAlphaNumeric(_ u: Unicode.Scalar) -> Bool {
    let v = u.value
    // ASCII first: identifiers are almost always ASCII, and this runs per character.
    if v < 0x80 {
        return (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) || (v >= 0x30 && v <= 0x39) || v == 0x5F || v == 0x24
    }
    return isAlphabetic(u) || isDigit(u)
}

/// Go's `%#U` rendering: `U+007E '~'`.
func goRuneDescription(_ u: Unicode.Scalar) -> String {
    let hex = String(u.value, radix: 16, uppercase: true)
    let padded = String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    return "U+\(padded) '\(Character(u))'"
}
