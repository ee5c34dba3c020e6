import Foundation
import YAMLTree
import ArgoModel
import ArgoSemantics
import ArgoSyntax

/// The parts of an HTTP template URL that matter for credentials, as byte
/// ranges of the scalar's value. `{{...}}` tags are treated as opaque: no
/// delimiter inside a tag splits the URL.
struct URLLayout: Sendable {
    /// `http://` or `https://` (the scheme and `://`), when the URL starts with a literal scheme.
    var schemeRange: Range<Int>?
    var scheme: String?
    var user: Range<Int>?
    var password: Range<Int>?
    var host: Range<Int>?
    var query: [(name: Range<Int>, value: Range<Int>)] = []

    init(_ value: String) {
        let bytes = Array(value.utf8)
        let tags = TemplateTagScanner.scan(value).tags.map(\.range)
        func inTag(_ i: Int) -> Bool { tags.contains { $0.contains(i) } }
        func find(_ targets: Set<UInt8>, from: Int, to: Int) -> Int? {
            var i = from
            while i < to {
                if let tag = tags.first(where: { $0.contains(i) }) { i = tag.upperBound; continue }
                if targets.contains(bytes[i]) { return i }
                i += 1
            }
            return nil
        }
        var start = 0
        while start < bytes.count, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        var end = bytes.count
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 || bytes[end - 1] == 0x0A { end -= 1 }

        // scheme "://"
        var i = start
        while i < end, Self.isSchemeByte(bytes[i], first: i == start), !inTag(i) { i += 1 }
        var authorityStart: Int?
        if i > start, i + 3 <= end, bytes[i] == UInt8(ascii: ":"), bytes[i + 1] == UInt8(ascii: "/"), bytes[i + 2] == UInt8(ascii: "/") {
            schemeRange = start..<(i + 3)
            scheme = String(decoding: bytes[start..<i], as: UTF8.self).lowercased()
            authorityStart = i + 3
        }
        let fragment = find([UInt8(ascii: "#")], from: start, to: end) ?? end
        if let authorityStart {
            let authorityEnd = find([UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#")], from: authorityStart, to: end) ?? end
            // The userinfo ends at the last '@' of the authority.
            var at: Int?
            var j = authorityStart
            while let next = find([UInt8(ascii: "@")], from: j, to: authorityEnd) { at = next; j = next + 1 }
            var hostStart = authorityStart
            if let at {
                if let colon = find([UInt8(ascii: ":")], from: authorityStart, to: at) {
                    user = authorityStart..<colon
                    password = (colon + 1)..<at
                } else {
                    user = authorityStart..<at
                }
                hostStart = at + 1
            }
            var hostEnd = authorityEnd
            if hostStart < authorityEnd, bytes[hostStart] == UInt8(ascii: "[") {
                if let close = find([UInt8(ascii: "]")], from: hostStart, to: authorityEnd) { hostEnd = close + 1 }
            } else if let colon = find([UInt8(ascii: ":")], from: hostStart, to: authorityEnd) {
                hostEnd = colon
            }
            host = hostStart..<hostEnd
        }
        if let question = find([UInt8(ascii: "?")], from: authorityStart ?? start, to: fragment) {
            var p = question + 1
            while p <= fragment {
                let next = find([UInt8(ascii: "&")], from: p, to: fragment) ?? fragment
                if next > p {
                    if let equals = find([UInt8(ascii: "=")], from: p, to: next) {
                        query.append((p..<equals, (equals + 1)..<next))
                    }
                }
                p = next + 1
            }
        }
    }

    private static func isSchemeByte(_ b: UInt8, first: Bool) -> Bool {
        let letter = (b >= 97 && b <= 122) || (b >= 65 && b <= 90)
        if first { return letter }
        return letter || (b >= 48 && b <= 57) || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
    }

    /// True for hosts that never leave the machine: localhost, 127.0.0.0/8, ::1.
    static func isLoopback(_ host: String) -> Bool {
        let host = host.lowercased()
        if host == "localhost" || host == "localhost." || host.hasSuffix(".localhost") { return true }
        if host == "[::1]" || host == "::1" || host == "[0:0:0:0:0:0:0:1]" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { Int($0).map { (0...255).contains($0) } ?? false }
    }
}

/// Which request headers carry credentials.
enum CredentialHeaders {
    enum Kind: Sendable { case authorization, credential }

    /// Last words of header names that name a credential (`X-Auth-Token`, `X-API-Key`, `Cookie`, ...).
    private static let credentialWords: Set<String> = [
        "token", "apikey", "secret", "password", "passwd", "cookie", "signature", "credential", "credentials",
    ]
    /// `...-Key` names that are keys to something (`X-Api-Key`, `Ocp-Apim-Subscription-Key`).
    private static let keyQualifiers: Set<String> = [
        "api", "access", "secret", "private", "subscription", "auth", "client", "master", "license", "app", "application",
    ]

    static func kind(of name: String) -> Kind? {
        // Header names are ASCII tokens; byte work keeps this cheap (it runs for every header).
        var bytes = name.utf8.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
        while let last = bytes.last, last == 0x20 || last == 0x09 { bytes.removeLast() }
        let firstKept = bytes.firstIndex { $0 != 0x20 && $0 != 0x09 } ?? bytes.endIndex
        let lower = String(decoding: bytes[firstKept...], as: UTF8.self)
        if lower == "authorization" || lower == "proxy-authorization" { return .authorization }
        let words = bytes[firstKept...].split { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }
            .map { String(decoding: $0, as: UTF8.self) }
        guard let last = words.last else { return nil }
        if credentialWords.contains(last) { return .credential }
        if last == "key", words.count >= 2, keyQualifiers.contains(words[words.count - 2]) { return .credential }
        let joined = Array(words.joined().utf8)
        if joined.containsSubsequence(Array("apikey".utf8)) || joined.containsSubsequence(Array("accesskey".utf8)) { return .credential }
        return nil
    }

    /// Query parameter names that carry credentials.
    static let queryNames: Set<String> = [
        "token", "access_token", "accesstoken", "auth_token", "authtoken", "id_token", "refresh_token", "private_token",
        "api_key", "apikey", "api-key", "key", "secret", "client_secret", "password", "passwd", "pwd",
        "sig", "signature", "x-amz-signature", "x-amz-security-token", "x-goog-signature", "session", "sessionid", "auth",
    ]
}

/// Heuristics for literal text that looks like a generated secret.
enum TokenShape {
    /// Prefixes of well-known token formats (GitHub, GitLab, Slack, Stripe, OpenAI, AWS, Google, JWT).
    private static let prefixes = ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "xoxb-", "xoxp-", "xoxa-",
                                   "sk_live_", "rk_live_", "sk-", "AKIA", "ASIA", "AIza", "eyJ"]

    /// True for a single word that is long, mixes letters and digits, and is
    /// close to random (Shannon entropy per character), or has a known token prefix.
    static func looksGenerated(_ text: Substring) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count >= 16, !scalars.contains(where: { $0 == " " || $0 == "\t" }) else { return false }
        if prefixes.contains(where: { text.hasPrefix($0) }), scalars.count >= 20,
           scalars.allSatisfy({ isTokenScalar($0) || $0 == "." }) { return true }
        guard scalars.count >= 24, scalars.allSatisfy(isTokenScalar) else { return false }
        let letters = scalars.filter { ($0 >= "a" && $0 <= "z") || ($0 >= "A" && $0 <= "Z") }.count
        let digits = scalars.filter { $0 >= "0" && $0 <= "9" }.count
        guard letters > 0, digits > 0 else { return false }
        var counts: [Unicode.Scalar: Int] = [:]
        for s in scalars { counts[s, default: 0] += 1 }
        let n = Double(scalars.count)
        var entropy = 0.0
        for c in counts.values {
            let p = Double(c) / n
            entropy -= p * log2(p)
        }
        // Random base62/base64 text of this length scores above 4; hex digests
        // (ETags, commit ids) stay at or below 4 and are not secrets by themselves.
        return entropy > 4.0
    }

    private static func isTokenScalar(_ s: Unicode.Scalar) -> Bool {
        (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") || (s >= "0" && s <= "9") || s == "_" || s == "-" || s == "+" || s == "=" || s == "~"
    }

}

/// Text helpers over a scalar's value bytes.
extension ScalarField {
    func text(_ range: Range<Int>) -> Substring {
        let bytes = Array(value.utf8)
        let lower = max(0, min(range.lowerBound, bytes.count))
        let upper = max(lower, min(range.upperBound, bytes.count))
        return Substring(String(decoding: bytes[lower..<upper], as: UTF8.self))
    }
}

extension Substring {
    /// True when the text holds a `{{` (a tag, or the start of one).
    var mentionsTag: Bool { String(self).hasTemplateTag }
}

/// Byte range with ASCII whitespace removed from both ends.
func trimmedRange(_ bytes: [UInt8], _ range: Range<Int>) -> Range<Int> {
    func space(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }
    var lower = range.lowerBound, upper = range.upperBound
    while lower < upper, space(bytes[lower]) { lower += 1 }
    while upper > lower, space(bytes[upper - 1]) { upper -= 1 }
    return lower..<upper
}
