import Foundation
import ArgoLint

/// What the workspace index found on disk.
struct WorkspaceScan: Sendable {
    /// Files naming a WorkflowTemplate, ClusterWorkflowTemplate or Secret, by path.
    var facts: [LintInput] = []
    var filesRead = 0
    var bytesRead = 0
    /// A limit stopped the walk: some files were not read.
    var truncated = false
}

/// Reads the WorkflowTemplates and Secrets of the workspace folders, within
/// limits, so opening a home folder as a workspace cannot stall the machine:
/// at most `maxFiles` YAML files read, `maxBytes` bytes, and `maxEntries`
/// folder entries looked at (a tree of folders without YAML). Hidden folders and
/// `node_modules` are skipped, as the CLI does; so are files the projects'
/// `ignore` globs exclude. Secret paths named by a folder's `.argolint.yaml`
/// are read first (they may lie outside the folder).
struct WorkspaceScanner: Sendable {
    var maxFiles = 10_000
    var maxBytes = 64 * 1024 * 1024
    var maxEntries = 200_000

    func scan(roots: [String]) -> WorkspaceScan {
        var scan = WorkspaceScan()
        var seen = Set<String>()
        var visitedDirectories = Set<FileIdentity>()
        var entriesSeen = 0
        for root in roots {
            let project = try? Project.discover(start: root, explicitConfigPath: nil)
            var queue: [String] = []
            if let configuration = project?.configuration {
                for secrets in configuration.secrets {
                    queue.append(secrets.hasPrefix("/") ? secrets : (configuration.directory as NSString).appendingPathComponent(secrets))
                }
            }
            queue.append(root)
            // Breadth first, so a limit leaves out the deepest files, not a whole sibling tree.
            var head = 0
            while head < queue.count {
                let path = queue[head]
                head += 1
                entriesSeen += 1
                guard entriesSeen <= maxEntries else {
                    scan.truncated = true
                    return scan
                }
                guard let info = FileIdentity.of(path) else { continue }
                if info.isDirectory {
                    guard visitedDirectories.insert(info).inserted,
                          let entries = try? FileManager.default.contentsOfDirectory(atPath: path) else { continue }
                    for entry in entries.sorted() where !entry.hasPrefix(".") && entry != "node_modules" {
                        queue.append((path as NSString).appendingPathComponent(entry))
                    }
                    continue
                }
                guard path.hasSuffix(".yaml") || path.hasSuffix(".yml"), seen.insert(path).inserted,
                      project?.isIgnored(path) != true else { continue }
                guard scan.filesRead < maxFiles else {
                    scan.truncated = true
                    return scan
                }
                // A file that does not fit is skipped; smaller ones may still.
                guard scan.bytesRead + info.size <= maxBytes else {
                    scan.truncated = true
                    continue
                }
                guard let data = FileManager.default.contents(atPath: path) else { continue }
                let bytes = [UInt8](data)
                scan.filesRead += 1
                scan.bytesRead += bytes.count
                if Linter.mayHoldFacts(bytes) { scan.facts.append(LintInput(path: path, bytes: bytes)) }
            }
        }
        return scan
    }
}

/// A file's device and inode (to walk each folder once through symlinks), kind and size.
struct FileIdentity: Hashable, Sendable {
    var device: UInt64
    var inode: UInt64
    var isDirectory: Bool
    var size: Int

    static func of(_ path: String) -> FileIdentity? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino),
                            isDirectory: info.st_mode & S_IFMT == S_IFDIR, size: Int(info.st_size))
    }

    static func == (a: FileIdentity, b: FileIdentity) -> Bool { a.device == b.device && a.inode == b.inode }
    func hash(into hasher: inout Hasher) {
        hasher.combine(device)
        hasher.combine(inode)
    }
}
