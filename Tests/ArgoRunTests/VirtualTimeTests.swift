import Foundation
import Testing
@testable import ArgoRun

@Suite struct VirtualTimeTests {
    /// The hand-written RFC 3339 formatter agrees with Foundation's over leap years and century rules.
    @Test(arguments: [0.0, 0.9, 59, 3_600, 86_399, 86_400, 31_536_000, 4_102_444_800 - VirtualTime.epoch, 951_782_400 - VirtualTime.epoch])
    func timestampsMatchFoundation(offset: Double) {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        let expected = formatter.string(from: Date(timeIntervalSince1970: (VirtualTime.epoch + offset).rounded(.down)))
        #expect(VirtualTime.timestamp(offset) == expected)
    }

    @Test func generatedNamesAreRepeatableAndUseKubernetesLetters() {
        var a = SeededGenerator(seed: 42), b = SeededGenerator(seed: 42), c = SeededGenerator(seed: 43)
        let first = GeneratedNames.name(prefix: "wf-", using: &a)
        #expect(first == GeneratedNames.name(prefix: "wf-", using: &b))
        #expect(first != GeneratedNames.name(prefix: "wf-", using: &c))
        #expect(first.dropFirst(3).allSatisfy { "bcdfghjklmnpqrstvwxz2456789".contains($0) })
        let uid = GeneratedNames.uid(using: &a)
        #expect(uid.count == 36 && uid.split(separator: "-").map(\.count) == [8, 4, 4, 4, 12])
        #expect(Array(uid)[14] == "4")
    }
}
