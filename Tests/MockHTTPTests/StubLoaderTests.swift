import Foundation
import Testing
@testable import MockHTTP

@Suite struct StubLoaderTests {
    @Test func unknownKeyInJSONPointsAtTheKeyWithASuggestion() {
        let text = """
        {
          "request": {
            "method": "GET",
            "urlPth": "/x"
          },
          "response": {"status": 200}
        }
        """
        #expect(issues(text, path: "a.json") == ["4:5: unknown key \"urlPth\" in request; did you mean \"urlPath\"?"])
    }

    @Test func unknownKeyInYAMLPointsAtTheKeyWithASuggestion() {
        let text = """
        mappings:
          - request:
              method: GET
              urlPth: /x
            respons:
              status: 200
        """
        #expect(issues(text) == [
            "4:7: unknown key \"urlPth\" in request; did you mean \"urlPath\"?",
            "5:5: unknown key \"respons\" in the stub mapping; did you mean \"response\"?",
        ])
    }

    @Test func unknownMatcherIsRejectedLoudly() {
        let text = """
        {
          "request": {
            "urlPath": "/x",
            "headers": {"Accept": {"equalsTo": "a"}}
          }
        }
        """
        #expect(issues(text, path: "m.json") == ["4:28: unknown matcher \"equalsTo\" in header \"Accept\"; did you mean \"equalTo\"?"])
        #expect(issues("request: {bodyPatterns: [{frobnicate: x}]}") == ["1:27: unknown matcher \"frobnicate\" in a body pattern"])
    }

    @Test func unsupportedMatcherAndFeatureSayWhy() {
        let found = issues("""
        request:
          bodyPatterns:
            - binaryEqualTo: AAEC
          urlPathTemplate: /wf/{name}
        response:
          delayDistribution: {type: uniform, lower: 1, upper: 2}
        """)
        #expect(found.count == 3)
        #expect(found[0].hasPrefix("3:7: matcher \"binaryEqualTo\" is not supported"))
        #expect(found[1] == "4:3: \"urlPathTemplate\" in request is a WireMock feature the argolint mock responder does not support")
        #expect(found[2].hasPrefix("6:3: \"delayDistribution\" in response is a WireMock feature"))
    }

    @Test func invalidRegexPointsAtTheValue() {
        let found = issues("""
        request:
          urlPathPattern: "/api/(unclosed"
          headers:
            X-Id: {matches: "[a-"}
        """)
        #expect(found == [
            "2:19: urlPathPattern: invalid regular expression \"/api/(unclosed\"",
            "4:21: matches: invalid regular expression \"[a-\"",
        ])
        // Wrapping in an anchor group must not make a broken pattern valid.
        #expect(issues("request: {urlPattern: 'a)(b'}") == ["1:23: urlPattern: invalid regular expression \"a)(b\""])
    }

    @Test func wrongTypesPointAtTheValue() {
        #expect(issues(#"{"request": {"urlPath": "/x"}, "priority": "high"}"#, path: "p.json")
                == ["1:44: priority must be an integer, found a string"])
        #expect(issues("""
        request:
          urlPath: /x
          headers: application/json
        response:
          status: 200
          fixedDelayMilliseconds: [1]
        """) == [
            "3:12: headers must be a mapping, found a string",
            "6:27: fixedDelayMilliseconds must be an integer, found a list",
        ])
        #expect(issues("request: {headers: {Accept: application/json}}")
                == ["1:29: header \"Accept\" must be a matcher such as {equalTo: ...}, found a string"])
        #expect(issues("request: {urlPath: /x}\nresponse: {status: 42}") == ["2:20: status must be between 200 and 599, found 42"])
    }

    @Test func columnsCountUnicodeScalars() {
        // "é" is two bytes and "✓" three: a byte column would be 30, not 27.
        #expect(issues("request: {urlPath: \"/é✓\", methd: GET}") == ["1:27: unknown key \"methd\" in request; did you mean \"method\"?"])
    }

    @Test func yamlSyntaxErrorIsAnIssueWithItsPosition() {
        let result = StubLoader.parse(text: "request:\n  urlPath: /x\n   method: GET\n", path: "bad.yaml")
        #expect(result.stubs.isEmpty)
        #expect(result.issues.count == 1)
        #expect(result.issues.first?.line == 3)
        #expect(result.issues.first?.path == "bad.yaml")
    }

    @Test func jsonSyntaxErrorIsAnIssueWithItsPosition() {
        let result = StubLoader.parse(text: "{\n  \"request\": {\"urlPath\": \"/x\"}\n  \"response\": {}\n}\n", path: "bad.json")
        #expect(result.issues.count == 1)
        #expect(result.issues.first?.line == 3)
    }

    @Test func duplicateKeysAreIssues() {
        #expect(issues("request: {urlPath: /x}\nrequest: {urlPath: /y}\n") == ["2:1: duplicate key \"request\" (first defined at line 1 column 1)"])
        #expect(issues("{\"request\": {\"urlPath\": \"/x\", \"urlPath\": \"/y\"}}", path: "d.json")
                == ["1:31: duplicate key \"urlPath\" (first defined at line 1 column 14)"])
    }

    @Test func jsonIndentedWithTabsLoads() {
        let loaded = stubs("{\n\t\"request\": {\n\t\t\"urlPath\": \"/x\"\n\t},\n\t\"response\": {\"status\": 201}\n}\n", path: "tabs.json")
        #expect(loaded.first?.response.status == 201)
    }

    @Test func otherValueProblems() {
        #expect(issues("request: {urlPath: /x}\nresponse: {base64Body: 'not*base64'}") == ["2:24: base64Body is not valid base64"])
        #expect(issues("request: {urlPath: /x}\nresponse: {fault: CONNECTION_RESET}")
                == ["2:19: unknown fault \"CONNECTION_RESET\"; expected one of CONNECTION_RESET_BY_PEER, EMPTY_RESPONSE, MALFORMED_RESPONSE_CHUNK, RANDOM_DATA_THEN_CLOSE; did you mean \"CONNECTION_RESET_BY_PEER\"?"])
        #expect(issues("request: {url: /a, urlPath: /a}") == ["1:20: \"urlPath\" conflicts with \"url\"; give one of url, urlPath, urlPattern, urlPathPattern"])
        #expect(issues("request: {urlPath: /x}\nresponse: {body: a, jsonBody: {}}")
                == ["2:21: \"jsonBody\" conflicts with \"body\"; give one of body, jsonBody, base64Body, bodyFileName"])
        #expect(issues("request: {method: get}") == ["1:19: method \"get\" never matches: methods are case-sensitive; did you mean \"GET\"?"])
        #expect(issues("request: {bodyPatterns: [{equalToJson: '{\"a\": }'}]}") == ["1:40: equalToJson: the string is not valid JSON"])
        #expect(issues("request: {bodyPatterns: [{matchesJsonPath: \"$.items[?(@.a == 1)]\"}]}")
                == ["1:44: JSONPath \"$.items[?(@.a == 1)]\": filter and script expressions are not supported"])
        #expect(issues("request: {bodyPatterns: [{equalTo: a, contains: b}]}")
                == ["1:39: a body pattern has both \"equalTo\" and \"contains\"; one matcher per object (combine them with and/or)"])
        #expect(issues("request: {headers: {A: {contains: a, caseInsensitive: true}}}") == ["1:38: \"caseInsensitive\" applies only to equalTo"])
        #expect(issues("request: {urlPath: /x}\nnewScenarioState: two") == ["2:1: scenario states need \"scenarioName\""])
        #expect(issues("response: {status: 200}") == ["1:1: a stub mapping needs a \"request\""])
        #expect(issues("mapings: []").first == "1:1: unknown key \"mapings\" in the stub mapping; did you mean \"mappings\"?")
        #expect(issues("request: {urlPath: /x}\nresponse: {headers: {X-A: \"a\\nb\"}}") == ["2:27: the value of header \"X-A\" must be one line"])
    }

    @Test func filesWithoutStubsAreIssues() {
        #expect(issues("", path: "empty.yaml") == ["1:1: the file defines no stubs"])
        #expect(issues("# only a comment\n") == ["1:1: the file defines no stubs"])
        #expect(issues("mappings: []\n") == ["1:11: \"mappings\" is empty: the file defines no stubs"])
        #expect(issues("- request: {urlPath: /x}\n") == ["1:1: a stub file holds one stub mapping or {mappings: [...]}, found a list"])
    }

    @Test func defaultsAndStubFields() throws {
        let loaded = stubs("""
        mappings:
          - request: {urlPath: /a}
          - id: fixed-id
            name: named
            priority: 2
            scenarioName: s
            requiredScenarioState: Started
            newScenarioState: next
            request: {method: ANY}
            response: {status: 503, statusMessage: Busy, headers: {Retry-After: "1", Set-Cookie: [a=1, b=2]}}
        """)
        try #require(loaded.count == 2)
        #expect(loaded[0].priority == 5)
        #expect(loaded[0].response.status == 200)
        #expect(loaded[0].id.count == 36)
        #expect(loaded[0].location == StubLocation(path: "stubs.yaml", line: 2, column: 5))
        #expect(loaded[1].id == "fixed-id")
        #expect(loaded[1].name == "named")
        #expect(loaded[1].request.method == nil)
        #expect(loaded[1].response.headers == [HTTPField(name: "Retry-After", value: "1"), HTTPField(name: "Set-Cookie", value: "a=1"),
                                               HTTPField(name: "Set-Cookie", value: "b=2")])
        #expect(loaded[1].scenarioName == "s" && loaded[1].requiredScenarioState == "Started" && loaded[1].newScenarioState == "next")
    }

    @Test func jsonBodyIsCompactWithKeysInSourceOrder() {
        let loaded = stubs("""
        request: {urlPath: /x}
        response:
          jsonBody: {zeta: 1, alpha: [true, null, "q\\"uote"], mid: {n: 1.50, hex: 0x1F, s: "1e3"}}
        """)
        #expect(String(decoding: loaded.first?.response.body ?? [], as: UTF8.self)
                == #"{"zeta":1,"alpha":[true,null,"q\"uote"],"mid":{"n":1.50,"hex":31,"s":"1e3"}}"#)
    }

    @Test func folderLoadingReportsEveryIssueOfEveryFileInPathOrder() throws {
        try withTemporaryFolder { folder throws in
            try write(#"{"request": {"urlPath": "/b"}, "response": {"body": "b"}}"#, to: folder + "/b.json")
            try write("request: {urlPath: /a}\nresponse: {body: a}\n", to: folder + "/a.yaml")
            try write(#"{"request": {"urlPth": "/x"}}"#, to: folder + "/sub/c.json")
            try write("request: {urlPattern: '('}\n", to: folder + "/sub/d.yml")
            try write("not a stub", to: folder + "/notes.txt")
            try write("{}", to: folder + "/__files/body.json")
            let result = StubLoader.load(path: folder)
            #expect(result.stubs.map { String(decoding: $0.response.body, as: UTF8.self) } == ["a", "b"])
            #expect(result.issues.map { ($0.path as NSString).lastPathComponent } == ["c.json", "d.yml"])
            #expect(result.issues.map { "\($0.line):\($0.column)" } == ["1:14", "1:23"])
        }
    }

    @Test func wiremockRootServesBodyFilesAndReportsMissingOnes() throws {
        try withTemporaryFolder { root throws in
            try write("""
            {"mappings": [
              {"request": {"urlPath": "/doc"}, "response": {"bodyFileName": "docs/doc.json"}},
              {"request": {"urlPath": "/gone"}, "response": {"bodyFileName": "missing.json"}}
            ]}
            """, to: root + "/mappings/all.json")
            try write(#"{"from": "file"}"#, to: root + "/__files/docs/doc.json")
            let result = StubLoader.load(path: root)
            #expect(result.stubs.count == 1)
            #expect(result.stubs.first.map { String(decoding: $0.response.body, as: UTF8.self) } == #"{"from": "file"}"#)
            #expect(result.issues.count == 1)
            #expect(result.issues.first.map { "\($0.line):\($0.column)" } == "3:66")
            #expect(result.issues.first?.message.hasPrefix("bodyFileName \"missing.json\" not found") == true)
        }
    }

    @Test func singleFileFindsFilesBesideIt() throws {
        try withTemporaryFolder { folder throws in
            try write("request: {urlPath: /x}\nresponse: {bodyFileName: hello.txt}\n", to: folder + "/one.yaml")
            try write("hello", to: folder + "/__files/hello.txt")
            let result = StubLoader.load(path: folder + "/one.yaml")
            #expect(result.issues.isEmpty)
            #expect(result.stubs.first?.response.body == Array("hello".utf8))
        }
    }

    @Test func missingPathsAndEmptyFolders() throws {
        #expect(StubLoader.load(path: "/nonexistent/stubs.yaml").issues.first?.message == "no such file or folder")
        try withTemporaryFolder { folder throws in
            #expect(StubLoader.load(path: folder).issues.first?.message == "the folder holds no stub files (.json, .yaml, .yml)")
        }
    }
}
