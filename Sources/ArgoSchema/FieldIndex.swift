/// Field names of one object, found by an FNV-1a hash of their UTF-8 bytes.
///
/// The validator looks up every key of every mapping it walks; a `[String: _]`
/// dictionary hashes each with SipHash, which callgrind showed at several
/// hundred instructions a lookup. Field names are short ASCII words, and an
/// open-addressing table over a simple byte hash finds them for a fraction.
struct FieldIndex: Sendable {
    /// Positions in `names`, -1 for an empty slot; the count is a power of two.
    private let slots: [Int]
    private let names: [String]

    init(_ names: [String]) {
        self.names = names
        var capacity = 8
        while capacity < names.count * 2 { capacity *= 2 }
        var slots = [Int](repeating: -1, count: capacity)
        for (position, name) in names.enumerated() {
            var slot = Self.hash(name) & (capacity - 1)
            while slots[slot] >= 0 { slot = (slot + 1) & (capacity - 1) }
            slots[slot] = position
        }
        self.slots = slots
    }

    /// The position of `name` in the list the index was built from.
    func position(of name: String) -> Int? {
        let mask = slots.count - 1
        var slot = Self.hash(name) & mask
        while true {
            let position = slots[slot]
            if position < 0 { return nil }
            if names[position] == name { return position }
            slot = (slot + 1) & mask
        }
    }

    static func hash(_ name: String) -> Int {
        var text = name
        return text.withUTF8 { bytes in
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in bytes {
                hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            }
            return Int(truncatingIfNeeded: hash >> 1)
        }
    }
}
