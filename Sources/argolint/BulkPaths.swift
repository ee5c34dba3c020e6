import ArgumentParser

/// Commands whose positional arguments are the paths to read.
protocol InputCommand: ParsableCommand {
    var input: InputOptions { get set }
}

extension LintCommand: InputCommand {}
extension FixCommand: InputCommand {}

/// Keeps long path lists out of ArgumentParser.
///
/// ArgumentParser stores each value of a repeated positional by copying the
/// array and its set of input origins, which is quadratic: 2,000 paths (a CI
/// run, or pre-commit's batches) cost it about 1.2 billion instructions, a
/// quarter of a second before any file is read. So for `lint` and `fix` only
/// the first path goes through the parser, which still validates every option
/// and prints help and errors as usual, and the rest are appended afterwards
/// in their original order.
enum BulkPaths {
    static let commands: Set<String> = ["lint", "fix"]
    /// Options of those commands that take a value (`--format json`); a test
    /// compares this with the options ArgumentParser reports for both commands.
    static let valueOptions: Set<String> = ["--config", "--dialect", "--stdin-filename", "--secrets", "--format", "--max-warnings"]

    /// The arguments for ArgumentParser and the paths it should not see.
    static func split(_ arguments: [String]) -> (forParser: [String], laterPaths: [String]) {
        guard let command = arguments.first, commands.contains(command) else { return (arguments, []) }
        var forParser = [command]
        var laterPaths: [String] = []
        var keptOne = false
        var index = 1
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" {
                // Everything after a terminator is positional: leave it all to the parser.
                forParser += arguments[index...]
                break
            }
            if argument.hasPrefix("-") && argument != "-" {
                forParser.append(argument)
                if valueOptions.contains(argument), index + 1 < arguments.count {
                    forParser.append(arguments[index + 1])
                    index += 1
                }
            } else if keptOne {
                laterPaths.append(argument)
            } else {
                forParser.append(argument)
                keptOne = true
            }
            index += 1
        }
        return (forParser, laterPaths)
    }

    /// The parsed command with the held-back paths appended to its inputs.
    static func appending(_ paths: [String], to command: any ParsableCommand) -> any ParsableCommand {
        guard !paths.isEmpty, var withInputs = command as? any InputCommand else { return command }
        withInputs.input.paths += paths
        return withInputs
    }
}
