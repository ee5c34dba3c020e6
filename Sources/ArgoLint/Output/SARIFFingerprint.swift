/// `partialFingerprints` for SARIF results: code scanning matches a result
/// across runs by these, so they must not move when lines are inserted above
/// a finding. They hash what the finding is, not where: the rule, the file,
/// the finding's own source text (credentials already masked, so no hash of
/// a secret leaves argolint), and which occurrence of that text it is.
struct SARIFFingerprints {
    static let key = "argolintFingerprint/v1"

    private var seen: [String: Int] = [:]

    /// The fingerprint of the next result; `text` is the span's source text,
    /// or its line's when the span is empty (a missing key points at a place).
    mutating func next(rule: String, uri: String, text: String) -> String {
        let identity = [rule, uri, text].joined(separator: "\u{0}")
        let occurrence = seen[identity, default: 0]
        seen[identity] = occurrence + 1
        return Self.hexHash(identity + "\u{0}" + String(occurrence))
    }

    /// 64-bit FNV-1a, as 16 hex digits: a stable, platform-independent hash
    /// (Swift's `Hasher` is seeded per process). Fingerprints only need to tell
    /// a file's findings apart, not resist an adversary.
    static func hexHash(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
