import Testing
@testable import ArgoSyntax

@Suite struct TemplateTagScannerTests {
    @Test func findsSimpleAndExpressionTags() {
        let scan = TemplateTagScanner.scan("echo {{ inputs.parameters.x }} and {{=asInt(1) + 2}}")
        #expect(scan.issues.isEmpty)
        #expect(scan.tags.count == 2)
        let simple = scan.tags[0]
        #expect(simple.kind == .simple)
        #expect(simple.range == 5..<30)
        #expect(simple.innerRange == 7..<28)
        #expect(simple.text == "inputs.parameters.x")
        #expect(simple.name == "inputs.parameters.x")
        #expect(simple.expression == nil)
        #expect(simple.textRange == 8..<27)
        let expression = scan.tags[1]
        #expect(expression.kind == .expression)
        #expect(expression.range == 35..<52)
        #expect(expression.innerRange == 37..<50)
        #expect(expression.expression == "asInt(1) + 2")
        #expect(expression.textRange == 38..<50)
        #expect(expression.name == nil)
    }

    @Test func spaceBeforeEqualsMakesASimpleTag() {
        let scan = TemplateTagScanner.scan("{{ =x}}")
        #expect(scan.tags.map(\.kind) == [.simple])
        #expect(scan.tags.first?.text == "=x")
    }

    @Test func tagEndsAtFirstClosingBraces() {
        let scan = TemplateTagScanner.scan("{{=toJson({'a': 1}}}")
        #expect(scan.tags.count == 1)
        #expect(scan.tags[0].range == 0..<19)
        #expect(scan.tags[0].expression == "toJson({'a': 1")
    }

    @Test func noNesting() {
        let scan = TemplateTagScanner.scan("{{a {{b}} c}}")
        #expect(scan.tags.count == 1)
        #expect(scan.tags[0].text == "a {{b")
        #expect(scan.tags[0].range == 0..<9)
    }

    @Test func unterminatedTagIsReportedWithItsRange() {
        let scan = TemplateTagScanner.scan("ok {{a}} then {{ broken")
        #expect(scan.tags.count == 1)
        #expect(scan.issues.count == 1)
        #expect(scan.issues[0].code == .unterminatedTag)
        #expect(scan.issues[0].range == 14..<23)
    }

    @Test func rangesAreUTF8ByteOffsets() {
        // "é" is 2 bytes, "😀" is 4: the tag starts at byte 7, not character 5.
        let text = "é😀 = {{x}}"
        let scan = TemplateTagScanner.scan(text)
        #expect(scan.tags.first?.range == 9..<14)
        #expect(Array(text.utf8)[9] == UInt8(ascii: "{"))
        let broken = TemplateTagScanner.scan("ñ {{oops")
        #expect(broken.issues.first?.range == 3..<9)
    }

    @Test func emptyAndBraceOnlyText() {
        #expect(TemplateTagScanner.scan("").tags.isEmpty)
        #expect(TemplateTagScanner.scan("{ } }} {").tags.isEmpty)
        #expect(TemplateTagScanner.scan("{{}}").tags.first?.text == "")
        #expect(TemplateTagScanner.containsTag("a {{b}}"))
        #expect(!TemplateTagScanner.containsTag("a {b}"))
    }

    @Test func entireTagDetection() {
        #expect(TemplateTagScanner.isEntirelyTag("{{inputs.parameters.x}}"))
        #expect(TemplateTagScanner.isEntirelyTag("  {{=1 + 1}}\n"))
        #expect(!TemplateTagScanner.isEntirelyTag("x{{a}}"))
        #expect(!TemplateTagScanner.isEntirelyTag("{{a}}{{b}}"))
        #expect(!TemplateTagScanner.isEntirelyTag("{{a}} b"))
        #expect(!TemplateTagScanner.isEntirelyTag("{{a"))
        #expect(!TemplateTagScanner.isEntirelyTag("plain"))
        #expect(TemplateTagScanner.entireTag(" {{ tasks.a.outputs.result }} ")?.name == "tasks.a.outputs.result")
    }
}

@Suite struct NestedPlaceholderTagTests {
    @Test func aNameMayHoldAPlaceholder() {
        let text = "{{steps.run-{{inputs.parameters.d}}.status}} == x"
        let scan = TemplateTagScanner.scan(text)
        #expect(scan.issues.isEmpty)
        #expect(scan.tags.map(\.text) == ["inputs.parameters.d", "steps.run-{{inputs.parameters.d}}.status"])
        #expect(scan.tags[0].range == 12..<35)
        #expect(scan.tags[1].range == 0..<44)
    }

    @Test func separateTagsStaySeparate() {
        // A space, a quote or another tag after the first '}}' means two tags, as upstream scans them.
        #expect(TemplateTagScanner.scan("{{a}} {{b}}").tags.map(\.text) == ["a", "b"])
        #expect(TemplateTagScanner.scan("{{a {{b}} c}}").tags.map(\.text) == ["a {{b"])
        #expect(TemplateTagScanner.scan("{{=x + {{y}}}}").tags.first?.kind == .expression)
    }
}
