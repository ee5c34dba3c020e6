import Testing
@testable import MockHTTP

/// One matcher, one header value (nil: header not sent), and whether the stub should answer.
struct MatcherCase: Sendable, CustomTestStringConvertible {
    let matcher: String
    let value: String?
    let matches: Bool

    init(_ matcher: String, _ value: String?, _ matches: Bool) {
        self.matcher = matcher
        self.value = value
        self.matches = matches
    }

    var testDescription: String { "\(matcher) vs \(value.map { "\"\($0)\"" } ?? "absent") -> \(matches)" }
}

@Suite struct MatchingTests {
    static let matcherCases: [MatcherCase] = [
        MatcherCase("{equalTo: abc}", "abc", true),
        MatcherCase("{equalTo: abc}", "ABC", false),
        MatcherCase("{equalTo: abc}", nil, false),
        MatcherCase("{equalTo: abc, caseInsensitive: true}", "aBc", true),
        MatcherCase("{contains: bc}", "abcd", true),
        MatcherCase("{contains: xy}", "abcd", false),
        MatcherCase("{doesNotContain: xy}", "abcd", true),
        MatcherCase("{doesNotContain: bc}", "abcd", false),
        MatcherCase("{matches: 'a.c'}", "abc", true),
        MatcherCase("{matches: 'a.c'}", "abcd", false),
        MatcherCase("{matches: 'a|ab'}", "ab", true),
        MatcherCase("{doesNotMatch: 'a.c'}", "abcd", true),
        MatcherCase("{doesNotMatch: 'a.c'}", "abc", false),
        MatcherCase("{absent: true}", nil, true),
        MatcherCase("{absent: true}", "x", false),
        MatcherCase("{and: [{contains: a}, {contains: c}]}", "abc", true),
        MatcherCase("{and: [{contains: a}, {contains: c}]}", "ab", false),
        MatcherCase("{or: [{equalTo: x}, {equalTo: y}]}", "y", true),
        MatcherCase("{or: [{equalTo: x}, {equalTo: y}]}", "z", false),
        MatcherCase("{not: {equalTo: x}}", "y", true),
        MatcherCase("{not: {equalTo: x}}", "x", false),
        MatcherCase("{not: {absent: true}}", "x", true),
        MatcherCase("{not: {absent: true}}", nil, false),
    ]

    @Test(arguments: matcherCases)
    func headerMatcher(_ c: MatcherCase) throws {
        try withResponder("request: {urlPath: /m, headers: {X-Val: \(c.matcher)}}\nresponse: {body: hit}") { _, port throws in
            let response = try httpRequest(port: port, "GET", "/m", headers: c.value.map { [("X-Val", $0)] } ?? [])
            #expect(response.status == (c.matches ? 200 : 404))
        }
    }

    @Test func headerNamesAreCaseInsensitive() throws {
        try withResponder("request: {urlPath: /h, headers: {content-TYPE: {equalTo: application/json}}}") { _, port throws in
            #expect(try httpRequest(port: port, "GET", "/h", headers: [("Content-Type", "application/json")]).status == 200)
            #expect(try httpRequest(port: port, "GET", "/h", headers: [("CONTENT-type", "application/json")]).status == 200)
            #expect(try httpRequest(port: port, "GET", "/h", headers: [("Content-Type", "text/plain")]).status == 404)
        }
    }

    @Test func repeatedHeaderMatchesWhenAnyValueDoes() throws {
        try withResponder("request: {urlPath: /r, headers: {X-Tag: {equalTo: two}}}") { _, port throws in
            #expect(try httpRequest(port: port, "GET", "/r", headers: [("X-Tag", "one"), ("X-Tag", "two")]).status == 200)
        }
    }

    @Test func methodAndAny() throws {
        try withResponder("""
        mappings:
          - request: {method: POST, urlPath: /p}
            response: {body: post}
          - request: {method: ANY, urlPath: /any}
            response: {body: any}
        """) { _, port throws in
            #expect(try httpRequest(port: port, "POST", "/p").text == "post")
            #expect(try httpRequest(port: port, "GET", "/p").status == 404)
            #expect(try httpRequest(port: port, "DELETE", "/any").text == "any")
            #expect(try httpRequest(port: port, "PATCH", "/any").text == "any")
        }
    }

