/// RFC 9110 syntax checks for what a stub puts on the wire: a header the
/// encoder would reject must be an error when loading, not a dropped
/// connection at run time.
enum HTTPSyntax {
    /// `token` characters (method and header names).
    static func isToken(_ text: String) -> Bool {
        guard !text.isEmpty else { return false }
        return text.utf8.allSatisfy { b in
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                return true
            default:
                return "!#$%&'*+-.^_`|~".utf8.contains(b)
            }
        }
    }

    /// A header value or reason phrase: no line breaks or NUL (they would split the message).
    static func isFieldValue(_ text: String) -> Bool {
        !text.utf8.contains { $0 == 0x0A || $0 == 0x0D || $0 == 0x00 }
    }
}
