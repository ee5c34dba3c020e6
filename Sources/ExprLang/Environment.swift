/// Which language the text is written in. `.seed` accepts three non-upstream
/// forms used by the project's seed data (`status_code`, `response.body` as
/// parsed JSON, `.length`); `.argo` is real Argo Workflows.
public enum ExprDialect: String, Sendable, Equatable {
    case argo
    case seed
}

/// Typed names visible to an expression.
public struct ExprEnvironment: Sendable {
    public var roots: [String: ExprType]
    public var functions: [String: ExprFunctionSignature]
    public var dialect: ExprDialect
    /// Whether Argo's `{{= }}` helpers are callable (evaluator support).
    public var argoFunctions: Bool

    public init(roots: [String: ExprType], functions: [String: ExprFunctionSignature] = [:], dialect: ExprDialect = .argo, argoFunctions: Bool = false) {
        self.roots = roots
        self.functions = functions
        self.dialect = dialect
        self.argoFunctions = argoFunctions
    }

    static let headers: ExprType = .map(key: .string, value: .headerList)

    /// Argo HTTP template `successCondition`: exactly `request` and `response`,
    /// with their real Go types, and the expr builtins only.
    public static func httpSuccessCondition(dialect: ExprDialect = .argo) -> ExprEnvironment {
        // Built once per dialect: every HTTP template's condition is checked in it.
        dialect == .seed ? seedSuccessCondition : argoSuccessCondition
    }

    private static let argoSuccessCondition = buildHTTPSuccessCondition(dialect: .argo)
    private static let seedSuccessCondition = buildHTTPSuccessCondition(dialect: .seed)

    private static func buildHTTPSuccessCondition(dialect: ExprDialect) -> ExprEnvironment {
        let request = ExprRecord(fields: [
            "method": .string, "url": .string, "body": .string, "bodyBytes": .bytes, "headers": headers,
        ], closed: true, name: "request")
        let response = ExprRecord(fields: [
            "statusCode": .int, "body": dialect == .seed ? .any : .string, "headers": headers,
        ], closed: true, name: "response")
        var roots: [String: ExprType] = ["request": .record(request), "response": .record(response)]
        if dialect == .seed { roots["status_code"] = .int }
        return ExprEnvironment(roots: roots, dialect: dialect)
    }

    /// Upstream's own static view of the same env: `request`/`response` are
    /// `map[string]interface{}`, so every member is unknown.
    public static func httpSuccessConditionUpstreamView() -> ExprEnvironment {
        ExprEnvironment(roots: [
            "request": .record(ExprRecord(fields: [:], closed: false, name: "request")),
            "response": .record(ExprRecord(fields: [:], closed: false, name: "response")),
        ], dialect: .argo)
    }

