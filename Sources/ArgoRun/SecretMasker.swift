import Foundation

/// Replaces secret values with `***` wherever they would be shown.
public struct SecretMasker: Sendable {
    public let values: [String]

    public init(values: [String]) {
        self.values = Array(Set(values.filter { !$0.isEmpty })).sorted { $0.count > $1.count }
    }

    public func mask(_ text: String) -> String {
        var result = text
        for value in values where result.contains(value) { result = result.replacingOccurrences(of: value, with: "***") }
        return result
    }
}
