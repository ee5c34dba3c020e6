import Testing
@testable import ArgoSchema

@Suite struct FieldIndexTests {
    @Test func everyFieldOfEveryObjectIsFoundByName() {
        for spec in ArgoSchema.objects {
            for (position, field) in spec.fields.enumerated() {
                #expect(spec.field(field.name)?.name == field.name, "\(spec.id).\(field.name)")
                #expect(FieldIndex(spec.fields.map(\.name)).position(of: field.name) == position)
            }
        }
    }

    @Test func namesOutsideTheListAreNotFound() {
        let index = FieldIndex(["name", "template", "arguments", "dependencies", "depends", "é"])
        for missing in ["", "nam", "names", "Name", "templates", "depend", "e", "é ", "x"] {
            #expect(index.position(of: missing) == nil, "\(missing)")
        }
        #expect(index.position(of: "é") == 5)
        #expect(FieldIndex([]).position(of: "anything") == nil)
    }

    @Test func aFullTableStillTerminates() {
        // 300 names in a table sized for them: probing must wrap and stop.
        let names = (0..<300).map { "field\($0)" }
        let index = FieldIndex(names)
        #expect(names.indices.allSatisfy { index.position(of: names[$0]) == $0 })
        #expect(index.position(of: "field300") == nil)
    }
}