    @Test func urlComparesPathAndQueryWhileUrlPathIgnoresTheQuery() throws {
        try withResponder("""
        mappings:
          - request: {url: "/exact?x=1"}
            response: {body: url}
          - request: {urlPath: /path}
            response: {body: urlPath}
          - request: {urlPattern: "/pat\\\\?x=[0-9]+"}
            response: {body: urlPattern}
          - request: {urlPathPattern: "/items/[0-9]+"}
            response: {body: urlPathPattern}
        """) { _, port throws in
            #expect(try httpRequest(port: port, "GET", "/exact?x=1").text == "url")
            #expect(try httpRequest(port: port, "GET", "/exact?x=2").status == 404)
            #expect(try httpRequest(port: port, "GET", "/exact").status == 404)
            #expect(try httpRequest(port: port, "GET", "/path").text == "urlPath")
            #expect(try httpRequest(port: port, "GET", "/path?anything=1&b").text == "urlPath")
            #expect(try httpRequest(port: port, "GET", "/pat?x=42").text == "urlPattern")
            #expect(try httpRequest(port: port, "GET", "/pat?x=4a").status == 404)
            #expect(try httpRequest(port: port, "GET", "/items/42?q=1").text == "urlPathPattern")
            #expect(try httpRequest(port: port, "GET", "/items/abc").status == 404)
        }
    }

    @Test func queryParametersAreDecodedAndOrderIndependent() throws {
        try withResponder("""
        request:
          urlPath: /q
          queryParameters:
            name: {equalTo: "a b"}
            page: {matches: "[0-9]+"}
            debug: {absent: true}
        response: {body: q}
        """) { _, port throws in
            #expect(try httpRequest(port: port, "GET", "/q?page=2&name=a+b").text == "q")
            #expect(try httpRequest(port: port, "GET", "/q?name=a%20b&page=10").text == "q")
            #expect(try httpRequest(port: port, "GET", "/q?name=a%20b&page=x").status == 404)
            #expect(try httpRequest(port: port, "GET", "/q?name=a%20b&page=1&debug=1").status == 404)
            #expect(try httpRequest(port: port, "GET", "/q?page=1").status == 404)
        }
    }

    @Test func priorityThenMostRecentlyLoadedFirst() throws {
        try withResponder("""
        mappings:
          - request: {urlPath: /p}
            response: {body: first-default}
          - request: {urlPath: /p}
            response: {body: second-default}
          - priority: 7
            request: {urlPath: /p}
            response: {body: low}
          - priority: 1
            request: {urlPattern: ".*"}
            response: {body: catch-all-high}
          - priority: 1
            request: {urlPath: /other}
            response: {body: other}
        """) { _, port throws in
            // /p: the priority-1 catch-all wins over the default-priority stubs.
            #expect(try httpRequest(port: port, "GET", "/p").text == "catch-all-high")
            // /other: two priority-1 stubs match; the one loaded last wins.
            #expect(try httpRequest(port: port, "GET", "/other").text == "other")
        }
        try withResponder("""
        mappings:
          - request: {urlPath: /p}
            response: {body: first-default}
          - request: {urlPath: /p}
            response: {body: second-default}
          - priority: 7
            request: {urlPath: /p}
            response: {body: low}
        """) { _, port throws in
            #expect(try httpRequest(port: port, "GET", "/p").text == "second-default")
        }
    }

