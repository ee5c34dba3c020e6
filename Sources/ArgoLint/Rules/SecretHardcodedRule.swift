import YAMLTree
import ArgoModel
import ArgoSemantics
import ArgoSyntax

/// secret-hardcoded: a credential written into an HTTP template as literal
/// text: an `Authorization` value, an API-key-like header, URL userinfo, a
/// token-like query parameter, or any header or query value that looks like a
/// generated token. Text made of `{{...}}` references is not a literal.
/// Messages never repeat the credential.
public struct SecretHardcodedRule: Rule {
    public static let info = RuleInfo(id: "secret-hardcoded", defaultSeverity: .error, summary: "a literal credential (Authorization bearer/basic, API keys, URL userinfo, token query params)")
    public var info: RuleInfo { Self.info }
    public init() {}

    static let schemeNames: Set<String> = ["bearer", "basic", "digest", "token", "negotiate", "ntlm", "hoba", "mutual", "aws4-hmac-sha256"]

    static let advice = "move it to a Secret and read it with valueFrom.secretKeyRef"

    public func check(_ context: ResourceContext, _ report: inout Reporter) {
        let file = context.file
        for template in context.allTemplates {
            guard let http = template.http else { continue }
            for header in http.headers {
                guard let value = header.value, !value.isNull, let name = header.name?.value else { continue }
                if let (range, what) = Self.literalCredential(header: name, value: value.value) {
                    report.report(value.sourceSpan(range, in: file),
                                  "header \"\(name)\" carries \(what) in plain text; \(Self.advice) so it stays out of the manifest")
                }
            }
            if let url = http.url, !url.isNull {
                checkURL(url, file: file, &report)
            }
        }
    }

    /// The value range of the literal credential in a header value and how to name it, or nil.
    static func literalCredential(header name: String, value: String) -> (Range<Int>, String)? {
        let bytes = Array(value.utf8)
        let trimmed = trimmedRange(bytes, 0..<bytes.count)
        guard !trimmed.isEmpty else { return nil }
        let text = Substring(String(decoding: bytes[trimmed], as: UTF8.self))
        switch CredentialHeaders.kind(of: name) {
        case .authorization:
            // `Scheme credentials`: the credentials follow the first space outside a tag.
            let tags = TemplateTagScanner.scan(value).tags.map(\.range)
            var credential = trimmed
            var scheme = ""
            var i = trimmed.lowerBound
            while i < trimmed.upperBound {
                if let tag = tags.first(where: { $0.contains(i) }) { i = tag.upperBound; continue }
                if bytes[i] == 0x20 || bytes[i] == 0x09 {
                    scheme = String(decoding: bytes[trimmed.lowerBound..<i], as: UTF8.self).lowercased()
                    credential = trimmedRange(bytes, i..<trimmed.upperBound)
                    break
                }
                i += 1
            }
            let part = Substring(String(decoding: bytes[credential], as: UTF8.self))
            guard !credential.isEmpty, !part.mentionsTag else { return nil }
            // A scheme name alone (`Bearer` with nothing after it) carries no credential.
            if scheme.isEmpty, Self.schemeNames.contains(part.lowercased()) { return nil }
            switch scheme {
            case "bearer": return (credential, "a literal bearer token")
            case "basic": return (credential, "literal basic credentials")
            default: return (credential, "a literal credential")
            }
        case .credential:
            guard !text.mentionsTag else { return nil }
            return (trimmed, "a literal credential")
        case nil:
            guard !text.mentionsTag, TokenShape.looksGenerated(text) else { return nil }
            return (trimmed, "what looks like a literal token")
        }
    }

    private func checkURL(_ url: ScalarField, file: SourceFile, _ report: inout Reporter) {
        let layout = URLLayout(url.value)
        if let password = layout.password, !password.isEmpty, !url.text(password).mentionsTag {
            report.report(url.sourceSpan(password, in: file),
                          "the URL carries a literal password in its userinfo; \(Self.advice) in an Authorization header instead")
        } else if let user = layout.user, layout.password == nil, !url.text(user).mentionsTag, TokenShape.looksGenerated(url.text(user)) {
            report.report(url.sourceSpan(user, in: file),
                          "the URL carries what looks like a literal token as its user name; \(Self.advice) in an Authorization header instead")
        }
        for (nameRange, valueRange) in layout.query where !valueRange.isEmpty {
            let name = String(url.text(nameRange))
            let value = url.text(valueRange)
            guard !value.mentionsTag else { continue }
            if CredentialHeaders.queryNames.contains(name.lowercased()) {
                report.report(url.sourceSpan(valueRange, in: file),
                              "query parameter \"\(name)\" carries a literal credential, which ends up in logs and histories; \(Self.advice) in a header instead if the API allows")
            } else if TokenShape.looksGenerated(value) {
                report.report(url.sourceSpan(valueRange, in: file),
                              "query parameter \"\(name)\" carries what looks like a literal token, which ends up in logs and histories; \(Self.advice) in a header instead if the API allows")
            }
        }
    }
}
