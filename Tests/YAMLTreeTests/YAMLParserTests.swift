import Testing
@testable import YAMLTree

private func parse(_ text: String) -> (SourceFile, YAMLParseResult) {
    let file = SourceFile(path: "t.yaml", text: text)
    return (file, YAMLParser.parse(file))
}

private func parse(bytes: [UInt8]) -> (SourceFile, YAMLParseResult) {
    let file = SourceFile(path: "t.yaml", bytes: bytes)
    return (file, YAMLParser.parse(file))
}

/// "line:column" of a byte offset.
private func at(_ file: SourceFile, _ offset: Int) -> String {
    let p = file.position(ofByte: offset)
    return "\(p.line):\(p.column)"
}

@Suite struct YAMLParserTests {
    @Test func spansOfKeysAndValues() throws {
        let (file, result) = parse("apiVersion: argoproj.io/v1alpha1\nspec:\n  entrypoint: main\n")
        let root = try #require(result.documents.first?.root)
        let spec = try #require(root.pair("spec"))
        #expect(at(file, spec.key.span.start) == "2:1")
        let entry = try #require(spec.value.pair("entrypoint"))
        #expect(at(file, entry.value.span.start) == "3:15")
        #expect(at(file, entry.value.span.end) == "3:19")
        #expect(result.issues.isEmpty)
    }

    @Test func columnsCountUnicodeScalarsNotBytes() throws {
        let (file, result) = parse("a: \"é😀\"\nb: [x, y]\nc: {k: \"🚀\", v: target}\n")
        let root = try #require(result.documents.first?.root)
        let c = try #require(root["c"]?.pair("v"))
        // `c: {k: "🚀", v: target}`: the rocket is one column, four bytes.
        #expect(at(file, c.value.span.start) == "3:16")
        #expect(file.position(ofByte: c.value.span.start).offset == c.value.span.start)
    }

    @Test func scalarStylesAndTags() throws {
        let (_, result) = parse("a: plain\nb: 'single'\nc: \"double\"\nd: |\n  lit\ne: >\n  fold\nf: !!str 12\n")
        let root = try #require(result.documents.first?.root)
        #expect(root["a"]?.scalar?.style == .plain)
        #expect(root["b"]?.scalar?.style == .singleQuoted)
        #expect(root["c"]?.scalar?.style == .doubleQuoted)
        #expect(root["d"]?.scalar?.style == .literal)
        #expect(root["e"]?.scalar?.style == .folded)
        #expect(root["f"]?.tag == "tag:yaml.org,2002:str")
        #expect(root["f"]?.scalar?.resolved == .string)
    }

    @Test func kubernetesScalarResolution() throws {
        let (_, result) = parse("a: yes\nb: off\nc: 0755\nd: 1.10\ne: \"yes\"\nf: ~\ng: 1_000\nh: 0x1F\ni: hello\n")
        let root = try #require(result.documents.first?.root)
        #expect(root["a"]?.scalar?.resolved == .bool(true))
        #expect(root["b"]?.scalar?.resolved == .bool(false))
        #expect(root["c"]?.scalar?.resolved == .int(493))
        #expect(root["d"]?.scalar?.resolved == .float(1.1))
        #expect(root["e"]?.scalar?.resolved == .string)
        #expect(root["f"]?.scalar?.resolved == .null)
        #expect(root["g"]?.scalar?.resolved == .int(1000))
        #expect(root["h"]?.scalar?.resolved == .int(31))
        #expect(root["i"]?.scalar?.resolved == .string)
        #expect(ResolvedScalar.float(1.1).kubernetesStringForm(original: "1.10") == "1.1")
        #expect(ResolvedScalar.bool(true).kubernetesStringForm(original: "yes") == "true")
        #expect(GoFloatFormat.shortest(1e6) == "1e+06")
        #expect(GoFloatFormat.shortest(100000) == "100000")
        #expect(GoFloatFormat.shortest(0.0001) == "0.0001")
        #expect(GoFloatFormat.shortest(0.00001) == "1e-05")
    }

    @Test func multiDocumentStreams() throws {
        let (_, result) = parse("a: 1\n---\nb: 2\n---\n# only a comment\n")
        // A document holding only a comment is an empty (null) document, as in any YAML reader.
        #expect(result.documents.count == 3)
        #expect(result.documents.map(\.index) == [0, 1, 2])
        #expect(result.documents[2].root.isNull)
    }

    @Test func anchorsAndAliasesResolve() throws {
        let (file, result) = parse("base: &b {image: alpine}\nuse: *b\n")
        let root = try #require(result.documents.first?.root)
        let use = try #require(root["use"])
        #expect(use["image"]?.stringValue == "alpine")
        let aliasSpan = try #require(use.aliasSpan)
        #expect(at(file, aliasSpan.start) == "2:6")
    }

    @Test func duplicateKeysReportBothPositions() throws {
        let (file, result) = parse("metadata:\n  annotations: {a: 1}\n  name: x\n  annotations: {b: 2}\n")
        let duplicate = try #require(result.issues.first)
        #expect(duplicate.kind == .duplicateKey)
        #expect(at(file, duplicate.span.start) == "4:3")
        #expect(duplicate.message.contains("line 2 column 3"))
        #expect(duplicate.related.map { at(file, $0.span.start) } == ["2:3"])
    }

    @Test func duplicateKeysInLargeMappingsUseTheIndex() throws {
        var text = ""
        for i in 0..<100 { text += "k\(i): \(i)\n" }
        text += "k7: again\n"
        let (file, result) = parse(text)
        #expect(result.issues.count == 1)
        #expect(at(file, result.issues[0].span.start) == "101:1")
    }
}

