import ArgumentParser
import ArgoLint
import Foundation

struct FixCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fix",
        abstract: "Apply every machine-applicable fix in place.",
        discussion: """
        Edits touch only the text they replace: comments, key order, quoting and indentation elsewhere \
        stay byte for byte. Files are replaced atomically with their permissions kept, and a file that \
        changed while it was being fixed is left alone. Findings without an automatic fix are printed \
        afterwards; the exit code is 1 when errors remain. With - the fixed text goes to standard output.
        """
    )

    @OptionGroup var input: InputOptions

    @Flag(help: "Print a unified diff of the changes instead of writing them.")
    var dryRun = false

    mutating func run() throws {
        let prepared = try input.prepare()
        let fixer = Fixer(linter: Linter(options: prepared.options))
        var ioFailure = prepared.ioFailure
        var remaining: [FileReport] = []
        var fixedCount = 0
        var fileCount = 0
        for (index, original) in prepared.inputs.enumerated() {
            let outcome = fixer.fix(path: original.path, bytes: original.bytes, context: prepared.context)
            remaining.append(outcome.remaining)
            if index == prepared.stdinIndex {
                if dryRun {
                    Console.out(UnifiedDiff.make(old: outcome.initial.maskedText(), new: outcome.remaining.maskedText(), path: original.path))
                } else {
                    Console.out(String(decoding: outcome.bytes, as: UTF8.self))
                }
                continue
            }
            guard outcome.bytes != original.bytes else { continue }
            fixedCount += outcome.applied.count
            fileCount += 1
            if dryRun {
                // Diff lines are source text: hard-coded credentials are masked as in every other output.
                Console.out(UnifiedDiff.make(old: outcome.initial.maskedText(), new: outcome.remaining.maskedText(), path: original.path))
                continue
            }
            do {
                try AtomicWriter.replace(path: original.path, expecting: original.bytes, with: outcome.bytes)
            } catch {
                Console.error(error.description)
                ioFailure = true
            }
        }
        let summary = LintSummary(reports: remaining)
        if !(prepared.stdinIndex != nil && !dryRun) {
            // What is left, in the lint format; stdout carries the fixed text when fixing stdin.
            Console.out(HumanFormatter(colour: Terminal.wantsColour).format(remaining.resolved(), summary: summary))
        }
        let verb = dryRun ? "would apply" : "applied"
        FileHandle.standardError.write(Data("argolint: \(verb) \(fixedCount) fix\(fixedCount == 1 ? "" : "es") in \(fileCount) file\(fileCount == 1 ? "" : "s")\n".utf8))
        Foundation.exit(ioFailure ? 2 : summary.errors > 0 ? 1 : 0)
    }
}
