import Foundation

/// The Markdown docs of rules/, bundled with the binary.
public enum RuleDocs {
    public static func markdown(for id: String) -> String? {
        guard let url = Bundle.module.url(forResource: id, withExtension: "md", subdirectory: "RuleDocs"),
              let data = try? Data(contentsOf: url) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
