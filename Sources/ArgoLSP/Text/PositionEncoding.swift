/// The unit of `Position.character`, agreed at initialize.
public enum PositionEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case utf16 = "utf-16"
    case utf32 = "utf-32"

    /// UTF-8 when the client offers it (our spans are bytes, so no counting at
    /// all), else UTF-16, which every client must support. `offered` is
    /// `capabilities.general.positionEncodings`; absent means UTF-16 only.
    public static func negotiate(offered: [String]?) -> PositionEncoding {
        guard let offered else { return .utf16 }
        return offered.contains(PositionEncoding.utf8.rawValue) ? .utf8 : .utf16
    }
}