    @Test func equalToJsonAndItsFlags() throws {
        try withResponder("""
        mappings:
          - request: {urlPath: /strict, bodyPatterns: [{equalToJson: {a: 1, b: [1, 2]}}]}
            response: {body: strict}
          - request: {urlPath: /order, bodyPatterns: [{equalToJson: '{"b": [1, 2]}', ignoreArrayOrder: true}]}
            response: {body: order}
          - request: {urlPath: /extra, bodyPatterns: [{equalToJson: {a: 1, list: [{k: 1}]}, ignoreExtraElements: true}]}
            response: {body: extra}
          - request: {urlPath: /any, bodyPatterns: [{equalToJson: {id: "${json-unit.any-string}", n: "${json-unit.any-number}"}}]}
            response: {body: any}
        """) { _, port throws in
            #expect(try httpRequest(port: port, "POST", "/strict", body: #"{"b":[1,2],"a":1.0}"#).text == "strict")
            #expect(try httpRequest(port: port, "POST", "/strict", body: #"{"a":1,"b":[2,1]}"#).status == 404)
            #expect(try httpRequest(port: port, "POST", "/strict", body: #"{"a":1,"b":[1,2],"c":3}"#).status == 404)
            #expect(try httpRequest(port: port, "POST", "/strict", body: "not json").status == 404)
            #expect(try httpRequest(port: port, "POST", "/order", body: #"{"b":[2,1]}"#).text == "order")
            #expect(try httpRequest(port: port, "POST", "/order", body: #"{"b":[2,1,3]}"#).status == 404)
            #expect(try httpRequest(port: port, "POST", "/extra", body: #"{"z":0,"a":1,"list":[{"k":1,"x":2},{"k":9}]}"#).text == "extra")
            #expect(try httpRequest(port: port, "POST", "/extra", body: #"{"a":2,"list":[{"k":1}]}"#).status == 404)
            #expect(try httpRequest(port: port, "POST", "/any", body: #"{"id":"x7","n":3}"#).text == "any")
            #expect(try httpRequest(port: port, "POST", "/any", body: #"{"id":7,"n":3}"#).status == 404)
        }
    }

    @Test func matchesJsonPath() throws {
        try withResponder("""
        mappings:
          - request: {urlPath: /present, bodyPatterns: [{matchesJsonPath: "$.items[0].name"}]}
            response: {body: present}
          - request:
              urlPath: /value
              bodyPatterns:
                - matchesJsonPath: {expression: "$.status", equalTo: ok}
                - matchesJsonPath: {expression: "$['count']", matches: "[0-9]+"}
                - matchesJsonPath: {expression: "$.tags[*]", contains: urgent}
            response: {body: value}
        """) { _, port throws in
            #expect(try httpRequest(port: port, "POST", "/present", body: #"{"items":[{"name":"a"}]}"#).text == "present")
            #expect(try httpRequest(port: port, "POST", "/present", body: #"{"items":[]}"#).status == 404)
            #expect(try httpRequest(port: port, "POST", "/present", body: #"{"items":[{"name":null}]}"#).status == 404)
            #expect(try httpRequest(port: port, "POST", "/value", body: #"{"status":"ok","count":12,"tags":["a","very urgent"]}"#).text == "value")
            #expect(try httpRequest(port: port, "POST", "/value", body: #"{"status":"ok","count":"x","tags":["urgent"]}"#).status == 404)
            #expect(try httpRequest(port: port, "POST", "/value", body: #"{"status":"bad","count":1,"tags":["urgent"]}"#).status == 404)
        }
    }

    @Test func absoluteFormIsMatchedOnPathAndQueryAndJournaledWithItsHost() throws {
        try withResponder("""
        mappings:
          - request: {url: "/api/data?x=1", host: {equalTo: example.com}}
            response: {body: example}
          - request: {urlPath: /api/data, host: {equalTo: other.test}}
            response: {body: other}
        """) { responder, port throws in
            #expect(try httpRequest(port: port, "GET", "http://example.com/api/data?x=1").text == "example")
            #expect(try httpRequest(port: port, "GET", "https://user@other.test:8443/api/data?y=2").text == "other")
            // Origin form: the Host header names the host.
            #expect(try httpRequest(port: port, "GET", "/api/data?x=1", headers: [("Host", "example.com:8080")]).text == "example")
            #expect(try httpRequest(port: port, "GET", "http://elsewhere.test/api/data?x=1").status == 404)
            let journal = responder.journal
            try #require(journal.count == 4)
            #expect(journal[0].url == "http://example.com/api/data?x=1")
            #expect(journal[0].absoluteURL == "http://example.com/api/data?x=1")
            #expect(journal[0].pathAndQuery == "/api/data?x=1")
            #expect(journal[0].host == "example.com")
            #expect(journal[2].url == "/api/data?x=1")
            #expect(journal[2].absoluteURL == "http://example.com:8080/api/data?x=1")
            #expect(journal.map(\.wasMatched) == [true, true, true, false])
        }
    }
}
