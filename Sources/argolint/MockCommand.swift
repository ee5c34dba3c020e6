import ArgumentParser
import Foundation
import MockHTTP

struct MockCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mock",
        abstract: "The sandbox's mock HTTP responder, for your own tools.",
        subcommands: [MockServeCommand.self]
    )
}

struct MockServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve WireMock stub mappings on 127.0.0.1 until interrupted.",
        discussion: """
        MOCKS is a stub file (JSON or YAML; one stub or {"mappings": [...]}) or a folder of them. \
        Every problem in them is reported with file:line:column and the server does not start (exit 2). \
        A request no stub matches gets a 404 and is recorded; GET /__admin/requests lists what was \
        received, GET /__admin/requests/unmatched what no stub matched, POST /__admin/scenarios/reset \
        starts every scenario again. The bound address is printed on the first line of standard output.
        """
    )

    @Argument(help: "Stub mappings: a file or a folder.")
    var mocks: String

    @Option(help: "Port to bind on 127.0.0.1 (0: any free port).")
    var port: Int = 0

    mutating func run() throws {
        guard FileManager.default.fileExists(atPath: mocks) else {
            Console.error("\(mocks): no such file or directory")
            throw ExitCode(2)
        }
        let loaded = StubLoader.load(path: mocks)
        if !loaded.issues.isEmpty {
            for issue in loaded.issues { Console.error(issue.description) }
            Console.error("not started: fix the stub files above")
            throw ExitCode(2)
        }
        let responder = MockResponder(stubs: loaded.stubs, delayMode: .real)
        let bound: Int
        do { bound = try responder.start(port: port) } catch {
            Console.error("cannot listen on 127.0.0.1:\(port): \(error)")
            throw ExitCode(2)
        }
        Console.out("listening on http://127.0.0.1:\(bound) (\(loaded.stubs.count) stub\(loaded.stubs.count == 1 ? "" : "s"))\n")
        // Stop cleanly on Ctrl-C or a termination request.
        let stop = DispatchSemaphore(value: 0)
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let sources = [SIGINT, SIGTERM].map { sig -> DispatchSourceSignal in
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { stop.signal() }
            source.resume()
            return source
        }
        stop.wait()
        responder.stop()
        withExtendedLifetime(sources) {}
    }
}
