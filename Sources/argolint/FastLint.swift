import Foundation

/// The common invocation, `argolint lint [--format F] [--no-source] [--strict] PATH...`,
/// read without ArgumentParser.
///
/// Building the parser's view of every command reflects over all of them
/// (Mirror, protocol-conformance scans): about a third of a single-file run's
/// start-up. Anything this does not recognise (other options, `--`, help, a bad
/// value) goes to ArgumentParser, which owns every message and error; the tests
/// run both paths on the same arguments and compare what they print.
enum FastLint {
    static func run(_ arguments: [String]) -> LintRun? {
        guard arguments.first == "lint" else { return nil }
        var run = LintRun(selection: InputSelection())
        var index = 1
        while index < arguments.count {
            let argument = arguments[index]
            switch argument {
            case "--no-source": run.noSource = true
            case "--strict": run.strict = true
            case "--format":
                index += 1
                guard index < arguments.count, let format = FormatName(rawValue: arguments[index]) else { return nil }
                run.format = format
            case _ where argument.hasPrefix("--format="):
                guard let format = FormatName(rawValue: String(argument.dropFirst("--format=".count))) else { return nil }
                run.format = format
            case "-":
                run.selection.paths.append(argument)
            case _ where argument.hasPrefix("-"):
                return nil
            default:
                run.selection.paths.append(argument)
            }
            index += 1
        }
        return run
    }
}
