import YAMLTree
import ArgoModel
import ArgoSemantics

/// secret-undefined: an HTTP header's `valueFrom.secretKeyRef`, or under the
/// seed dialect a `{{=lookup 'secret' 'NAME' 'KEY'}}`, names a Secret or a key
/// the inventory lacks. With no Secret known at all the references cannot be
/// checked: one info per run says so (the Linter drops the repeats).
public struct SecretUndefinedRule: Rule {
    public static let info = RuleInfo(id: "secret-undefined", defaultSeverity: .error, summary: "a Secret or key that the inventory does not have")
    public var info: RuleInfo { Self.info }
    public init() {}

    /// The once-per-run notice; the Linter recognises it by this exact text.
    public static let emptyInventoryMessage = "no Secret manifest is known to this run, so secret references like this one cannot be checked and may exist only in the cluster; add the manifests with --secrets or secrets: in .argolint.yaml"

    public func check(_ context: ResourceContext, _ report: inout Reporter) {
        let inventory = SecretInventory(context)
        var noticed = false
        func emptyInventory(_ span: SourceSpan) {
            guard !noticed else { return }
            noticed = true
            report.report(span, Self.emptyInventoryMessage, severity: .info)
        }

        for template in context.allTemplates {
            for header in template.http?.headers ?? [] {
                guard let ref = header.secretKeyRef, let name = header.secretName, !name.isNull,
                      !name.value.hasTemplateTag else { continue }
                // Argo skips a missing optional Secret or key silently.
                if ref.field("optional")?.boolValue == true { continue }
                if inventory.isEmpty { emptyInventory(name.reportSpan); continue }
                let key = header.secretKey.flatMap { $0.isNull || $0.value.hasTemplateTag ? nil : $0 }
                guard let (problem, message) = inventory.problem(name: name.value, key: key?.value) else { continue }
                switch problem {
                case .missingSecret: report.report(name.reportSpan, message)
                case .missingKey: report.report(key?.reportSpan ?? name.reportSpan, message)
                }
            }
        }

        // The lookup form is resolved from the inventory only in the seed dialect;
        // under argo, secret-lookup-unsupported reports it instead.
        guard context.dialect == .seed else { return }
        for occurrence in SecretLookups.collect(context) {
            let lookup = occurrence.lookup
            if inventory.isEmpty { emptyInventory(occurrence.field.sourceSpan(occurrence.nameRange, in: context.file)); continue }
            guard let (problem, message) = inventory.problem(name: lookup.name, key: lookup.key) else { continue }
            let range: Range<Int>
            switch problem {
            case .missingSecret: range = occurrence.nameRange
            case .missingKey: range = occurrence.keyRange
            }
            report.report(occurrence.field.sourceSpan(range, in: context.file), message)
        }
    }
}
