import YAMLTree
import ArgoModel
import ArgoSemantics
import ArgoSyntax
import ExprLang

/// Checks every `{{...}}` reference, every `{{= }}` expression, every HTTP
/// `successCondition` and every `when` of one resource, once. The four rules
/// (unresolved-variable, expr-syntax, expr-type, expr-unknown-name) each
/// report their share of the findings.
struct ExpressionAnalysis: Sendable {
    static let unresolvedVariable = "unresolved-variable"
    static let exprSyntax = "expr-syntax"
    static let exprType = "expr-type"
    static let exprUnknownName = "expr-unknown-name"

    private(set) var findings: [Diagnostic] = []
    /// `{{= }}` environments without task/step outputs, per template and loop kind.
    private var baseEnvironments: [BaseKey: ExprEnvironment] = [:]

    private struct BaseKey: Hashable {
        var template: ObjectIdentifier?
        var loop: VariableScope.LoopKind
    }

    init(_ context: ResourceContext) {
        let resolver = VariableScope(semantics: context.semantics)
        let file = context.file
        for site in TagSiteCollector.collect(context.semantics) {
            checkTags(site, resolver: resolver, file: file)
        }
        for template in context.allTemplates {
            if let condition = template.http?.successCondition, !condition.isNull {
                checkSuccessCondition(condition, dialect: context.dialect, file: file)
            }
            var calls = template.dag?.tasks.map(\.call) ?? []
            calls += template.steps?.flatMap { $0.map(\.call) } ?? []
            for call in calls {
                if let when = call.when, !when.isNull { checkWhen(when, file: file) }
            }
        }
    }

    // MARK: Tags

    private mutating func checkTags(_ site: TagSite, resolver: VariableScope, file: SourceFile) {
        guard let scalar = site.node.scalar else { return }
        let field = ScalarField(value: scalar.value, span: site.node.span, keySpan: nil, style: scalar.style, tag: scalar.tag)
        let scan = TemplateTagScanner.scan(scalar.value)
        for tag in scan.tags {
            switch tag.kind {
            case .simple:
                guard let problem = resolver.resolve(tag.text, at: site.site) else { continue }
                let span = field.sourceSpan(tag.range, in: file)
                var fix: Fix?
                if let replacement = problem.replacement {
                    fix = verbatimFix("replace with {{\(replacement)}}", field: field, range: tag.textRange, original: tag.text, replacement: replacement, file: file)
                } else if case .templateBody(let template) = site.site, tag.text.hasPrefix("tasks."), resolver.semantics.dialect == .argo {
                    fix = ParameterPassingFix.make(template: template, tag: tag, field: field, resolver: resolver, file: file)
                }
                findings.append(Diagnostic(rule: Self.unresolvedVariable, severity: problem.severity, message: problem.message, span: span, fix: fix))
            case .expression:
                // The seed's secret lookup is the secret rules' business, in either dialect.
                if SecretLookup.parse(tag.text) != nil { continue }
                let environment = self.environment(for: site.site, mentioning: tag.text, resolver: resolver)
                for issue in ExprLint.check(source: tag.text, environment: environment, requireBool: false) {
                    report(issue, field: field, offset: tag.textRange.lowerBound, source: tag.text, file: file, context: "in {{=\(Self.abbreviate(tag.text))}}")
                }
            }
        }
        for issue in scan.issues {
            findings.append(Diagnostic(rule: Self.exprSyntax, severity: .warning,
                                       message: "\(issue.message); Argo only replaces complete {{...}} tags",
                                       span: field.sourceSpan(issue.range, in: file)))
        }
    }

    /// The environment of a `{{= }}` tag: the site's shared base, plus the
    /// outputs of the tasks or steps the expression names.
    private mutating func environment(for site: ReferenceSite, mentioning source: String, resolver: VariableScope) -> ExprEnvironment {
        let key = BaseKey(template: site.template.map(ObjectIdentifier.init), loop: resolver.loopKind(at: site))
        var environment: ExprEnvironment
        if let cached = baseEnvironments[key] {
            environment = cached
        } else {
            let (variables, open) = resolver.baseVariables(at: site)
            environment = ExprEnvironment.argoTemplateTag(variables: variables, openPrefixes: open)
            baseEnvironments[key] = environment
        }
        for (root, type) in resolver.nodeRoots(at: site, mentioning: source) { environment.roots[root] = type }
        return environment
    }

    // MARK: successCondition

