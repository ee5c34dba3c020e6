/// A problem in a cron schedule: where (UTF-8 offsets into the schedule text)
/// and what.
public struct CronScheduleIssue: Error, Sendable, Hashable {
    public var range: Range<Int>
    public var message: String

    public init(range: Range<Int>, message: String) {
        self.range = range
        self.message = message
    }
}

/// The schedule grammar Argo's CronWorkflow controller accepts: the standard
/// five-field form of the robfig/cron v3 library (`ParseStandard`), with its
/// `@` descriptors, `@every <duration>`, and a `CRON_TZ=`/`TZ=` zone prefix.
/// Only validity is decided here; nothing is scheduled.
public enum CronSchedule {
    /// One field of the five: its name in messages, bounds, and the names it accepts.
    struct Field: Sendable {
        var name: String
        var plural: String
        var min: Int
        var max: Int
        var names: [String: Int]
    }

    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    static let days = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]

    static let fields: [Field] = [
        Field(name: "minute", plural: "minutes", min: 0, max: 59, names: [:]),
        Field(name: "hour", plural: "hours", min: 0, max: 23, names: [:]),
        Field(name: "day-of-month", plural: "days of the month", min: 1, max: 31, names: [:]),
        Field(name: "month", plural: "months", min: 1, max: 12,
              names: Dictionary(uniqueKeysWithValues: months.enumerated().map { ($1, $0 + 1) })),
        Field(name: "day-of-week", plural: "days of the week", min: 0, max: 6,
              names: Dictionary(uniqueKeysWithValues: days.enumerated().map { ($1, $0) })),
    ]

    /// The `@` descriptors the library knows, besides `@every`.
    public static let descriptors = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"]

    /// The first problem of `spec`, or nil when the library would accept it.
    /// `isKnownZone` decides the zone named by a `CRON_TZ=`/`TZ=` prefix.
    public static func check(_ spec: String, isKnownZone: (String) -> Bool) -> CronScheduleIssue? {
        let bytes = Array(spec.utf8)
        if bytes.isEmpty { return CronScheduleIssue(range: 0..<0, message: "the schedule is empty") }
        var start = 0
        if hasPrefix(bytes, "TZ=") || hasPrefix(bytes, "CRON_TZ=") {
            // The zone runs from the first '=' to the first space.
            guard let eq = bytes.firstIndex(of: UInt8(ascii: "=")),
                  let space = bytes.firstIndex(of: UInt8(ascii: " ")) else {
                return CronScheduleIssue(range: 0..<bytes.count, message: "a time zone prefix must be followed by a space and the schedule")
            }
            let zone = String(decoding: bytes[(eq + 1)..<space], as: UTF8.self)
            if !isKnownZone(zone) {
                return CronScheduleIssue(range: (eq + 1)..<space, message: "time zone \"\(zone)\" of the prefix is not a known IANA time zone")
            }
            start = space
            while start < bytes.count, isSpace(bytes, at: start) { start += spaceLength(bytes, at: start) }
        }
        var end = bytes.count
        if start > 0 {
            // The library trims the rest after a zone prefix, at both ends.
            while end > start, let last = lastSpaceStart(bytes, before: end) { end = last }
        }
        if start < end, bytes[start] == UInt8(ascii: "@") {
            return descriptor(bytes, start..<end)
        }
        let tokens = split(bytes, start..<end) { isSpace(bytes, at: $0) ? spaceLength(bytes, at: $0) : 0 }
        if tokens.count != 5 {
            let what = "\(tokens.count) field\(tokens.count == 1 ? "" : "s")"
            if tokens.count > 5 {
                let extra = tokens[5].lowerBound..<tokens[tokens.count - 1].upperBound
                let hint = tokens.count == 6 ? " (a leading seconds field is not supported)" : ""
                return CronScheduleIssue(range: extra, message: "the schedule has \(what)\(hint); write exactly five: minute hour day-of-month month day-of-week")
            }
            return CronScheduleIssue(range: start..<end, message: "the schedule has \(what); write exactly five: minute hour day-of-month month day-of-week")
        }
        for (token, field) in zip(tokens, fields) {
            if let issue = checkField(bytes, token, field) { return issue }
        }
        return nil
    }

    // MARK: descriptors

    private static func descriptor(_ bytes: [UInt8], _ range: Range<Int>) -> CronScheduleIssue? {
        let text = String(decoding: bytes[range], as: UTF8.self)
        if descriptors.contains(text) { return nil }
        let every = "@every "
        if text.hasPrefix(every) {
            let durationStart = range.lowerBound + every.utf8.count
            let duration = String(decoding: bytes[durationStart..<range.upperBound], as: UTF8.self)
            if !isGoDuration(duration) {
                return CronScheduleIssue(range: durationStart..<range.upperBound, message: "\"\(duration)\" after @every is not a Go duration (like 90s, 15m or 1h30m)")
            }
            return nil
        }
        let word = text.split(separator: " ").first.map(String.init) ?? text
        let candidates = descriptors + ["@every"]
        let suggestion = candidates.first { $0.lowercased() == word.lowercased() }
            ?? Suggestions.best(word, candidates)
        let hint = suggestion.map { "; did you mean \"\($0)\"?" } ?? "; the descriptors are @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly and @every <duration>"
        return CronScheduleIssue(range: range, message: "\"\(text)\" is not a schedule descriptor\(hint)")
    }

    /// Go's `time.ParseDuration` syntax: an optional sign, then one or more
    /// decimal numbers, each with a unit (ns, us, µs, ms, s, m, h); "0" alone too.
    static func isGoDuration(_ text: String) -> Bool {
        var chars = Array(text.unicodeScalars)
        if let first = chars.first, first == "-" || first == "+" { chars.removeFirst() }
        if chars == ["0"] { return true }
        if chars.isEmpty { return false }
        var i = 0
        let isDigit: (Unicode.Scalar) -> Bool = { $0.value >= 0x30 && $0.value <= 0x39 }
        while i < chars.count {
            var digits = 0
            var number = 0
            while i < chars.count, isDigit(chars[i]) || chars[i] == "." {
                if chars[i] != "." { digits += 1 }
                number += 1
                i += 1
            }
            // A number has at most one '.', and at least one digit.
            guard digits > 0, number - digits <= 1 else { return false }
            var unit = ""
            while i < chars.count, !isDigit(chars[i]), chars[i] != "." { unit.unicodeScalars.append(chars[i]); i += 1 }
            guard ["ns", "us", "µs", "μs", "ms", "s", "m", "h"].contains(unit) else { return false }
        }
        return true
    }

    // MARK: fields

    private static func checkField(_ bytes: [UInt8], _ token: Range<Int>, _ field: Field) -> CronScheduleIssue? {
        // Empty parts between commas are skipped, as the library does.
        let parts = split(bytes, token) { bytes[$0] == UInt8(ascii: ",") ? 1 : 0 }
        for part in parts {
            if let issue = checkRange(bytes, part, field) { return issue }
        }
        return nil
    }

    /// `*`, `?`, `N`, `N-M`, each with an optional `/step`.
    private static func checkRange(_ bytes: [UInt8], _ part: Range<Int>, _ field: Field) -> CronScheduleIssue? {
        let slashes = pieces(bytes, part, UInt8(ascii: "/"))
        let hyphens = pieces(bytes, slashes[0], UInt8(ascii: "-"))
        var low = field.min, high = field.max
        let text = String(decoding: bytes[part], as: UTF8.self)
        let first = String(decoding: bytes[hyphens[0]], as: UTF8.self)
        if first == "*" || first == "?" {
            // Anything after "*-" is ignored by the library.
        } else {
            switch parse(bytes, hyphens[0], field, names: true) {
            case .failure(let issue): return issue
            case .success(let value): low = value
            }
            switch hyphens.count {
            case 1:
                high = low
            case 2:
                switch parse(bytes, hyphens[1], field, names: true) {
                case .failure(let issue): return issue
                case .success(let value): high = value
                }
            default:
                return CronScheduleIssue(range: part, message: "\(field.name) \"\(text)\" has more than one '-'; a range is N-M")
            }
        }
        var step = 1
        switch slashes.count {
        case 1:
            break
        case 2:
            switch parse(bytes, slashes[1], field, names: false) {
            case .failure(let issue): return issue
            case .success(let value): step = value
            }
            // "N/step" means from N to the field's maximum.
            if hyphens.count == 1 { high = field.max }
        default:
            return CronScheduleIssue(range: part, message: "\(field.name) \"\(text)\" has more than one '/'; a step is written once, as range/step")
        }
        let dowHint = field.name == "day-of-week" && high == 7 ? " (Sunday is 0 here, not 7)" : ""
        if low < field.min {
            return CronScheduleIssue(range: hyphens[0], message: "\(field.name) \(low) is below \(field.min): \(field.plural) run \(field.min)-\(field.max)")
        }
        if high > field.max {
            let at = hyphens.count == 2 ? hyphens[1] : hyphens[0]
            return CronScheduleIssue(range: at, message: "\(field.name) \(high) is above \(field.max): \(field.plural) run \(field.min)-\(field.max)\(dowHint)")
        }
        if low > high {
            return CronScheduleIssue(range: slashes[0], message: "\(field.name) range \"\(String(decoding: bytes[slashes[0]], as: UTF8.self))\" starts after it ends")
        }
        if step == 0 {
            return CronScheduleIssue(range: slashes[1], message: "\(field.name) step 0 is not allowed: a step is a positive number")
        }
        return nil
    }

    /// A number (Go's `strconv.Atoi`: optional sign, decimal digits) or, where
    /// the field has them, a month or day name in any case.
    private static func parse(_ bytes: [UInt8], _ range: Range<Int>, _ field: Field, names: Bool) -> Result<Int, CronScheduleIssue> {
        let text = String(decoding: bytes[range], as: UTF8.self)
        if names, let value = field.names[text.lowercased()] { return .success(value) }
        var digits = Substring(text)
        var negative = false
        if let sign = digits.first, sign == "+" || sign == "-" { negative = sign == "-"; digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let magnitude = Int(digits) else {
            let nameList = field.names.isEmpty ? "" : " or a \(field.name == "month" ? "month" : "day") name (\(field.name == "month" ? "JAN-DEC" : "SUN-SAT"))"
            let shown = text.isEmpty ? "an empty value" : "\"\(text)\""
            let suggestion = names && !field.names.isEmpty && !text.isEmpty
                ? Suggestions.best(text.lowercased(), field.name == "month" ? months : days).map { "; did you mean \"\($0.uppercased())\"?" } ?? ""
                : ""
            return .failure(CronScheduleIssue(range: range, message: "\(field.name) \(shown) is not a number\(nameList)\(suggestion)"))
        }
        if negative && magnitude != 0 {
            return .failure(CronScheduleIssue(range: range, message: "\(field.name) step \(text) is negative"))
        }
        return .success(magnitude)
    }

    // MARK: bytes

    private static func hasPrefix(_ bytes: [UInt8], _ prefix: String) -> Bool {
        bytes.starts(with: Array(prefix.utf8))
    }

    /// Go's `strings.Split`: every piece, empty ones included.
    private static func pieces(_ bytes: [UInt8], _ range: Range<Int>, _ separator: UInt8) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = range.lowerBound
        for i in range where bytes[i] == separator {
            out.append(start..<i)
            start = i + 1
        }
        out.append(start..<range.upperBound)
        return out
    }

    /// Non-empty runs between separators; `separator(i)` is the separator's length at `i`, or 0.
    private static func split(_ bytes: [UInt8], _ range: Range<Int>, separator: (Int) -> Int) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var i = range.lowerBound
        var start = i
        while i < range.upperBound {
            let length = separator(i)
            if length > 0 {
                if start < i { out.append(start..<i) }
                i += length
                start = i
            } else {
                i += 1
            }
        }
        if start < range.upperBound { out.append(start..<range.upperBound) }
        return out
    }

    /// Go's `unicode.IsSpace`, on the UTF-8 character starting at `i`.
    private static func isSpace(_ bytes: [UInt8], at i: Int) -> Bool { spaceLength(bytes, at: i) > 0 }

    private static func spaceLength(_ bytes: [UInt8], at i: Int) -> Int {
        let b = bytes[i]
        if b == 0x20 || (b >= 0x09 && b <= 0x0D) { return 1 }
        guard b >= 0xC2 else { return 0 }
        var length = 0
        var scalar: UInt32 = 0
        if b < 0xE0 { length = 2; scalar = UInt32(b & 0x1F) }
        else if b < 0xF0 { length = 3; scalar = UInt32(b & 0x0F) }
        else { return 0 }
        guard i + length <= bytes.count else { return 0 }
        for k in 1..<length { scalar = scalar << 6 | UInt32(bytes[i + k] & 0x3F) }
        switch scalar {
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return length
        default: return 0
        }
    }

    /// The start of the white-space character that ends just before `end`, if any.
    private static func lastSpaceStart(_ bytes: [UInt8], before end: Int) -> Int? {
        for length in 1...3 where end - length >= 0 {
            let at = end - length
            if (bytes[at] & 0xC0) != 0x80, spaceLength(bytes, at: at) == length { return at }
        }
        return nil
    }
}

extension CronSchedule {
    /// A small edit-distance helper so ArgoSyntax stays free of other modules.
    enum Suggestions {
        static func best(_ word: String, _ candidates: [String]) -> String? {
            let limit = max(1, min(3, word.count / 3))
            var best: (String, Int)?
            for candidate in candidates {
                let d = distance(word.lowercased(), candidate.lowercased())
                if d <= limit, best.map({ d < $0.1 }) ?? true { best = (candidate, d) }
            }
            return best?.0
        }

        static func distance(_ a: String, _ b: String) -> Int {
            let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
            if x.isEmpty { return y.count }
            if y.isEmpty { return x.count }
            var previous = Array(0...y.count)
            var current = previous
            for i in 1...x.count {
                current[0] = i
                for j in 1...y.count {
                    current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
                }
                swap(&previous, &current)
            }
            return previous[y.count]
        }
    }
}