    public static let sprigFunctionNames: [String] = """
    hello ago date date_in_zone date_modify dateInZone dateModify duration durationRound htmlDate htmlDateInZone must_date_modify mustDateModify mustToDate now toDate unixEpoch abbrev abbrevboth trunc trim upper lower title untitle substr repeat trimall trimAll trimSuffix trimPrefix nospace initials randAlphaNum randAlpha randAscii randNumeric swapcase shuffle snakecase camelcase kebabcase wrap wrapWith contains hasPrefix hasSuffix quote squote cat indent nindent replace plural sha1sum sha256sum sha512sum adler32sum toString atoi int64 int float64 seq toDecimal split splitList splitn toStrings until untilStep add1 add sub div mod mul randInt add1f addf subf divf mulf biggest max min maxf minf ceil floor round join sortAlpha default empty coalesce all any compact mustCompact fromJson toJson toPrettyJson toRawJson mustFromJson mustToJson mustToPrettyJson mustToRawJson ternary deepCopy mustDeepCopy typeOf typeIs typeIsLike kindOf kindIs deepEqual getHostByName base dir clean ext isAbs osBase osClean osDir osExt osIsAbs b64enc b64dec b32enc b32dec tuple list dict get set unset hasKey pluck keys pick omit merge mergeOverwrite mustMerge mustMergeOverwrite values append mustAppend prepend mustPrepend first mustFirst rest mustRest last mustLast initial mustInitial reverse mustReverse uniq mustUniq without mustWithout has mustHas slice mustSlice concat dig chunk mustChunk bcrypt htpasswd genPrivateKey derivePassword buildCustomCert genCA genCAWithKey genSelfSignedCert genSelfSignedCertWithKey genSignedCert genSignedCertWithKey encryptAES decryptAES randBytes uuidv4 semver semverCompare fail regexMatch mustRegexMatch regexFindAll mustRegexFindAll regexFind mustRegexFind regexReplaceAll mustRegexReplaceAll regexReplaceAllLiteral mustRegexReplaceAllLiteral regexSplit mustRegexSplit regexQuoteMeta urlParse urlJoin
    """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)

    /// `{{= }}` tags: flat Argo variable keys become nested records the way
    /// `expand.Expand` nests them (a key that prefixes a longer key is dropped
    /// and becomes a record), plus Argo's extra functions. Records under an
    /// `openPrefixes` entry accept any member.
    public static func argoTemplateTag(variables: [String: ExprType], openPrefixes: [String] = []) -> ExprEnvironment {
        // A key that is a prefix of a longer key is dropped (upstream behaviour):
        // collect every proper dotted prefix once instead of comparing all pairs.
        var prefixes = Set<Substring>()
        for key in variables.keys {
            var index = key.startIndex
            while let dot = key[index...].firstIndex(of: ".") {
                prefixes.insert(key[..<dot])
                index = key.index(after: dot)
            }
        }
        var tree = Node()
        for (key, type) in variables where !prefixes.contains(Substring(key)) {
            tree.insert(key.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }, type)
        }
        for p in openPrefixes {
            tree.open(p.utf8.split(separator: UInt8(ascii: ".")).map { String(decoding: $0, as: UTF8.self) })
        }
        var roots: [String: ExprType] = [:]
        for (k, child) in tree.children { roots[k] = child.type(name: k) }
        roots["sprig"] = sprigRecord
        return ExprEnvironment(roots: roots, functions: argoFunctionSignatures, dialect: .argo, argoFunctions: true)
    }

    /// Built once: every `{{= }}` environment shares them.
    private static let sprigRecord: ExprType = {
        var fields: [String: ExprType] = [:]
        for n in sprigFunctionNames {
            fields[n] = .function(ExprFunctionSignature(name: "sprig.\(n)", minArgs: 0, maxArgs: nil, result: .any))
        }
        return .record(ExprRecord(fields: fields, closed: true, name: "sprig"))
    }()

    private static let argoFunctionSignatures: [String: ExprFunctionSignature] = [
        "asInt": ExprFunctionSignature(name: "asInt", minArgs: 1, maxArgs: 1, parameters: [.any], result: .any),
        "asFloat": ExprFunctionSignature(name: "asFloat", minArgs: 1, maxArgs: 1, parameters: [.any], result: .any),
        "toJson": ExprFunctionSignature(name: "toJson", minArgs: 1, maxArgs: 1, parameters: [.any], result: .string),
        "jsonpath": ExprFunctionSignature(name: "jsonpath", minArgs: 2, maxArgs: 2, parameters: [.string, .string], result: .any),
    ]

    private struct Node {
        var leaf: ExprType?
        var children: [String: Node] = [:]
        var isOpen = false

        mutating func insert(_ path: [String], _ t: ExprType) {
            guard let first = path.first else { leaf = t; return }
            var child = children[first] ?? Node()
            child.insert(Array(path.dropFirst()), t)
            children[first] = child
        }

        mutating func open(_ path: [String]) {
            guard let first = path.first else { isOpen = true; return }
            var child = children[first] ?? Node()
            child.open(Array(path.dropFirst()))
            children[first] = child
        }

        func type(name: String) -> ExprType {
            if children.isEmpty && !isOpen { return leaf ?? .any }
            var fields: [String: ExprType] = [:]
            for (k, c) in children { fields[k] = c.type(name: name + "." + k) }
            return .record(ExprRecord(fields: fields, closed: !isOpen, name: name))
        }
    }

    /// Every dotted path to a leaf, for did-you-mean suggestions.
    func leafPaths() -> [(path: String, last: String)] {
        var out: [(String, String)] = []
        func walk(_ prefix: String, _ t: ExprType, _ depth: Int) {
            if depth > 6 { return }
            if case .record(let r) = t, !r.fields.isEmpty {
                for (k, v) in r.fields { walk(prefix + "." + k, v, depth + 1) }
            } else {
                out.append((prefix, String(prefix.split(separator: ".").last ?? "")))
            }
        }
        for (k, v) in roots {
            if case .record(let r) = v, !r.fields.isEmpty {
                for (f, t) in r.fields { walk(k + "." + f, t, 1) }
            }
        }
        return out
    }
}
