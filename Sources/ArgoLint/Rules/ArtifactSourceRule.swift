import YAMLTree
import ArgoSyntax
import ArgoModel
import ArgoSemantics

/// artifact-source: where an artifact comes from and where it goes. Arguments
/// need a source; inputs cannot take `from`; leaf templates need a clean
/// `path` and steps, dag and suspend templates take none; an artifact names at
/// most one storage location, and git and hdfs locations need their required
/// fields. Upstream's validate.go (and the CRD's CEL rule) reject each of these.
public struct ArtifactSourceRule: Rule {
    public static let info = RuleInfo(id: "artifact-source", defaultSeverity: .error,
                                      summary: "an artifact with no source, a source its place does not allow, or a bad path or location")
    public var info: RuleInfo { Self.info }
    public init() {}

    /// The storage locations, in the order Argo picks the one it uses.
    private static let locations = ["artifactory", "azure", "git", "gcs", "hdfs", "http", "oss", "raw", "s3", "plugin"]

    public func check(_ context: ResourceContext, _ report: inout Reporter) {
        let spec = context.spec
        checkArguments(spec.arguments, place: "spec.arguments", &report)
        for hook in spec.hooks { checkLocationCount(hook.arguments.artifacts.map(\.node), &report) }
        for template in context.allTemplates {
            let owner = template.name.map { "template \"\($0.value)\"" } ?? "this template"
            for step in template.steps?.flatMap({ $0 }) ?? [] {
                checkCall(step.call, place: step.name.map { "step \"\($0.value)\"" } ?? "this step", &report)
            }
            for task in template.dag?.tasks ?? [] {
                checkCall(task.call, place: task.name.map { "task \"\($0.value)\"" } ?? "this task", &report)
            }
            for artifact in template.inputs.artifacts {
                checkInput(artifact, template: template, owner: owner, &report)
            }
            for artifact in template.outputs.artifacts {
                checkOutput(artifact, template: template, owner: owner, &report)
            }
            if let archive = template.node["archiveLocation"], archive.isMapping {
                checkLocationCount([archive], &report)
                checkLocationFields(archive, what: "archiveLocation of \(owner)", &report)
            }
            // Artifacts read by data and resource templates: only the one-location rule applies.
            checkLocationCount([template.node["data"]?["source"]?["artifactPaths"],
                                template.node["resource"]?["manifestFrom"]?["artifact"]].compactMap { $0 }, &report)
        }
    }

    private func checkCall(_ call: TemplateCall, place: String, _ report: inout Reporter) {
        checkArguments(call.arguments, place: place, &report)
        for hook in call.hooks { checkLocationCount(hook.arguments.artifacts.map(\.node), &report) }
    }

    // MARK: Arguments

    /// Argument artifacts name where the artifact comes from: `from` another
    /// node, or a location (or key in the default repository). Unlike parameter
    /// values, Argo requires this even of spec.arguments when linting.
    private func checkArguments(_ arguments: Arguments, place: String, _ report: inout Reporter) {
        checkLocationCount(arguments.artifacts.map(\.node), &report)
        for artifact in arguments.artifacts {
            let name = Self.describe(artifact)
            let from = Self.setField(artifact.node, "from")
            let fromExpression = Self.setField(artifact.node, "fromExpression")
            if from == nil && !Self.hasLocationOrKey(artifact.node) {
                let hint = fromExpression != nil ? " (fromExpression alone is not enough in arguments)" : ""
                report.report(Self.span(of: artifact), "argument \(name) of \(place) has no source, and Argo requires from, an artifact location or a key\(hint); say where it comes from, e.g. from: \"{{steps.x.outputs.artifacts.y}}\"")
            }
            if from != nil, let fromExpression {
                report.report(fromExpression.key.span, "argument \(name) of \(place) has both from and fromExpression, and Argo wants only one; remove one of them")
            }
        }
    }

    // MARK: Inputs and outputs

    private func checkInput(_ artifact: Artifact, template: Template, owner: String, _ report: inout Reporter) {
        let what = "input \(Self.describe(artifact)) of \(owner)"
        checkLocationCount([artifact.node], &report)
        checkPath(artifact, template: template, what: what, &report)
        if let from = Self.setField(artifact.node, "from") {
            report.report(from.key.span, "\(what) has from, which Argo does not allow in inputs; pass the artifact with from in the arguments of the step or task that calls this template")
        }
        checkLocationFields(artifact.node, what: what, &report)
    }

    private func checkOutput(_ artifact: Artifact, template: Template, owner: String, _ report: inout Reporter) {
        let what = "output \(Self.describe(artifact)) of \(owner)"
        checkLocationCount([artifact.node], &report)
        checkPath(artifact, template: template, what: what, &report)
        if let globalName = artifact.globalName, !globalName.isNull, !globalName.value.isEmpty,
           !globalName.value.hasTemplateTag, !ParameterValueRule.isParameterOrArtifactName(globalName.value) {
            report.report(globalName.span, "globalName \"\(globalName.value)\" of \(what) is not a valid name: Argo allows only letters, digits, '_' and '-'")
        }
    }

