import Foundation

/// Finds the project of each input: the folder of the nearest `.argolint.yaml`
/// upwards from the input's folder, else the git root, else none — or, with
/// `--config`, that one file's project for every input. Each folder is probed
/// once and each configuration loaded once, however many files share it.
public struct ProjectResolver {
    private let explicit: Project?
    /// Absolute folder → the configuration file that governs it (nil: none).
    private var configurations: [String: String?] = [:]
    /// Absolute folder → the git root above it (nil: none).
    private var gitRoots: [String: String?] = [:]
    /// Loaded projects by configuration path.
    private var projects: [String: Project] = [:]
    /// Answers by folder as named: the files of one folder skip even realpath(3).
    private var byFolder: [String: Project] = [:]

    public init(explicitConfigPath: String?) throws(ConfigurationError) {
        if let explicitConfigPath {
            explicit = try Project.load(configurationAt: explicitConfigPath)
        } else {
            explicit = nil
        }
    }

    /// The project of a file, from its folder as named (symlinks to the file are not followed).
    public mutating func project(forFile path: String) throws(ConfigurationError) -> Project {
        let folder = (path as NSString).deletingLastPathComponent
        return try project(forFolder: folder.isEmpty ? "." : folder)
    }

    /// The project of a folder (standard input is linted as if it were in one).
    public mutating func project(forFolder folder: String) throws(ConfigurationError) -> Project {
        if let explicit { return explicit }
        if let known = byFolder[folder] { return known }
        let project = try discover(from: Project.absolute(folder))
        byFolder[folder] = project
        return project
    }

    private mutating func discover(from start: String) throws(ConfigurationError) -> Project {
        if let configPath = Self.nearest(from: start, cache: &configurations, probe: { dir in
            let candidate = (dir as NSString).appendingPathComponent(Configuration.fileName)
            return FileManager.default.fileExists(atPath: candidate) ? candidate : nil
        }) {
            if let known = projects[configPath] { return known }
            let project = try Project.load(configurationAt: configPath)
            projects[configPath] = project
            return project
        }
        var project = Project()
        project.root = Self.nearest(from: start, cache: &gitRoots) { dir in
            FileManager.default.fileExists(atPath: (dir as NSString).appendingPathComponent(".git")) ? dir : nil
        }
        return project
    }

    /// The first folder from `start` upwards for which `probe` finds something,
    /// remembering the answer for every folder on the way.
    private static func nearest(from start: String, cache: inout [String: String?], probe: (String) -> String?) -> String? {
        var visited: [String] = []
        var dir = start
        var answer: String?
        while true {
            if let known = cache[dir] { answer = known; break }
            visited.append(dir)
            if let found = probe(dir) { answer = found; break }
            let parent = (dir as NSString).deletingLastPathComponent
            if parent == dir || parent.isEmpty { break }
            dir = parent
        }
        for folder in visited { cache[folder] = .some(answer) }
        return answer
    }
}

extension Project {
    /// Projects with the same identity share configuration and facts: the
    /// configuration file, else the root folder.
    public var identity: String {
        configurationPath.map { "config:" + $0 } ?? root.map { "root:" + $0 } ?? ""
    }
}
