import Testing
@testable import ExprLang

/// Deterministic SplitMix64 so property runs are reproducible.
struct SeededRandom {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func int(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
    mutating func chance(_ p: Int) -> Bool { int(100) < p }
    mutating func pick<T>(_ xs: [T]) -> T { xs[int(xs.count)] }
}

/// Random expressions over a small typed environment; mostly well-typed, with
/// a share of deliberate type mix-ups so the checker has something to reject.
struct ExprGenerator {
    var rng: SeededRandom

    static let environment = ExprEnvironment(roots: [
        "i": .int, "j": .int, "f": .float, "s": .string, "t": .string, "b": .bool,
        "xs": .array(.int), "ss": .array(.string),
        "r": .record(ExprRecord(fields: ["a": .int, "name": .string], closed: true, name: "r")),
    ])

    mutating func values() -> [String: ExprValue] {
        let words = ["", "a", "ab", "héllo", "x,y", "A b"]
        return [
            "i": .int(rng.int(7) - 3), "j": .int(rng.int(5)), "f": .float(Double(rng.int(100)) / 8 - 4),
            "s": .string(rng.pick(words)), "t": .string(rng.pick(words)), "b": .bool(rng.chance(50)),
            "xs": .array((0..<rng.int(4)).map { _ in .int(rng.int(9) - 2) }, kind: .any, isNil: false),
            "ss": .array((0..<rng.int(4)).map { _ in .string(rng.pick(words)) }, kind: .any, isNil: false),
            "r": .object(["a": .int(rng.int(5)), "name": .string(rng.pick(words))]),
        ]
    }

    enum Kind: CaseIterable { case int, float, string, bool, array }

    mutating func any(_ d: Int) -> String {
        switch rng.pick(Kind.allCases) {
        case .int: return int(d)
        case .float: return float(d)
        case .string: return string(d)
        case .bool: return bool(d)
        case .array: return array(d)
        }
    }

    /// With a small probability an operand of the wrong type is used.
    mutating func maybeWrong(_ d: Int, _ right: (inout ExprGenerator) -> String) -> String {
        rng.chance(12) ? any(d) : right(&self)
    }

    mutating func int(_ d: Int) -> String {
        if d <= 0 || rng.chance(30) { return rng.pick(["i", "j", "\(rng.int(5))", "len(xs)", "len(s)", "r.a"]) }
        switch rng.int(9) {
        case 0: return "(\(maybeWrong(d - 1) { $0.int(d - 1) }) + \(int(d - 1)))"
        case 1: return "(\(int(d - 1)) * \(maybeWrong(d - 1) { $0.int(d - 1) }))"
        case 2: return "-\(int(d - 1))"
        case 3: return "(\(int(d - 1)) % \(int(d - 1)))"
        case 4: return "xs[\(maybeWrong(d - 1) { $0.int(d - 1) })]"
        case 5: return "(\(bool(d - 1)) ? \(int(d - 1)) : \(int(d - 1)))"
        case 6: return "count(xs, # > \(int(d - 1)))"
        case 7: return "len(\(maybeWrong(d - 1) { $0.array(d - 1) }))"
        default: return "abs(\(int(d - 1)))"
        }
    }

    mutating func float(_ d: Int) -> String {
        if d <= 0 || rng.chance(30) { return rng.pick(["f", "1.5", "0.25"]) }
        switch rng.int(5) {
        case 0: return "(\(int(d - 1)) / \(maybeWrong(d - 1) { $0.int(d - 1) }))"
        case 1: return "(\(float(d - 1)) + \(int(d - 1)))"
        case 2: return "float(\(int(d - 1)))"
        case 3: return "ceil(\(float(d - 1)))"
        default: return "(\(int(d - 1)) ** 2)"
        }
    }

