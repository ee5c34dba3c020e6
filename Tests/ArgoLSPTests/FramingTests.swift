import Testing
@testable import ArgoLSP

@Suite struct FramingTests {
    func frame(_ body: String, headers: String? = nil) -> [UInt8] {
        Array((headers ?? "Content-Length: \(body.utf8.count)\r\n\r\n").utf8) + Array(body.utf8)
    }

    func events(_ chunks: [[UInt8]]) -> [FrameDecoder.Event] {
        var decoder = FrameDecoder()
        var found: [FrameDecoder.Event] = []
        for chunk in chunks {
            decoder.append(chunk)
            while let event = decoder.next() { found.append(event) }
        }
        return found
    }

    func message(_ text: String) -> FrameDecoder.Event { .message(Array(text.utf8)) }

    @Test func aMessageSplitByteByByteIsReassembled() {
        let body = #"{"jsonrpc":"2.0","method":"x","params":{"t":"😀 日本"}}"#
        let bytes = frame(body)
        #expect(events(bytes.map { [$0] }) == [message(body)])
    }

    @Test func joinedMessagesInOneReadAreSplit() {
        let bodies = [#"{"a":1}"#, #"{"b":"two"}"#, "[]"]
        let joined = bodies.flatMap { frame($0) }
        #expect(events([joined]) == bodies.map(message))
        // Split mid-header and mid-body.
        #expect(events([Array(joined[0..<5]), Array(joined[5..<30]), Array(joined[30...])]) == bodies.map(message))
    }

    @Test func headerNamesAreCaseInsensitiveAndUnknownHeadersSkipped() {
        let body = #"{"ok":true}"#
        let headers = "content-type: application/vscode-jsonrpc; charset=utf8\r\nX-Custom: 1\r\nCONTENT-LENGTH:\(body.utf8.count)\r\n\r\n"
        #expect(events([frame(body, headers: headers)]) == [message(body)])
        // Bare line feeds are tolerated too.
        #expect(events([frame(body, headers: "Content-Length: \(body.utf8.count)\n\n")]) == [message(body)])
    }

    @Test func aMissingOrBadContentLengthIsReportedAndTheNextMessageStillArrives() {
        let good = #"{"n":2}"#
        for bad in ["Content-Type: x\r\n\r\n{}", "Content-Length: abc\r\n\r\n{}", "Content-Length: -5\r\n\r\n{}",
                    "Content-Length: 99999999999\r\n\r\n{}", "garbage without colon\r\n\r\n"] {
            let found = events([Array(bad.utf8) + frame(good)])
            #expect(found.count == 2, "\(bad): \(found)")
            if case .malformed = found.first {} else { Issue.record("\(bad): expected an error first, got \(found)") }
            #expect(found.last == message(good), "\(bad)")
        }
    }

    @Test func garbageIsReportedOnceNotPerByte() {
        let garbage = Array(String(repeating: "{\"not a header\": true}\r\n", count: 50).utf8)
        let found = events([garbage, frame("{}")])
        #expect(found.filter { if case .malformed = $0 { true } else { false } }.count == 1)
        #expect(found.last == message("{}"))
    }

    @Test func anEndlessHeaderIsGivenUp() {
        let found = events([Array(repeating: UInt8(ascii: "a"), count: FrameDecoder.maxHeaderBytes + 10)])
        #expect(found.count == 1)
    }

    @Test func anIncompleteFrameWaitsThenIsDiscardedOnRequest() {
        var decoder = FrameDecoder()
        decoder.append(Array("Content-Length: 100\r\n\r\n{\"jsonrpc\"".utf8))
        #expect(decoder.next() == nil)
        #expect(decoder.bufferedByteCount > 0)
        guard case .malformed(let reason)? = decoder.discardPending() else {
            Issue.record("expected a report")
            return
        }
        #expect(reason.contains("100"))
        #expect(decoder.bufferedByteCount == 0)
        decoder.append(frame("{}"))
        #expect(decoder.next() == message("{}"))
    }

    @Test func anOverstatedLengthSwallowingTheNextMessageIsRecovered() {
        let second = #"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#
        let first = #"{"jsonrpc":"2.0","id":1}"#
        var decoder = FrameDecoder()
        decoder.append(Array("Content-Length: \(first.utf8.count + 10)\r\n\r\n\(first)".utf8) + frame(second))
        guard case .message(let body)? = decoder.next() else {
            Issue.record("expected a body")
            return
        }
        #expect((try? JSON.parse(body)) == nil)
        decoder.rescan(unparsableBody: body)
        #expect(decoder.next() == message(second))
    }

    @Test func anUnparsableBodyWithoutANextMessageIsDroppedQuietly() {
        var decoder = FrameDecoder()
        let junk = Array("{not json".utf8)
        decoder.append(Array("Content-Length: \(junk.count)\r\n\r\n".utf8) + junk)
        #expect(decoder.next() == .message(junk))
        decoder.rescan(unparsableBody: junk)
        #expect(decoder.next() == nil)
        decoder.append(frame("{}"))
        #expect(decoder.next() == message("{}"))
    }

    @Test func encodedFramesDecode() throws {
        let value: JSON = ["jsonrpc": "2.0", "id": 7, "result": ["text": "é\n\"😀\"", "n": 1.5, "none": nil]]
        let found = events([FrameEncoder.encode(value)])
        guard case .message(let body)? = found.first else {
            Issue.record("no message")
            return
        }
        #expect(try JSON.parse(body) == value)
    }
}
