import Foundation

/// Artifact locations of a SARIF log: paths under the working directory are
/// relative URIs against `%SRCROOT%` (which `originalUriBaseIds` defines as
/// the working directory), so a log made in a CI checkout names files the way
/// code scanning expects; paths outside it are absolute `file://` URIs.
struct SARIFArtifacts {
    static let baseID = "%SRCROOT%"

    /// The working directory, absolute and with symlinks resolved, like the paths compared with it.
    let root: String

    init(workingDirectory: String) {
        root = Project.absolute(workingDirectory)
    }

    /// `file:///the/root/`: a base URI ends with a slash (SARIF §3.14.14).
    var rootURI: String {
        "file://" + Self.encodePath(root.hasSuffix("/") ? root : root + "/")
    }

    /// The URI of a reported path, relative when it is inside the root.
    func uri(for path: String) -> (uri: String, relative: Bool) {
        let full = Project.absolute(path)
        let base = root.hasSuffix("/") ? root : root + "/"
        if full.hasPrefix(base) {
            return (Self.encodePath(String(full.dropFirst(base.count))), true)
        }
        return ("file://" + Self.encodePath(full), false)
    }

    func location(for path: String) -> JSONTree {
        let (uri, relative) = uri(for: path)
        return relative ? .object([("uri", .string(uri)), ("uriBaseId", .string(Self.baseID))]) : .object([("uri", .string(uri))])
    }

    var originalUriBaseIds: JSONTree {
        .object([(Self.baseID, .object([("uri", .string(rootURI))]))])
    }

    /// Percent-encodes a path for a URI (RFC 3986): every byte but the
    /// unreserved characters and `/`. `:` is encoded too, so a relative path
    /// such as `a:b.yaml` cannot read as a scheme.
    static func encodePath(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}
