/// The Markdown docs of rules/, compiled in by the EmbedRuleDocs build plugin.
public enum RuleDocs {
    public static func markdown(for id: String) -> String? {
        embeddedRuleDocs[id]
    }
}