    /// Leaf templates place the artifact at `path` in the pod, so they need one
    /// that stays inside its directory; steps, dag and suspend templates run no
    /// pod of their own and take none.
    private func checkPath(_ artifact: Artifact, template: Template, what: String, _ report: inout Reporter) {
        guard let type = template.type else { return }  // template-type's finding
        let path = Self.setField(artifact.node, "path")
        guard type.isLeaf else {
            if let path {
                report.report(path.key.span, "\(what) has a path, but \(type.rawValue) templates run no container of their own and Argo allows path only in leaf templates (container, script, ...); remove it")
            }
            return
        }
        guard let path else {
            report.report(Self.span(of: artifact), "\(what) has no path, and Argo requires one on a \(type.rawValue) template: it is where the artifact is placed; add path: /tmp/...")
            return
        }
        guard let value = path.value.stringValue, let escaped = Self.traversalBase(value) else { return }
        let cleaned = Self.cleanPath(Array(value.utf8))
        if value.contains("..") {
            report.report(path.value.span, "path \"\(value)\" of \(what) uses '..' to leave \"\(escaped)\", and Argo rejects directory traversal in artifact paths; write the path without '..'")
        } else {
            // Argo's check reads any path ending in '/' and two characters as if they were '..'.
            // The cleaned path means the same and passes the check (it has no such ending left).
            let quotable = !cleaned.contains("\"") && !cleaned.contains("\\")
            report.report(path.value.span, "path \"\(value)\" of \(what) cleans to \"\(cleaned)\", which is not inside \"\(escaped)\", so Argo's directory traversal check rejects it; write \"\(cleaned)\"",
                          fix: quotable ? Fix(description: "write \(cleaned)", edits: [TextEdit(span: path.value.span, newText: "\"\(cleaned)\"")]) : nil)
        }
    }

    // MARK: Locations

    /// The CRD allows at most one storage location per artifact.
    private func checkLocationCount(_ nodes: [YAMLNode], _ report: inout Reporter) {
        for node in nodes where node.isMapping {
            let present = node.mappingPairs.filter { pair in
                pair.key.stringValue.map(Self.locations.contains) ?? false && !pair.value.isNull
            }
            guard present.count > 1 else { continue }
            let names = present.compactMap { $0.key.stringValue }
            for extra in present.dropFirst() {
                report.report(extra.key.span, "this artifact names \(names.count) storage locations (\(names.joined(separator: ", "))), and Argo allows at most one; keep one of them")
            }
        }
    }

    /// git needs repo; hdfs needs addresses, an absolute path and a user or
    /// Kerberos credentials (with what each kind of credentials needs).
    private func checkLocationFields(_ node: YAMLNode, what: String, _ report: inout Reporter) {
        if let git = node.pair("git"), git.value.isMapping, Self.setField(git.value, "repo") == nil {
            report.report(git.key.span, "git location of \(what) has no repo, and Argo requires it; add repo: https://...")
        }
        guard let hdfs = node.pair("hdfs"), hdfs.value.isMapping else { return }
        let location = hdfs.value
        if location["addresses"]?.sequenceItems.isEmpty ?? true {
            report.report(hdfs.key.span, "hdfs location of \(what) has no addresses, and Argo requires at least one namenode address (host:port)")
        }
        if let path = Self.setField(location, "path") {
            if let value = path.value.stringValue, !value.hasPrefix("/") {
                report.report(path.value.span, "hdfs path \"\(value)\" of \(what) is not absolute, and Argo requires an absolute path; start it with '/'")
            }
        } else {
            report.report(hdfs.key.span, "hdfs location of \(what) has no path, and Argo requires one")
        }
        let ccache = location.pair("krbCCacheSecret").flatMap { $0.value.isNull ? nil : $0 }
        let keytab = location.pair("krbKeytabSecret").flatMap { $0.value.isNull ? nil : $0 }
        if Self.setField(location, "hdfsUser") == nil && ccache == nil && keytab == nil {
            report.report(hdfs.key.span, "hdfs location of \(what) has no hdfsUser, krbCCacheSecret or krbKeytabSecret, and Argo requires one of them")
        }
        let principal = Self.setField(location, "krbServicePrincipalName") != nil
        let config = location["krbConfigConfigMap"].map { !$0.isNull } ?? false
        if let keytab {
            let missing = [("krbServicePrincipalName", principal), ("krbConfigConfigMap", config),
                           ("krbUsername", Self.setField(location, "krbUsername") != nil),
                           ("krbRealm", Self.setField(location, "krbRealm") != nil)].filter { !$0.1 }.map(\.0)
            if !missing.isEmpty {
                report.report(keytab.key.span, "hdfs location of \(what) uses krbKeytabSecret without \(missing.joined(separator: ", ")), which Argo requires with it")
            }
        }
        if let ccache {
            let missing = [("krbServicePrincipalName", principal), ("krbConfigConfigMap", config)].filter { !$0.1 }.map(\.0)
            if !missing.isEmpty {
                report.report(ccache.key.span, "hdfs location of \(what) uses krbCCacheSecret without \(missing.joined(separator: ", ")), which Argo requires with it")
            }
        }
    }

