import YAMLTree
import ArgoModel
import ArgoSemantics

/// parameter-value: where a parameter takes its value from. Arguments need a
/// value or one of the few valueFrom sources Argo resolves at submission;
/// output parameters need exactly one valueFrom source, of the kind the
/// template's type can produce; enums must list the value; globalName must be
/// a valid name. Upstream's validate.go rejects each of these.
public struct ParameterValueRule: Rule {
    public static let info = RuleInfo(id: "parameter-value", defaultSeverity: .error,
                                      summary: "a parameter with no value source, two sources, or one its place does not allow")
    public var info: RuleInfo { Self.info }
    public init() {}

    /// The valueFrom fields that name a source of an output parameter
    /// (`supplied` counts too, but it is an object, not a string).
    private static let outputSources = ["path", "jqFilter", "jsonPath", "parameter", "expression"]
    /// valueFrom fields that only outputs can use: arguments reject them.
    private static let outputOnlySources = ["path", "jsonPath", "parameter", "expression"]

    public func check(_ context: ResourceContext, _ report: inout Reporter) {
        // `argo lint` lets spec.arguments leave values empty: they are supplied at submission.
        checkArguments(context.spec.arguments, place: "spec.arguments", allowEmptyValues: true, &report)
        for template in context.allTemplates {
            for step in template.steps?.flatMap({ $0 }) ?? [] {
                checkArguments(step.call.arguments, place: Self.describe("step", step.name), allowEmptyValues: false, &report)
            }
            for task in template.dag?.tasks ?? [] {
                checkArguments(task.call.arguments, place: Self.describe("task", task.name), allowEmptyValues: false, &report)
            }
            checkOutputs(template, &report)
        }
    }

    private static func describe(_ what: String, _ name: ScalarField?) -> String {
        name.map { "\(what) \"\($0.value)\"" } ?? "this \(what)"
    }

    private static func describe(_ parameter: Parameter) -> String {
        parameter.name.map { "parameter \"\($0.value)\"" } ?? "this parameter"
    }

    /// Where to point at a parameter as a whole: its name, else its first key.
    private static func span(of parameter: Parameter) -> SourceSpan {
        parameter.name?.reportSpan ?? parameter.node.mappingPairs.first?.key.span ?? parameter.node.span
    }

    // MARK: Arguments

    private func checkArguments(_ arguments: Arguments, place: String, allowEmptyValues: Bool, _ report: inout Reporter) {
        for parameter in arguments.parameters {
            let name = Self.describe(parameter)
            let hasValue = parameter.node["value"].map { !$0.isNull } ?? false
            let valueFromPair = parameter.node.pair("valueFrom").flatMap { $0.value.isNull ? nil : $0 }
            if !hasValue && valueFromPair == nil && !allowEmptyValues {
                report.report(Self.span(of: parameter), "argument \(name) of \(place) has neither value nor valueFrom, and Argo requires one of them in step and task arguments; give it a value")
            }
            if let valueFromPair, valueFromPair.value.isMapping {
                checkArgumentValueFrom(valueFromPair, name: name, place: place, &report)
            }
            checkEnum(parameter, name: name, place: place, hasValue: hasValue, hasValueFrom: valueFromPair != nil,
                      allowEmptyValues: allowEmptyValues, &report)
        }
    }

    /// Arguments resolve valueFrom when the workflow is submitted, from a
    /// ConfigMap, an event or a value supplied later: nothing a pod produces.
    private func checkArgumentValueFrom(_ pair: YAMLPair, name: String, place: String, _ report: inout Reporter) {
        let valueFrom = pair.value
        let outputOnly = Self.outputOnlySources.compactMap { key in
            valueFrom.pair(key).flatMap { Self.isSet($0.value) ? $0 : nil }
        }
        for source in outputOnly {
            let key = source.key.stringValue ?? ""
            report.report(source.key.span, "valueFrom.\(key) of argument \(name) of \(place) is only meaningful for output parameters; in arguments Argo allows only configMapKeyRef, event and supplied (with default); pass the value with value: \"{{...}}\" instead")
        }
        guard outputOnly.isEmpty else { return }
        let hasSource = valueFrom["configMapKeyRef"].map { !$0.isNull } ?? false
            || Self.isSet(valueFrom["event"])
            || (valueFrom["supplied"].map { !$0.isNull } ?? false)
        if !hasSource {
            report.report(pair.key.span, "valueFrom of argument \(name) of \(place) names no source; Argo allows configMapKeyRef, event or supplied here (default only next to one of them)")
        }
    }

    private func checkEnum(_ parameter: Parameter, name: String, place: String, hasValue: Bool, hasValueFrom: Bool,
                           allowEmptyValues: Bool, _ report: inout Reporter) {
        guard let enumPair = parameter.node.pair("enum"), enumPair.value.isSequence else { return }
        let options = enumPair.value.sequenceItems.compactMap { $0.stringValue }
        if enumPair.value.sequenceItems.isEmpty {
            report.report(enumPair.value.span, "enum of \(name) in \(place) is empty, and Argo wants at least one allowed value; list the values or remove enum")
            return
        }
        guard hasValue else {
            // With no valueFrom either, the missing value is already reported above.
            if !allowEmptyValues && hasValueFrom {
                report.report(Self.span(of: parameter), "argument \(name) of \(place) has an enum but no value, and Argo requires a value from the enum here; set value to one of \(Suggestions.quotedList(options))")
            }
            return
        }
        // A value with a placeholder is only known at run time.
        guard let value = parameter.value, !value.value.hasTemplateTag, !options.contains(value.value) else { return }
        report.report(value.span, "value \"\(value.value)\" of \(name) in \(place) is not in its enum (\(Suggestions.quotedList(options))), and Argo rejects it" + Suggestions.didYouMean(value.value, among: options))
    }

