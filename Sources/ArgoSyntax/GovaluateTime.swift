/// govaluate turns a quoted string into a time (compared as Unix seconds) when
/// it matches one of a fixed list of Go layouts. This covers the numeric
/// layouts of that list (date, date-time with `T` or space, optional
/// fraction and zone) and `Kitchen` (`3:04PM`). Go parses them in the
/// controller's local zone; we assume UTC, the usual zone of a controller pod.
enum GovaluateTime {
    static func parse(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        if let kitchen = parseKitchen(bytes) { return kitchen }
        var cursor = Cursor(bytes: bytes)
        guard let year = cursor.fixedDigits(4), cursor.take("-"),
              let month = cursor.fixedDigits(2), cursor.take("-"),
              let day = cursor.fixedDigits(2) else { return nil }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        let date = Double(daysFromCivil(year: year, month: month, day: day)) * 86_400
        if cursor.atEnd { return date }

        let separator = cursor.next()
        if separator == UInt8(ascii: " ") {
            // "2006-01-02 15:04", "… 15:04:05", "… 15:04:05-07:00"
            guard let hour = cursor.hour(), cursor.take(":"), let minute = cursor.fixedDigits(2) else { return nil }
            var seconds = 0.0
            if cursor.atEnd { return valid(hour, minute, 0) ? date + Double(hour * 3600 + minute * 60) : nil }
            guard cursor.take(":"), let second = cursor.fixedDigits(2) else { return nil }
            seconds = Double(second)
            cursor.skipFraction()
            var offset = 0
            if !cursor.atEnd {
                guard let zone = cursor.zone(allowZ: false, colon: true) else { return nil }
                offset = zone
            }
            guard cursor.atEnd, valid(hour, minute, Int(seconds)) else { return nil }
            return floor(date + Double(hour * 3600 + minute * 60) + seconds - Double(offset))
        }
        guard separator == UInt8(ascii: "T"), let hour = cursor.hour() else { return nil }
        var minute = 0
        var second = 0
        var sawSeconds = false
        if cursor.take(":") {
            guard let m = cursor.fixedDigits(2) else { return nil }
            minute = m
            if cursor.take(":") {
                guard let s = cursor.fixedDigits(2) else { return nil }
                second = s
                sawSeconds = true
                cursor.skipFraction()
            }
        }
        // RFC 3339 needs seconds and `Z`/`±hh:mm`; the ISO layouts take `Z`/`±hhmm`.
        let save = cursor
        var offset: Int?
        if sawSeconds, let zone = cursor.zone(allowZ: true, colon: true), cursor.atEnd {
            offset = zone
        } else {
            cursor = save
            if let zone = cursor.zone(allowZ: true, colon: false), cursor.atEnd { offset = zone }
        }
        guard let offset, valid(hour, minute, second) else { return nil }
        return floor(date + Double(hour * 3600 + minute * 60 + second - offset))
    }

    private static func valid(_ hour: Int, _ minute: Int, _ second: Int) -> Bool {
        hour < 24 && minute < 60 && second < 60
    }

    private static func floor(_ value: Double) -> Double { value.rounded(.down) }

    /// `3:04PM`: Go fills in year 0, January 1.
    private static func parseKitchen(_ bytes: [UInt8]) -> Double? {
        var cursor = Cursor(bytes: bytes)
        guard let hour = cursor.hour(), (1...12).contains(hour), cursor.take(":"),
              let minute = cursor.fixedDigits(2), minute < 60, cursor.remaining == 2 else { return nil }
        let suffix = String(decoding: bytes[cursor.index...], as: UTF8.self)
        guard suffix == "AM" || suffix == "PM" else { return nil }
        let hour24 = (hour % 12) + (suffix == "PM" ? 12 : 0)
        return Double(daysFromCivil(year: 0, month: 1, day: 1)) * 86_400 + Double(hour24 * 3600 + minute * 60)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private struct Cursor {
        let bytes: [UInt8]
        var index = 0

        var atEnd: Bool { index >= bytes.count }
        var remaining: Int { bytes.count - index }

        mutating func next() -> UInt8? {
            guard index < bytes.count else { return nil }
            defer { index += 1 }
            return bytes[index]
        }

        mutating func take(_ character: Unicode.Scalar) -> Bool {
            guard index < bytes.count, bytes[index] == UInt8(character.value) else { return false }
            index += 1
            return true
        }

        mutating func fixedDigits(_ count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for offset in 0..<count {
                let byte = bytes[index + offset]
                guard UTF8Text.isASCIIDigit(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            index += count
            return value
        }

        /// Go's `15`/`3` hour fields accept one or two digits.
        mutating func hour() -> Int? {
            guard let first = fixedDigits(1) else { return nil }
            if index < bytes.count, UTF8Text.isASCIIDigit(bytes[index]) {
                let second = Int(bytes[index] - 0x30)
                index += 1
                return first * 10 + second
            }
            return first
        }

        mutating func skipFraction() {
            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "."),
                  UTF8Text.isASCIIDigit(bytes[index + 1]) else { return }
            index += 1
            while index < bytes.count, UTF8Text.isASCIIDigit(bytes[index]) { index += 1 }
        }

        /// Zone offset in seconds east of UTC.
        mutating func zone(allowZ: Bool, colon: Bool) -> Int? {
            if allowZ, take("Z") { return 0 }
            guard let sign = next(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"),
                  let hours = fixedDigits(2) else { return nil }
            if colon { guard take(":") else { return nil } }
            guard let minutes = fixedDigits(2) else { return nil }
            let offset = hours * 3600 + minutes * 60
            return sign == UInt8(ascii: "-") ? -offset : offset
        }
    }
}