    /// Whether Argo sees a usable location or a key (for the default
    /// repository): it looks at the first location present, in its own order.
    static func hasLocationOrKey(_ node: YAMLNode) -> Bool {
        guard let pair = node.mappingPairs.first(where: { pair in
            pair.key.stringValue.map(Self.locations.contains) ?? false && !pair.value.isNull
        }), let kind = pair.key.stringValue else { return false }
        let location = pair.value
        guard location.isMapping else { return true }  // schema-type's finding
        let set = { (key: String) in Self.setField(location, key) != nil }
        switch kind {
        case "artifactory":
            let url = Self.setField(location, "url")?.value.stringValue ?? ""
            return (!url.isEmpty && !(location["usernameSecret"]?.isNull ?? true)) || !Self.urlPath(url).isEmpty
        case "azure": return set("blob")
        case "git": return set("repo")
        case "hdfs": return !(location["addresses"]?.sequenceItems.isEmpty ?? true) || set("path")
        case "http": return set("url")
        case "raw": return true
        default: return set("key")  // gcs, oss, s3, plugin: their key
        }
    }

    /// The path part of a URL, as Go's url.Parse gives it (roughly: enough to
    /// tell whether there is one).
    private static func urlPath(_ url: String) -> String {
        var rest = Substring(url)
        if let end = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) { rest = rest[..<end] }
        guard let scheme = rest.range(of: "://") else { return String(rest) }
        let afterHost = rest[scheme.upperBound...]
        return afterHost.firstIndex(of: "/").map { String(afterHost[$0...]) } ?? ""
    }

    // MARK: Path cleaning

    /// Argo's artifact path check: the text before the first `/../` (or before
    /// a final `/` and two characters) is the directory the path must stay
    /// strictly inside once cleaned. Returns that directory when the cleaned
    /// path leaves it, nil when the path is accepted. A `{{...}}` holding a
    /// `/` could change the path's parts once filled in: not judged.
    static func traversalBase(_ path: String) -> String? {
        if path.hasTemplateTag {
            let bytes = Array(path.utf8)
            for tag in TemplateTagScanner.scan(path).tags where bytes[tag.range].contains(UInt8(ascii: "/")) { return nil }
        }
        let bytes = Array(path.utf8)
        var base: ArraySlice<UInt8> = []
        if let found = Self.firstRange(of: Array("/../".utf8), in: bytes) {
            base = bytes[..<found]
        } else {
            // Go's pattern is `/..$` with `.` any character but a newline.
            let scalars = Array(path.unicodeScalars)
            if scalars.count >= 3, scalars[scalars.count - 3] == "/",
               scalars[scalars.count - 2] != "\n", scalars[scalars.count - 1] != "\n" {
                base = bytes[..<(bytes.count - 3)]
            }
        }
        guard !base.isEmpty else { return nil }
        let cleaned = Array(cleanPath(bytes).utf8)
        let prefix = Array(base) + [UInt8(ascii: "/")]
        if cleaned.starts(with: prefix) && cleaned.count > prefix.count { return nil }
        return String(decoding: base, as: UTF8.self)
    }

    private static func firstRange(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return start
        }
        return nil
    }

    /// Lexical cleaning as Go's path/filepath.Clean does it on Linux.
    static func cleanPath(_ bytes: [UInt8]) -> String {
        guard !bytes.isEmpty else { return "." }
        let rooted = bytes[0] == UInt8(ascii: "/")
        var parts: [ArraySlice<UInt8>] = []
        for part in bytes.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true) {
            if part.elementsEqual([UInt8(ascii: ".")]) { continue }
            if part.elementsEqual([UInt8(ascii: "."), UInt8(ascii: ".")]) {
                if let last = parts.last, !last.elementsEqual([UInt8(ascii: "."), UInt8(ascii: ".")]) {
                    parts.removeLast()
                } else if !rooted {
                    parts.append(part)
                }
                continue
            }
            parts.append(part)
        }
        let joined = parts.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "/")
        if rooted { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    // MARK: Helpers

    private static func describe(_ artifact: Artifact) -> String {
        artifact.name.map { "artifact \"\($0.value)\"" } ?? "this artifact"
    }

    private static func span(of artifact: Artifact) -> SourceSpan {
        artifact.name?.reportSpan ?? artifact.node.mappingPairs.first?.key.span ?? artifact.node.span
    }

    /// The pair under `key` when Go would see a non-empty string there.
    private static func setField(_ node: YAMLNode, _ key: String) -> YAMLPair? {
        guard let pair = node.pair(key) else { return nil }
        if let scalar = pair.value.scalar, scalar.isNull || scalar.value.isEmpty { return nil }
        return pair
    }
}
