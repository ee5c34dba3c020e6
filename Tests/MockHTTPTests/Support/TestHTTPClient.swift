#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A deliberately small, blocking HTTP/1.1 client on plain POSIX sockets.
/// It sends exactly the bytes a test writes (absolute-form targets, broken
/// requests) and reports what the connection did: a response, a reset, an
/// empty close, or bytes that are no HTTP.
final class TestConnection {
    enum ClientError: Error, CustomStringConvertible {
        case system(String, Int32)
        case closedEarly(received: [UInt8])
        case reset(received: [UInt8])
        case malformed(String)

        var description: String {
            switch self {
            case .system(let call, let code): return "\(call) failed: \(String(cString: strerror(code)))"
            case .closedEarly(let bytes): return "connection closed after \(bytes.count) bytes"
            case .reset(let bytes): return "connection reset after \(bytes.count) bytes"
            case .malformed(let why): return "malformed response: \(why)"
            }
        }
    }

    /// How a connection ended when read to its end.
    enum Ending: Equatable { case closed, reset }

    private let fd: Int32
    private var buffer: [UInt8] = []

    init(port: Int) throws {
        fd = try Self.connected(port: port)
    }

    /// A socket connected to 127.0.0.1:`port`. On failure the socket is closed
    /// here, before any object owns it: a second close from `deinit` could hit
    /// a descriptor another test (or the server) has opened since.
    private static func connected(port: Int) throws -> Int32 {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw ClientError.system("socket", errno) }
        // A safety net so a broken server fails a test instead of hanging it; no assertion depends on it.
        var timeout = timeval(tv_sec: 20, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            let code = errno
            close(fd)
            throw ClientError.system("connect", code)
        }
        return fd
    }

    deinit { close(fd) }

    func send(_ text: String) throws { try send(Array(text.utf8)) }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { throw ClientError.system("write", errno) }
            offset += n
        }
    }

    /// Sends one request; `target` is written as is (origin or absolute form).
    func sendRequest(_ method: String, _ target: String, headers: [(String, String)] = [], body: String = "", port: Int) throws {
        var lines = ["\(method) \(target) HTTP/1.1"]
        if !headers.contains(where: { $0.0.lowercased() == "host" }) { lines.append("Host: 127.0.0.1:\(port)") }
        for (name, value) in headers { lines.append("\(name): \(value)") }
        if !body.isEmpty || method == "POST" || method == "PUT" { lines.append("Content-Length: \(body.utf8.count)") }
        try send(lines.joined(separator: "\r\n") + "\r\n\r\n" + body)
    }

    /// True when the peer has sent something not yet read (or closed), without waiting.
    var hasPendingInput: Bool {
        if !buffer.isEmpty { return true }
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, 0) > 0
    }

    /// Reads more bytes; false at the end of the stream. A reset throws.
    private func fill() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n > 0 {
            buffer += chunk[0..<n]
            return true
        }
        if n == 0 { return false }
        if errno == ECONNRESET { throw ClientError.reset(received: buffer) }
        throw ClientError.system("read", errno)
    }

    /// Everything until the peer closes, and how it closed.
    func readToEnd() -> (bytes: [UInt8], ending: Ending) {
        do {
            while try fill() {}
            return (buffer, .closed)
        } catch ClientError.reset(let received) {
            return (received, .reset)
        } catch {
            return (buffer, .closed)
        }
    }

    /// One response, framed by Content-Length or chunked encoding
    /// (`toHEAD`: the answer to a HEAD request, which has no body whatever its headers say).
    func readResponse(toHEAD: Bool = false) throws -> TestResponse {
        var headerEnd: Int?
        while headerEnd == nil {
            headerEnd = Self.find([13, 10, 13, 10], in: buffer)
            if headerEnd == nil { guard try fill() else { throw ClientError.closedEarly(received: buffer) } }
        }
        guard let end = headerEnd else { throw ClientError.malformed("no header end") }
        let headText = String(decoding: buffer[0..<end], as: UTF8.self)
        buffer.removeFirst(end + 4)
        var lines = headText.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst()
        let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let status = Int(parts[1]) else {
            throw ClientError.malformed("status line \(statusLine)")
        }
        let reason = parts.count > 2 ? String(parts[2]) : ""
        let headers: [(String, String)] = lines.compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let value = line[line.index(after: colon)...].drop(while: { $0 == " " })
            return (String(line[..<colon]), String(value))
        }
        var response = TestResponse(status: status, reason: reason, headers: headers, body: [])
        if toHEAD {
            return response
        } else if let length = response.header("Content-Length").flatMap(Int.init) {
            while buffer.count < length { guard try fill() else { throw ClientError.closedEarly(received: buffer) } }
            response.body = Array(buffer[0..<length])
            buffer.removeFirst(length)
        } else if response.header("Transfer-Encoding")?.lowercased() == "chunked" {
            response.body = try readChunks()
        }
        return response
    }

    private func readChunks() throws -> [UInt8] {
        var body: [UInt8] = []
        while true {
            var lineEnd = Self.find([13, 10], in: buffer)
            while lineEnd == nil {
                guard try fill() else { throw ClientError.closedEarly(received: buffer) }
                lineEnd = Self.find([13, 10], in: buffer)
            }
            guard let end = lineEnd, let size = Int(String(decoding: buffer[0..<end], as: UTF8.self), radix: 16) else {
                throw ClientError.malformed("bad chunk size line")
            }
            buffer.removeFirst(end + 2)
            while buffer.count < size + 2 { guard try fill() else { throw ClientError.closedEarly(received: buffer) } }
            body += buffer[0..<size]
            buffer.removeFirst(size + 2)
            if size == 0 { return body }
        }
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for i in 0...(haystack.count - needle.count) where haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
        return nil
    }
}

struct TestResponse {
    var status: Int
    var reason: String
    var headers: [(String, String)]
    var body: [UInt8]

    var text: String { String(decoding: body, as: UTF8.self) }

    func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
    func headerValues(_ name: String) -> [String] { headers.filter { $0.0.lowercased() == name.lowercased() }.map(\.1) }
}

/// One request on a fresh connection.
func httpRequest(port: Int, _ method: String = "GET", _ target: String, headers: [(String, String)] = [], body: String = "") throws -> TestResponse {
    let connection = try TestConnection(port: port)
    try connection.sendRequest(method, target, headers: headers, body: body, port: port)
    return try connection.readResponse()
}