    private mutating func checkSuccessCondition(_ condition: ScalarField, dialect: Dialect, file: SourceFile) {
        var source = condition.value
        var placeholders: [Range<Int>] = []
        if source.hasTemplateTag {
            // Tags are substituted before the condition is evaluated: stand in a
            // same-length literal so positions stay exact, and judge only the syntax around them.
            var bytes = Array(source.utf8)
            for tag in TemplateTagScanner.scan(source).tags {
                placeholders.append(tag.range)
                for i in tag.range { bytes[i] = i == tag.range.lowerBound ? UInt8(ascii: "0") : UInt8(ascii: " ") }
            }
            source = String(decoding: bytes, as: UTF8.self)
        }
        let environment = ExprEnvironment.httpSuccessCondition(dialect: dialect == .seed ? .seed : .argo)
        for issue in ExprLint.check(source: source, environment: environment, requireBool: true) {
            if !placeholders.isEmpty && (issue.kind != .syntax || placeholders.contains(where: { $0.overlaps(issue.range) })) { continue }
            report(issue, field: condition, offset: 0, source: source, file: file, context: "in successCondition")
        }
    }

    // MARK: when

    private mutating func checkWhen(_ when: ScalarField, file: SourceFile) {
        for issue in WhenCondition.check(when.value) {
            let rule: String
            switch issue.code {
            case .whenNotBoolean, .whenComparisonChain, .whenTypeMismatch, .whenInvalidRegex, .whenDottedWord, .whenHyphenatedWord, .whenUnquotedTag:
                rule = Self.exprType
            case .whenUndefinedFunction:
                rule = Self.exprUnknownName
            default:
                rule = Self.exprSyntax
            }
            let message = "when: " + (issue.hint.map { "\(issue.message); \($0)" } ?? issue.message)
            let span = when.sourceSpan(issue.range, in: file)
            findings.append(Diagnostic(rule: rule, severity: issue.severity == .error ? .error : .warning, message: message,
                                       span: span.length > 0 ? span : when.reportSpan))
        }
    }

    // MARK: Helpers

    private mutating func report(_ issue: ExprDiagnostic, field: ScalarField, offset: Int, source: String, file: SourceFile, context: String) {
        let rule: String
        switch issue.kind {
        case .syntax: rule = Self.exprSyntax
        case .type: rule = Self.exprType
        case .unknownName: rule = Self.exprUnknownName
        }
        let range = (issue.range.lowerBound + offset)..<(max(issue.range.upperBound, issue.range.lowerBound + 1) + offset)
        let clamped = min(range.lowerBound, field.value.utf8.count)..<min(range.upperBound, max(field.value.utf8.count, range.lowerBound))
        var fix: Fix?
        if let exprFix = issue.fix {
            var edits: [TextEdit] = []
            let sourceBytes = Array(source.utf8)
            for edit in exprFix.edits {
                let valueRange = (edit.range.lowerBound + offset)..<(edit.range.upperBound + offset)
                let original = edit.range.upperBound <= sourceBytes.count
                    ? String(decoding: sourceBytes[edit.range], as: UTF8.self) : ""
                guard let textEdit = verbatimEdit(field: field, range: valueRange, original: original, replacement: edit.replacement, file: file) else {
                    edits = []
                    break
                }
                edits.append(textEdit)
            }
            if edits.count == exprFix.edits.count && !edits.isEmpty { fix = Fix(description: exprFix.description, edits: edits) }
        }
        findings.append(Diagnostic(rule: rule, severity: .error, message: "\(issue.message) (\(context))",
                                   span: field.sourceSpan(clamped, in: file), fix: fix))
    }

    /// A text edit for a value range, only if the file spells that range exactly
    /// as the value does (no escapes or folding in between).
    private func verbatimEdit(field: ScalarField, range: Range<Int>, original: String, replacement: String, file: SourceFile) -> TextEdit? {
        if range.isEmpty {
            let map = ScalarSourceMap(file: file, node: YAMLNode(scalar: field.scalar, span: field.span))
            let at = range.lowerBound < field.value.utf8.count ? map.sourceOffset(range.lowerBound) : map.sourceOffset(range.lowerBound - 1) + 1
            guard field.style != .doubleQuoted || !replacement.contains("\"") else { return nil }
            return TextEdit(span: SourceSpan(start: at, end: at), newText: replacement)
        }
        let span = field.sourceSpan(range, in: file)
        guard file.text(of: span) == original else { return nil }
        // A replacement must survive the scalar's quoting unchanged.
        if field.style == .doubleQuoted && (replacement.contains("\"") || replacement.contains("\\")) { return nil }
        if field.style == .singleQuoted && replacement.contains("'") { return nil }
        return TextEdit(span: span, newText: replacement)
    }

    private func verbatimFix(_ description: String, field: ScalarField, range: Range<Int>, original: String, replacement: String, file: SourceFile) -> Fix? {
        // These replace a name Argo cannot resolve with the closest one that exists: a guess.
        verbatimEdit(field: field, range: range, original: original, replacement: replacement, file: file).map { Fix(description: description, edits: [$0], applicability: .unsafe) }
    }

    static func abbreviate(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: " \t\n")
        return trimmed.count > 40 ? String(trimmed.prefix(37)) + "..." : trimmed
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        Substring(self).trimmingCharacters(in: set)
    }
}
