import Foundation
import Testing
@testable import MockHTTP

@Suite struct ProtocolTests {
    @Test func keepAliveServesSeveralRequestsOnOneConnection() throws {
        try withResponder("request: {urlPath: /k}\nresponse: {body: k}") { _, port throws in
            let connection = try TestConnection(port: port)
            try connection.sendRequest("GET", "/k", port: port)
            #expect(try connection.readResponse().text == "k")
            try connection.sendRequest("GET", "/missing", port: port)
            #expect(try connection.readResponse().status == 404)
            // Pipelined: both requests written before either answer is read.
            try connection.sendRequest("GET", "/k", port: port)
            try connection.sendRequest("GET", "http://somewhere.test/k", port: port)
            #expect(try connection.readResponse().text == "k")
            #expect(try connection.readResponse().text == "k")
        }
    }

    @Test func connectionCloseIsHonoured() throws {
        try withResponder("request: {urlPath: /k}\nresponse: {body: k}") { _, port throws in
            let connection = try TestConnection(port: port)
            try connection.sendRequest("GET", "/k", headers: [("Connection", "close")], port: port)
            let response = try connection.readResponse()
            #expect(response.header("Connection") == "close")
            #expect(connection.readToEnd() == ([], .closed))
        }
    }

    @Test func aStubCanCloseTheConnection() throws {
        try withResponder("request: {urlPath: /bye}\nresponse: {body: bye, headers: {Connection: close}}") { _, port throws in
            let connection = try TestConnection(port: port)
            try connection.sendRequest("GET", "/bye", port: port)
            #expect(try connection.readResponse().text == "bye")
            #expect(connection.readToEnd() == ([], .closed))
        }
    }

    @Test func malformedHTTPGets400AndTheConnectionCloses() throws {
        try withResponder("request: {urlPath: /k}") { _, port throws in
            let connection = try TestConnection(port: port)
            try connection.send("THIS IS NOT HTTP\r\n\r\n")
            #expect(try connection.readResponse().status == 400)
            #expect(connection.readToEnd().ending == .closed)
        }
    }

    @Test func oversizedBodiesGet413() throws {
        try withResponder("request: {urlPath: /up}") { responder, port throws in
            let connection = try TestConnection(port: port)
            try connection.send("POST /up HTTP/1.1\r\nHost: x\r\nContent-Length: \(MockResponder.defaultMaxRequestBodyBytes + 1)\r\n\r\n")
            let response = try connection.readResponse()
            #expect(response.status == 413)
            #expect(response.header("Connection") == "close")
            #expect(responder.journal.first?.responseStatus == 413)
        }
        // A streamed (chunked) body is cut off when it passes the limit.
        let responder = MockResponder(stubs: stubs("request: {urlPath: /up}"), maxRequestBodyBytes: 8)
        let port = try responder.start()
        defer { responder.stop() }
        let connection = try TestConnection(port: port)
        try connection.send("POST /up HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n5\r\nworld\r\n0\r\n\r\n")
        #expect(try connection.readResponse().status == 413)
    }

    @Test func expectContinueGetsAnInterimResponse() throws {
        try withResponder("request: {urlPath: /up, bodyPatterns: [{equalTo: hello}]}\nresponse: {body: got}") { _, port throws in
            let connection = try TestConnection(port: port)
            try connection.send("POST /up HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n")
            #expect(try connection.readResponse().status == 100)
            try connection.send("hello")
            #expect(try connection.readResponse().text == "got")
        }
    }

    @Test func headResponsesCarryNoBody() throws {
        try withResponder("request: {method: HEAD, urlPath: /h}\nresponse: {body: twelve bytes}") { _, port throws in
            let connection = try TestConnection(port: port)
            try connection.sendRequest("HEAD", "/h", port: port)
            try connection.sendRequest("HEAD", "/h", port: port)
            // Were a body sent, the second head would not parse.
            #expect(try connection.readResponse(toHEAD: true).header("Content-Length") == "12")
            let second = try connection.readResponse(toHEAD: true)
            #expect(second.status == 200)
            #expect(!connection.hasPendingInput)
        }
    }

    @Test func stopIsIdempotentAndTheResponderCanRestart() throws {
        let responder = MockResponder(stubs: stubs("request: {urlPath: /k}\nresponse: {body: k}"))
        let first = try responder.start()
        #expect(responder.port == first)
        #expect(try responder.start() == first)
        responder.stop()
        responder.stop()
        #expect(responder.port == nil)
        #expect(throws: (any Error).self) { try TestConnection(port: first) }
        let second = try responder.start()
        defer { responder.stop() }
        #expect(try httpRequest(port: second, "GET", "/k").text == "k")
    }
}
