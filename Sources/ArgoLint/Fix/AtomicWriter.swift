import Foundation

public enum AtomicWriteError: Error, CustomStringConvertible {
    case changedSinceRead(String)
    case io(String, String)

    public var description: String {
        switch self {
        case .changedSinceRead(let path): return "\(path): the file changed while it was being fixed; it was left as it is"
        case .io(let path, let why): return "\(path): \(why)"
        }
    }
}

/// Replaces a file's content without ever leaving it half written: the new
/// bytes go to a temporary file in the same folder, which is renamed over the
/// original (an atomic step on POSIX), keeping its permissions. A file whose
/// content is no longer what was read is not overwritten.
public enum AtomicWriter {
    public static func replace(path: String, expecting original: [UInt8], with bytes: [UInt8]) throws(AtomicWriteError) {
        // Write through symlinks to their target, so the link itself survives.
        let target = (path as NSString).resolvingSymlinksInPath
        guard let current = FileManager.default.contents(atPath: target) else {
            throw .io(path, "cannot read the file again before writing")
        }
        guard [UInt8](current) == original else { throw .changedSinceRead(path) }
        let attributes = (try? FileManager.default.attributesOfItem(atPath: target)) ?? [:]
        let permissions = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? 0o644
        let directory = (target as NSString).deletingLastPathComponent
        let temporary = (directory.isEmpty ? "." : directory) + "/.\((target as NSString).lastPathComponent).argolint-\(UUID().uuidString).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(bytes), attributes: [.posixPermissions: permissions]) else {
            throw .io(path, "cannot create a temporary file in \(directory.isEmpty ? "." : directory)")
        }
        if rename(temporary, target) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw .io(path, "cannot replace the file: \(reason)")
        }
    }
}
