/// How values become text outside the interpreter: the runner inserts `{{= }}`
/// results into manifests the way Argo does (JSON, strings unquoted).
extension ExprValue {
    /// Go's `json.Marshal` of the value.
    public func jsonText() throws -> String { try GoFormat.toJSON(self, indent: false) }

    /// What a `{{= }}` tag inserts: a string as it is, anything else as JSON.
    public func templateText() throws -> String {
        if case .string(let s) = self { return s }
        return try jsonText()
    }

    /// Go's `%v` of the value.
    public var goText: String { GoFormat.formatV(self) }
}
