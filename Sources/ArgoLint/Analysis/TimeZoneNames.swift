import Foundation

/// Which time zone names Go's `time.LoadLocation` (and so Argo's controller)
/// accepts: "", "UTC", "Local", and the names of the IANA database. The
/// database is the system's (/usr/share/zoneinfo), read the way Go reads it:
/// a name is a zone when its file exists and holds TZif data. Foundation's
/// `TimeZone(identifier:)` is looser (it takes "PST", "GMT+5"), so it is only
/// the fallback on a system without the database.
enum TimeZoneNames {
    static let zoneinfo = "/usr/share/zoneinfo"

    static func isKnown(_ name: String) -> Bool {
        if name.isEmpty || name == "UTC" || name == "Local" { return true }
        // Go refuses names that could leave the database directory.
        if name.hasPrefix("/") || name.contains("\\") || name.split(separator: "/").contains("..") { return false }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: zoneinfo, isDirectory: &isDirectory), isDirectory.boolValue else {
            return TimeZone(identifier: name) != nil
        }
        guard let handle = FileHandle(forReadingAtPath: zoneinfo + "/" + name) else { return false }
        defer { try? handle.close() }
        let magic = (try? handle.read(upToCount: 4)) ?? Data()
        return magic == Data("TZif".utf8)
    }

    /// The canonical names, for did-you-mean.
    static let identifiers: [String] = TimeZone.knownTimeZoneIdentifiers

    /// The one known name that differs from `name` only in case, if any.
    static func caseVariant(of name: String) -> String? {
        let lower = name.lowercased()
        let matches = identifiers.filter { $0.lowercased() == lower && $0 != name }
        return matches.count == 1 ? matches[0] : nil
    }
}
