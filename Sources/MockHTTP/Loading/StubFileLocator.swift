import Foundation

/// Which files of a folder are stubs, and where their `bodyFileName`s live.
enum StubFileLocator {
    /// A WireMock root's stubs are in its `mappings/` folder; any other folder holds them itself.
    static func stubRoot(of folder: String) -> String {
        let mappings = (folder as NSString).appendingPathComponent("mappings")
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: mappings, isDirectory: &isDirectory), isDirectory.boolValue { return mappings }
        return folder
    }

    /// Stub files under `root`, recursively, sorted by path. `__files/`
    /// (response bodies, often .json themselves) and hidden entries are skipped.
    static func stubFiles(under root: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let components = relative.split(separator: "/")
            if components.contains(where: { $0 == "__files" || $0.hasPrefix(".") }) { continue }
            guard StubLoader.extensions.contains((relative as NSString).pathExtension.lowercased()) else { continue }
            let full = (root as NSString).appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                files.append(full)
            }
        }
        // Byte order, not locale order: the tie-break between equal priorities depends on it.
        return files.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    /// `__files` beside the nearest enclosing `mappings` folder (the WireMock
    /// layout), then beside the file, then at the folder that was loaded.
    /// The search for `mappings` stays inside the loaded folder (a lone file
    /// looks only at its own folder), so an unrelated ancestor never counts.
    static func filesDirectories(forFile file: String, loadRoot: String?) -> [String] {
        var candidates: [String] = []
        var directory = ((file as NSString).deletingLastPathComponent as NSString).standardizingPath
        if directory.isEmpty { directory = "." }
        let root = loadRoot.map { ($0 as NSString).standardizingPath } ?? directory
        var walk = directory
        while walk.hasPrefix(root) {
            if (walk as NSString).lastPathComponent == "mappings" {
                candidates.append(((walk as NSString).deletingLastPathComponent as NSString).appendingPathComponent("__files"))
                break
            }
            let parent = (walk as NSString).deletingLastPathComponent
            if parent == walk || walk == root { break }
            walk = parent
        }
        candidates.append((directory as NSString).appendingPathComponent("__files"))
        candidates.append((root as NSString).appendingPathComponent("__files"))
        var seen = Set<String>()
        return candidates.filter { seen.insert($0).inserted }
    }
}
