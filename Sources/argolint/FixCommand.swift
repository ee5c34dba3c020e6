import ArgumentParser
import ArgoLint
import Foundation

struct FixCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fix",
        abstract: "Apply machine-applicable fixes in place (safe ones; --unsafe-fixes for the rest).",
        discussion: """
        Safe fixes keep what was meant (quoting, the upstream spelling of a seed convenience); unsafe \
        ones are guesses that may change behaviour (a did-you-mean rename, https:// added to a URL) \
        and are applied only with --unsafe-fixes. \
        Edits touch only the text they replace: comments, key order, quoting and indentation elsewhere \
        stay byte for byte. Files are replaced atomically with their permissions kept, and a file that \
        changed while it was being fixed is left alone. Findings without an automatic fix are printed \
        afterwards; the exit code is 1 when errors remain. With - the fixed text goes to standard output.
        """
    )

    @OptionGroup var input: InputOptions

    @Flag(help: "Print a unified diff of the changes instead of writing them.")
    var dryRun = false

    @Flag(help: "Also apply unsafe fixes: did-you-mean renames and other guesses that may change behaviour.")
    var unsafeFixes = false

    mutating func run() throws {
        let prepared = try input.prepare()
        // One fixer per configuration (each input's nearest .argolint.yaml); every file
        // sees the WorkflowTemplates and Secrets of all the files named, as lint does.
        var fixerOf: [Int: Fixer] = [:]
        for group in prepared.groups {
            let members = Set(group.inputIndices)
            let others = prepared.inputs.indices.filter { !members.contains($0) }.map { prepared.inputs[$0] }
            let session = Linter(options: group.options).session(group.inputIndices.map { prepared.inputs[$0] }, context: group.context + others)
            for index in group.inputIndices { fixerOf[index] = Fixer(session: session, includeUnsafe: unsafeFixes) }
        }
        var ioFailure = prepared.ioFailure
        var remaining: [FileReport] = []
        var fixedCount = 0
        var fileCount = 0
        for (index, original) in prepared.inputs.enumerated() {
            guard let fixer = fixerOf[index] else { continue }
            let outcome = fixer.fix(path: original.path, bytes: original.bytes)
            remaining.append(outcome.remaining)
            if index == prepared.stdinIndex {
                if dryRun {
                    Console.out(UnifiedDiff.make(old: MaskedSource(outcome.initial).text, new: MaskedSource(outcome.remaining).text, path: original.path))
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
                Console.out(UnifiedDiff.make(old: MaskedSource(outcome.initial).text, new: MaskedSource(outcome.remaining).text, path: original.path))
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
