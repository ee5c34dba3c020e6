/// Names and ids the API server would generate, from a seeded generator so a
/// run can be repeated exactly.
struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    /// SplitMix64: small, fast, and well distributed for this use.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

enum GeneratedNames {
    /// Kubernetes' generateName alphabet: no vowels (no words), no look-alike characters.
    private static let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")

    /// `generateName` plus five characters, as the API server appends them.
    static func name(prefix: String, using generator: inout SeededGenerator) -> String {
        var suffix = ""
        for _ in 0..<5 { suffix.append(alphabet[Int(generator.next() % UInt64(alphabet.count))]) }
        return prefix + suffix
    }

    /// A version-4 UUID.
    static func uid(using generator: inout SeededGenerator) -> String {
        var bytes: [UInt8] = []
        for _ in 0..<2 {
            var word = generator.next()
            for _ in 0..<8 { bytes.append(UInt8(word & 0xFF)); word >>= 8 }
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { b -> String in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(b >> 4)], digits[Int(b & 0x0F)]])
        }
        return [hex[0..<4], hex[4..<6], hex[6..<8], hex[8..<10], hex[10..<16]].map { $0.joined() }.joined(separator: "-")
    }
}