    // MARK: Outputs

    private func checkOutputs(_ template: Template, _ report: inout Reporter) {
        let owner = template.name.map { "template \"\($0.value)\"" } ?? "this template"
        for parameter in template.outputs.parameters {
            let name = Self.describe(parameter)
            checkGlobalName(parameter.node, what: "output \(name) of \(owner)", &report)
            let hasValue = parameter.node["value"].map { !$0.isNull } ?? false
            let valueFromPair = parameter.node.pair("valueFrom").flatMap { $0.value.isNull ? nil : $0 }
            guard let valueFromPair else {
                if !hasValue {
                    let hint = Self.expected(for: template.type).first.map { " (valueFrom.\($0) for a \(template.type?.rawValue ?? "") template)" } ?? ""
                    report.report(Self.span(of: parameter), "output \(name) of \(owner) has neither value nor valueFrom, and Argo requires one; say where its value comes from with valueFrom" + hint)
                }
                continue
            }
            if hasValue {
                report.report(valueFromPair.key.span, "output \(name) of \(owner) has both value and valueFrom, and Argo wants only one; remove one of them")
                continue
            }
            guard valueFromPair.value.isMapping else { continue }  // schema-type's finding
            checkOutputValueFrom(valueFromPair, name: name, owner: owner, type: template.type, &report)
        }
    }

    /// The valueFrom field(s) a template type fills in, for messages.
    private static func expected(for type: TemplateType?) -> [String] {
        switch type {
        case .container, .containerSet, .script: return ["path"]
        case .resource: return ["jqFilter or jsonPath"]
        case .steps, .dag: return ["parameter or expression"]
        default: return []
        }
    }

    private func checkOutputValueFrom(_ pair: YAMLPair, name: String, owner: String, type: TemplateType?, _ report: inout Reporter) {
        let valueFrom = pair.value
        // Sources in the order written, so the second one is the one pointed at.
        var sources: [YAMLPair] = []
        for source in valueFrom.mappingPairs {
            guard let key = source.key.stringValue else { continue }
            if Self.outputSources.contains(key) ? Self.isSet(source.value) : (key == "supplied" && !source.value.isNull) {
                sources.append(source)
            }
        }
        let keys = sources.compactMap { $0.key.stringValue }
        if sources.isEmpty {
            let wanted = Self.expected(for: type).first.map { "; a \(type?.rawValue ?? "") template takes \($0)" } ?? ""
            report.report(pair.key.span, "valueFrom of output \(name) of \(owner) names no source, and Argo requires one of path, jqFilter, jsonPath, parameter, expression or supplied" + wanted)
            return
        }
        if sources.count > 1 {
            report.report(sources[1].key.span, "valueFrom of output \(name) of \(owner) names several sources (\(keys.joined(separator: ", "))), and Argo allows only one; keep one of them")
            return
        }
        let source = keys[0]
        let fits: Bool
        switch type {
        case .container, .containerSet, .script: fits = source == "path"
        case .resource: fits = source == "jqFilter" || source == "jsonPath"
        case .steps, .dag: fits = source == "parameter" || source == "expression"
        default: fits = true
        }
        if !fits, let type, let wanted = Self.expected(for: type).first {
            report.report(sources[0].key.span, "valueFrom.\(source) of output \(name) of \(owner) cannot be used there: a \(type.rawValue) template's output parameters take valueFrom.\(wanted), and Argo rejects anything else")
        }
    }

    /// globalName exports the output under that name; one holding a
    /// `{{...}}` is only known at run time, and upstream leaves it alone.
    private func checkGlobalName(_ node: YAMLNode, what: String, _ report: inout Reporter) {
        guard let globalName = node.field("globalName"), !globalName.isNull, !globalName.value.isEmpty,
              !globalName.value.hasTemplateTag, !Self.isParameterOrArtifactName(globalName.value) else { return }
        report.report(globalName.span, "globalName \"\(globalName.value)\" of \(what) is not a valid name: Argo allows only letters, digits, '_' and '-'")
    }

    /// `[-a-zA-Z0-9_]+`, Argo's pattern for parameter and artifact names.
    static func isParameterOrArtifactName(_ value: String) -> Bool {
        !value.isEmpty && value.utf8.allSatisfy { b in
            (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == UInt8(ascii: "-") || b == UInt8(ascii: "_")
        }
    }

    /// A string field Go would see as non-empty.
    private static func isSet(_ node: YAMLNode?) -> Bool {
        guard let node else { return false }
        if let scalar = node.scalar { return !scalar.isNull && !scalar.value.isEmpty }
        return true
    }
}