@Suite struct HostileInputTests {
    @Test func syntaxErrorHasLibyamlPositionAndContext() throws {
        let (file, result) = parse("a: [1, 2\nb: x\n")
        let error = try #require(result.issues.first)
        #expect(error.kind == .syntax)
        #expect(at(file, error.span.start) == "2:2")
        #expect(error.message.contains("flow sequence started at line 1 column 4"))
    }

    @Test func documentsBeforeAnErrorAreKept() {
        let (_, result) = parse("a: 1\n---\nb: [\n")
        #expect(result.documents.count == 1)
        #expect(result.issues.count == 1)
    }

    @Test func invalidUTF8IsADiagnosticWithAByteOffset() throws {
        let (file, result) = parse(bytes: Array("a: ok\nb: ".utf8) + [0xFF, 0xFE] + Array("\n".utf8))
        let error = try #require(result.issues.first)
        #expect(error.message.contains("not valid UTF-8"))
        #expect(at(file, error.span.start) == "2:4")
    }

    @Test func byteOrderMarkIsSkippedAndColumnsIgnoreIt() throws {
        let (file, result) = parse(bytes: [0xEF, 0xBB, 0xBF] + Array("a: é\nb: x\n".utf8))
        #expect(result.issues.isEmpty)
        let root = try #require(result.documents.first?.root)
        let a = try #require(root.pair("a"))
        #expect(at(file, a.key.span.start) == "1:1")
        #expect(at(file, a.value.span.start) == "1:4")
        #expect(at(file, try #require(root.pair("b")).value.span.start) == "2:4")
    }

    @Test func utf16IsRefusedClearly() throws {
        let (_, result) = parse(bytes: [0xFF, 0xFE, 0x61, 0x00])
        #expect(result.issues.first?.message.contains("UTF-16") == true)
    }

    @Test func crlfLineEndsCountAsOneBreak() throws {
        let (file, result) = parse("a: 1\r\nb:\r\n  c: two\r\n")
        let root = try #require(result.documents.first?.root)
        let c = try #require(root["b"]?.pair("c"))
        #expect(at(file, c.value.span.start) == "3:6")
        #expect(file.lineText(3) == "  c: two")
    }

    @Test func lineSeparatorsDoNotBreakLinesForUs() throws {
        // libyaml breaks lines at U+2028; editors and LSP do not. Positions follow the editors.
        let (file, result) = parse("a: \"x\u{2028}y\"\nb: z\n")
        let root = try #require(result.documents.first?.root)
        #expect(at(file, try #require(root.pair("b")).value.span.start) == "2:4")
    }

    @Test func tabsInIndentationSayWhy() throws {
        let (file, result) = parse("a:\n\tb: 1\n")
        let error = try #require(result.issues.first)
        #expect(at(file, error.span.start) == "2:1")
        #expect(error.message.contains("tabs"))
    }

    @Test func deepNestingIsCappedNotCrashing() throws {
        let depth = 10_000
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n"
        let (_, result) = parse(text)
        let error = try #require(result.issues.first)
        #expect(error.message.contains("deeper than 1000"))
        #expect(result.documents.isEmpty)

        let blockDepth = 2_000
        var block = ""
        for i in 0..<blockDepth { block += String(repeating: " ", count: i) + "k:\n" }
        let (_, blockResult) = parse(block)
        #expect(blockResult.issues.contains { $0.message.contains("deeper than 1000") })
    }

    @Test func billionLaughsIsCapped() throws {
        var text = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        let names = ["b", "c", "d", "e", "f", "g", "h", "i"]
        var previous = "a"
        for name in names {
            text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
            previous = name
        }
        let (_, result) = parse(text)
        let error = try #require(result.issues.first)
        #expect(error.message.contains("alias bomb"))
        #expect(result.documents.isEmpty)
    }

    @Test func emptyFileHasNoDocumentsAndNoDiagnostics() {
        let (_, result) = parse("")
        #expect(result.documents.isEmpty)
        #expect(result.issues.isEmpty)
        let (_, commentOnly) = parse("# nothing here\n")
        #expect(commentOnly.documents.isEmpty)
    }

    @Test func bareScalarFileIsOneScalarDocument() throws {
        let (_, result) = parse("hello\n")
        #expect(result.documents.count == 1)
        #expect(result.documents[0].root.stringValue == "hello")
    }

    @Test func undefinedAliasIsReported() throws {
        let (_, result) = parse("a: *nope\n")
        #expect(result.issues.contains { $0.kind == .syntax })
    }
}

@Suite struct MergeKeyTests {
    @Test func mergeKeysCopyPairsAndExplicitKeysWin() throws {
        let (_, result) = parse("base: &b {image: alpine, command: [sh]}\nextra: &e {args: [x]}\nc:\n  <<: [*b, *e]\n  image: busybox\n")
        let c = try #require(result.documents.first?.root["c"])
        #expect(c["image"]?.stringValue == "busybox")
        #expect(c["command"]?.items?.first?.stringValue == "sh")
        #expect(c["args"] != nil)
        #expect(c.pair("<<") == nil)
        #expect(result.issues.isEmpty, "a merged key is not a duplicate")
    }

    @Test func quotedLessThanLessThanIsAnOrdinaryKey() throws {
        let (_, result) = parse("c:\n  '<<': {a: 1}\n")
        let c = try #require(result.documents.first?.root["c"])
        #expect(c.pair("<<") != nil)
        #expect(c["a"] == nil)
    }
}
