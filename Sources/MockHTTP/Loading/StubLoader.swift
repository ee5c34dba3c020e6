import Foundation
import YAMLTree

/// Loads stub mappings from files and folders.
///
/// Order matters: among stubs of equal priority the most recently loaded
/// wins, and "loaded" means files in sorted path order, stubs in file order.
public enum StubLoader {
    static let extensions: Set<String> = ["json", "yaml", "yml"]

    /// Loads several files or folders, in the order given.
    public static func load(paths: [String]) -> StubLoadResult {
        var result = StubLoadResult()
        for path in paths { result.append(load(path: path)) }
        return result
    }

    /// Loads one file, a folder of stub files (recursive), or a WireMock root
    /// (a folder with `mappings/` and `__files/`).
    public static func load(path: String) -> StubLoadResult {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return StubLoadResult(issues: [StubIssue(path: path, line: 1, column: 1, message: "no such file or folder")])
        }
        guard isDirectory.boolValue else {
            guard extensions.contains((path as NSString).pathExtension.lowercased()) else {
                return StubLoadResult(issues: [StubIssue(path: path, line: 1, column: 1, message: "stub files must end in .json, .yaml or .yml")])
            }
            return loadFile(path, filesDirectories: StubFileLocator.filesDirectories(forFile: path, loadRoot: nil))
        }
        let root = StubFileLocator.stubRoot(of: path)
        let files = StubFileLocator.stubFiles(under: root)
        guard !files.isEmpty else {
            return StubLoadResult(issues: [StubIssue(path: path, line: 1, column: 1, message: "the folder holds no stub files (.json, .yaml, .yml)")])
        }
        var result = StubLoadResult()
        for file in files {
            result.append(loadFile(file, filesDirectories: StubFileLocator.filesDirectories(forFile: file, loadRoot: path)))
        }
        return result
    }

    /// Decodes stub text held in memory; `filesDirectories` is where `bodyFileName` is looked up.
    public static func parse(text: String, path: String, filesDirectories: [String] = []) -> StubLoadResult {
        parse(file: SourceFile(path: path, text: text), filesDirectories: filesDirectories)
    }

    public static func parse(file: SourceFile, filesDirectories: [String] = []) -> StubLoadResult {
        let parsed = YAMLParser.parse(file)
        var context = DecodeContext(file: file, filesDirectories: filesDirectories)
        for diagnostic in parsed.issues {
            context.report(message(for: diagnostic, in: file), at: diagnostic.span)
        }
        var stubs: [StubMapping] = []
        for document in parsed.documents {
            stubs += StubDecoder.decodeDocument(document.root, &context)
        }
        if stubs.isEmpty && context.issues.isEmpty {
            context.report("the file defines no stubs", at: SourceSpan(start: 0, end: 0))
        }
        return StubLoadResult(stubs: stubs, issues: context.issues)
    }

    /// Decodes stubs embedded in another YAML document (one stub or `{mappings: [...]}`).
    public static func decode(node: YAMLNode, in file: SourceFile, filesDirectories: [String] = []) -> StubLoadResult {
        var context = DecodeContext(file: file, filesDirectories: filesDirectories)
        let stubs = StubDecoder.decodeDocument(node, &context)
        return StubLoadResult(stubs: stubs, issues: context.issues)
    }

    private static func loadFile(_ path: String, filesDirectories: [String]) -> StubLoadResult {
        guard let data = FileManager.default.contents(atPath: path) else {
            return StubLoadResult(issues: [StubIssue(path: path, line: 1, column: 1, message: "the file cannot be read")])
        }
        return parse(file: SourceFile(path: path, bytes: Array(data)), filesDirectories: filesDirectories)
    }

    /// The YAML parser's words are written for Kubernetes manifests; a
    /// duplicate key in a stub is reported in this module's terms.
    private static func message(for diagnostic: YAMLIssue, in file: SourceFile) -> String {
        guard diagnostic.kind == .duplicateKey else { return diagnostic.message }
        let written = file.text(of: diagnostic.span)
        let key = written.hasPrefix("\"") || written.hasPrefix("'") ? written : quoted(written)
        if let first = diagnostic.related.first {
            let at = file.position(ofByte: first.span.start)
            return "duplicate key \(key) (first defined at line \(at.line) column \(at.column))"
        }
        return "duplicate key \(key)"
    }
}
