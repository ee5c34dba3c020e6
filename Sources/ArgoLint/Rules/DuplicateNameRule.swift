import YAMLTree
import ArgoModel
import ArgoSemantics

/// duplicate-name: templates, DAG tasks, steps of one template, and the
/// parameters or artifacts of one list must have distinct names.
public struct DuplicateNameRule: Rule {
    public static let info = RuleInfo(id: "duplicate-name", defaultSeverity: .error, summary: "templates, tasks, steps or parameters share a name")
    public var info: RuleInfo { Self.info }
    public init() {}

    public func check(_ context: ResourceContext, _ report: inout Reporter) {
        let spec = context.spec
        Self.report(spec.templates.map(\.name), what: "template", in: "spec.templates", file: context.file, &report)
        checkParameterSet(spec.arguments, owner: "spec.arguments", file: context.file, &report)
        for template in context.allTemplates {
            // Owner texts are only needed in messages: most lists have no duplicate.
            func owner() -> String { template.name.map { "template \"\($0.value)\"" } ?? "this template" }
            checkParameterSet(template.inputs, owner: "the inputs of \(owner())", file: context.file, &report)
            checkParameterSet(template.outputs, owner: "the outputs of \(owner())", file: context.file, &report)
            if let dag = template.dag {
                Self.report(dag.tasks.map(\.name), what: "task", in: "the DAG of \(owner())", file: context.file, &report)
                for task in dag.tasks {
                    checkParameterSet(task.call.arguments, owner: "the arguments of task \"\(task.name?.value ?? "")\"", file: context.file, &report)
                }
            }
            if let groups = template.steps {
                let steps = groups.flatMap { $0 }
                Self.report(steps.map(\.name), what: "step", in: "the steps of \(owner())", file: context.file, &report)
                for step in steps {
                    checkParameterSet(step.call.arguments, owner: "the arguments of step \"\(step.name?.value ?? "")\"", file: context.file, &report)
                }
            }
        }
    }

    private func checkParameterSet(_ set: ParameterSet, owner: @autoclosure () -> String, file: SourceFile, _ report: inout Reporter) {
        Self.report(set.parameters.map(\.name), what: "parameter", in: owner(), file: file, &report)
        Self.report(set.artifacts.map(\.name), what: "artifact", in: owner(), file: file, &report)
    }

    /// Reports every name after its first occurrence, pointing back at the first.
    static func report(_ names: [ScalarField?], what: String, in owner: @autoclosure () -> String, file: SourceFile, _ report: inout Reporter) {
        guard names.count > 1 else { return }
        // Short lists (most of them) are scanned; long ones get a table so big DAGs stay linear.
        var first: [String: ScalarField] = [:]
        let useTable = names.count > 16
        func earlier(_ name: ScalarField, before index: Int) -> ScalarField? {
            if useTable { return first[name.value] }
            for case let other? in names[..<index] where other.value == name.value { return other }
            return nil
        }
        for (index, entry) in names.enumerated() {
            guard let name = entry else { continue }
            if let earlier = earlier(name, before: index) {
                let position = file.position(ofByte: earlier.span.start)
                report.report(name.span, "\(what) name \"\(name.value)\" is already used in \(owner()) at line \(position.line); names must be unique",
                              related: [RelatedLocation(span: earlier.span, message: "first \(what) named \"\(name.value)\"")])
            } else if useTable {
                first[name.value] = name
            }
        }
    }
}