    mutating func string(_ d: Int) -> String {
        if d <= 0 || rng.chance(30) { return rng.pick(["s", "t", "\"a\"", "'é'", "r.name"]) }
        switch rng.int(8) {
        case 0: return "(\(string(d - 1)) + \(maybeWrong(d - 1) { $0.string(d - 1) }))"
        case 1: return "upper(\(maybeWrong(d - 1) { $0.string(d - 1) }))"
        case 2: return "string(\(any(d - 1)))"
        case 3: return "trim(\(string(d - 1)))"
        case 4: return "ss[\(int(d - 1))]"
        case 5: return "\(string(d - 1))[0:\(int(d - 1))]"
        case 6: return "join(ss, \(string(d - 1)))"
        default: return "(\(string(d - 1)) ?? \"x\")"
        }
    }

    mutating func bool(_ d: Int) -> String {
        if d <= 0 || rng.chance(25) { return rng.pick(["b", "true", "false"]) }
        switch rng.int(10) {
        case 0: return "(\(int(d - 1)) < \(maybeWrong(d - 1) { $0.int(d - 1) }))"
        case 1: return "(\(string(d - 1)) == \(maybeWrong(d - 1) { $0.string(d - 1) }))"
        case 2: return "(\(string(d - 1)) contains \(maybeWrong(d - 1) { $0.string(d - 1) }))"
        case 3: return "(\(int(d - 1)) in \(maybeWrong(d - 1) { $0.array(d - 1) }))"
        case 4: return "!\(maybeWrong(d - 1) { $0.bool(d - 1) })"
        case 5: return "(\(bool(d - 1)) && \(maybeWrong(d - 1) { $0.bool(d - 1) }))"
        case 6: return "(\(bool(d - 1)) || \(bool(d - 1)))"
        case 7: return "all(xs, # >= \(int(d - 1)))"
        case 8: return "(\(float(d - 1)) >= \(int(d - 1)))"
        default: return "(\(string(d - 1)) startsWith \(string(d - 1)))"
        }
    }

    mutating func array(_ d: Int) -> String {
        if d <= 0 || rng.chance(30) { return rng.pick(["xs", "ss", "[1, 2]", "(1..3)"]) }
        switch rng.int(4) {
        case 0: return "filter(xs, # > \(int(d - 1)))"
        case 1: return "map(xs, # * \(int(d - 1)))"
        case 2: return "[\(int(d - 1)), \(int(d - 1))]"
        default: return "split(\(string(d - 1)), \",\")"
        }
    }
}

/// Messages that mean "a type was wrong at run time" (as opposed to a value
/// problem such as an index out of range or a division by zero).
func isTypeFailure(_ message: String) -> Bool {
    message.hasPrefix("interface conversion") || message.hasPrefix("invalid operation")
        || message.hasPrefix("cannot fetch") || message.hasPrefix("reflect.")
        || message.hasPrefix("operator \"in\"") || message.hasPrefix("invalid argument")
        || message.hasPrefix("cannot slice")
}

@Suite struct PropertyTests {
    @Test func printParseRoundTrip() throws {
        var gen = ExprGenerator(rng: SeededRandom(state: 42))
        for _ in 0..<400 {
            let src = gen.bool(4)
            let tree = try parse(src)
            let printed = ExprPrinter.print(tree)
            let again = try parse(printed)
            #expect(again.dump() == tree.dump(), "\(src) printed as \(printed)")
        }
    }

    @Test func acceptedExpressionsHaveNoRuntimeTypeErrors() throws {
        var gen = ExprGenerator(rng: SeededRandom(state: 7))
        var accepted = 0, rejected = 0
        for _ in 0..<600 {
            let src = gen.any(4)
            let diags = ExprLint.check(source: src, environment: ExprGenerator.environment, requireBool: false)
            if !diags.isEmpty { rejected += 1; continue }
            accepted += 1
            let program = try ExprProgram(source: src)
            for _ in 0..<3 {
                let values = gen.values()
                do {
                    _ = try ExprEvaluator.evaluate(program, environment: values)
                } catch let e as ExprRuntimeError {
                    #expect(!isTypeFailure(e.message), "\(src) with \(values.mapValues { GoFormat.formatV($0) }) failed: \(e.message)")
                }
            }
        }
        #expect(accepted > 100)
        #expect(rejected > 20)
        print("property: \(accepted) accepted, \(rejected) rejected by the checker")
    }
}
