import Foundation

/// Where a run's configuration and cross-file facts come from: the folder
/// holding `.argolint.yaml`, else the git root, else just the inputs.
public struct Project: Sendable {
    public var root: String?
    public var configuration: Configuration?
    public var configurationPath: String?

    /// No configuration and no root: the inputs alone.
    public init() {}

    /// Finds the configuration: `explicitPath`, else the nearest `.argolint.yaml`
    /// upwards from `start`.
    public static func discover(start: String, explicitConfigPath: String?) throws(ConfigurationError) -> Project {
        var project = Project()
        let configPath: String?
        if let explicitConfigPath {
            configPath = explicitConfigPath
        } else {
            configPath = findUpwards(from: start) { dir in
                let candidate = (dir as NSString).appendingPathComponent(Configuration.fileName)
                return FileManager.default.fileExists(atPath: candidate) ? candidate : nil
            }
        }
        if let configPath {
            project = try load(configurationAt: configPath)
        } else {
            project.root = findUpwards(from: start) { dir in
                FileManager.default.fileExists(atPath: (dir as NSString).appendingPathComponent(".git")) ? dir : nil
            }
        }
        return project
    }

    /// The project a configuration file defines: its settings, rooted at its folder.
    public static func load(configurationAt configPath: String) throws(ConfigurationError) -> Project {
        guard let data = FileManager.default.contents(atPath: configPath) else {
            throw ConfigurationError(message: "\(configPath): cannot read the configuration file")
        }
        let directory = (absolute(configPath) as NSString).deletingLastPathComponent
        var project = Project()
        project.configuration = try Configuration.load(path: configPath, bytes: [UInt8](data), directory: directory)
        project.configurationPath = configPath
        project.root = directory
        return project
    }

    static func findUpwards(from start: String, _ probe: (String) -> String?) -> String? {
        var dir = absolute(start)
        while true {
            if let found = probe(dir) { return found }
            let parent = (dir as NSString).deletingLastPathComponent
            if parent == dir || parent.isEmpty { return nil }
            dir = parent
        }
    }

    public static func absolute(_ path: String) -> String {
        // realpath(3) for what exists: it resolves symlinks as standardizingPath
        // does, at a small fraction of the cost (this runs for every input file).
        if let resolved = realpath(path, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        let full = path.hasPrefix("/") ? path : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
        return (full as NSString).standardizingPath
    }

    /// True when the configuration's `ignore` globs exclude `path`.
    public func isIgnored(_ path: String) -> Bool {
        guard let configuration, !configuration.ignore.isEmpty else { return false }
        let full = Self.absolute(path)
        let base = configuration.directory.hasSuffix("/") ? configuration.directory : configuration.directory + "/"
        guard full.hasPrefix(base) else { return false }
        let relative = String(full.dropFirst(base.count))
        return configuration.ignore.contains { Glob($0).matches(relative) }
    }

    /// Every `*.yaml`/`*.yml` below `directory`, sorted, skipping hidden and build folders.
    public static func yamlFiles(under directory: String) -> [String] {
        var result: [String] = []
        var queue = [directory]
        let manager = FileManager.default
        // Folders already walked, by device and inode: a symbolic link back up
        // the tree (a loop) or to a folder seen elsewhere is walked once.
        var visited = Set<FolderIdentity>()
        while let dir = queue.popLast() {
            var info = stat()
            if stat(dir, &info) == 0 {
                guard visited.insert(FolderIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))).inserted else { continue }
            }
            guard let entries = try? manager.contentsOfDirectory(atPath: dir) else { continue }
            for entry in entries {
                if entry.hasPrefix(".") || entry == "node_modules" { continue }
                let path = dir == "." ? entry : (dir as NSString).appendingPathComponent(entry)
                var isDirectory: ObjCBool = false
                guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
                if isDirectory.boolValue {
                    queue.append(path)
                } else if entry.hasSuffix(".yaml") || entry.hasSuffix(".yml") {
                    result.append(path)
                }
            }
        }
        return result.sorted()
    }

    /// Project files that may hold cross-file facts (WorkflowTemplates,
    /// Secrets) and are not inputs. Files are read and tested for the kind
    /// names before any parsing, so a large project costs little.
    public func contextInputs(excluding inputs: Set<String>, extraSecretPaths: [String]) -> [LintInput] {
        var paths: [String] = []
        if let root { paths += Self.yamlFiles(under: root) }
        var secretPaths = extraSecretPaths
        if let configuration {
            secretPaths += configuration.secrets.map { $0.hasPrefix("/") ? $0 : (configuration.directory as NSString).appendingPathComponent($0) }
        }
        var explicitSecrets: [String] = []
        for path in secretPaths {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
                explicitSecrets += isDirectory.boolValue ? Self.yamlFiles(under: path) : [path]
            }
        }
        var seen = Set(inputs)
        var result: [LintInput] = []
        for path in explicitSecrets + paths {
            let key = Self.absolute(path)
            guard seen.insert(key).inserted, !isIgnored(path) else { continue }
            guard let bytes = LintInput.readFile(path) else { continue }
            if Linter.mayHoldFacts(bytes) {
                // Read again when needed, so the project's files are not all held at once.
                result.append(LintInput(path: path, readingFile: path, size: bytes.count))
            }
        }
        return result
    }
}

extension Array where Element == UInt8 {
    /// Substring search that lets the C library's vectorised memchr find each
    /// candidate first byte: several passes of this run over every input byte.
    func containsSubsequence(_ needle: [UInt8]) -> Bool {
        firstOffset(of: needle, from: 0) != nil
    }

    func firstOffset(of needle: [UInt8], from start: Int) -> Int? {
        firstOffset(of: needle, in: start..<count)
    }

    /// The first occurrence of `needle` lying wholly inside `range` (clamped to the array).
    func firstOffset(of needle: [UInt8], in range: Range<Int>) -> Int? {
        let start = Swift.max(0, range.lowerBound)
        let end = Swift.min(count, range.upperBound)
        guard let first = needle.first, start + needle.count <= end else { return nil }
        return withUnsafeBufferPointer { haystack -> Int? in
            guard let base = haystack.baseAddress else { return nil }
            var at = start
            let last = end - needle.count
            while at <= last {
                guard let hit = memchr(base + at, Int32(first), last - at + 1) else { return nil }
                let offset = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                var j = 1
                while j < needle.count && base[offset + j] == needle[j] { j += 1 }
                if j == needle.count { return offset }
                at = offset + 1
            }
            return nil
        }
    }
}

extension Project {
    /// Reads files on all cores; nil for a file that cannot be read.
    public static func read(_ paths: [String]) -> [[UInt8]?] {
        parallelMap(paths) { path in FileManager.default.contents(atPath: path).map { [UInt8]($0) } }
    }

    /// The size of each file that can be opened for reading (nil otherwise), without
    /// reading it: the linter reads each file in the worker that checks it.
    public static func readableSizes(_ paths: [String]) -> [Int?] {
        paths.map { path in
            let fd = open(path, O_RDONLY)
            guard fd >= 0 else { return nil }
            defer { close(fd) }
            var info = stat()
            guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR else { return nil }
            return Int(info.st_size)
        }
    }
}

/// A folder as the file system knows it, whatever path reached it.
private struct FolderIdentity: Hashable {
    var device: UInt64
    var inode: UInt64
}
