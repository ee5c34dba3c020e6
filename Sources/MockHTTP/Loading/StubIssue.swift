/// One problem in a stub file. The caller refuses to start the responder
/// while there are any: a stub that silently never matches is worse than
/// an error.
public struct StubIssue: Sendable, Hashable, CustomStringConvertible {
    public var path: String
    /// 1-based.
    public var line: Int
    /// 1-based, in Unicode scalars.
    public var column: Int
    public var message: String

    public init(path: String, line: Int, column: Int, message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    /// `path:line:column: message`, the compiler convention editors understand.
    public var description: String { "\(path):\(line):\(column): \(message)" }
}

/// What loading produced: every stub that decoded cleanly, and every issue
/// of every file (not only the first).
public struct StubLoadResult: Sendable {
    public var stubs: [StubMapping]
    public var issues: [StubIssue]

    public init(stubs: [StubMapping] = [], issues: [StubIssue] = []) {
        self.stubs = stubs
        self.issues = issues
    }

    mutating func append(_ other: StubLoadResult) {
        stubs += other.stubs
        issues += other.issues
    }
}
