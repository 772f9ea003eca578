// Date and time formats from RFC 3339: `date-time`, `date`, `time` (§5.6) and `duration` (Appendix A).
//
// All parsers are hand-written over UTF-8 bytes: only ASCII digits are accepted, every field has a
// fixed width, and the whole input must be consumed (no surrounding whitespace or trailing newline).

enum DateTimeFormats {
    /// `date-time`: `full-date "T" full-time`; `T` and `Z` are case-insensitive.
    static func isDateTime(_ string: String) -> Bool {
        var string = string
        return string.withUTF8 { bytes in
            guard bytes.count >= 20, isFullDate(bytes, from: 0) else { return false }
            guard bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t") else { return false }
            return isFullTime(bytes, from: 11)
        }
    }

    /// `date`: `full-date` = `date-fullyear "-" date-month "-" date-mday`, with calendar-correct days.
    static func isDate(_ string: String) -> Bool {
        var string = string
        return string.withUTF8 { bytes in
            bytes.count == 10 && isFullDate(bytes, from: 0)
        }
    }

    /// `time`: `full-time` = `partial-time time-offset` (the offset is mandatory).
    static func isTime(_ string: String) -> Bool {
        var string = string
        return string.withUTF8 { bytes in isFullTime(bytes, from: 0) }
    }

    /// `duration`: RFC 3339 Appendix A (ISO 8601 subset): `P` followed by date components (Y, M, D as a
    /// contiguous run), an optional `T` with time components (H, M, S as a contiguous run), or weeks alone.
    /// Integers only; no signs, fractions, or separators.
    static func isDuration(_ string: String) -> Bool {
        var string = string
        return string.withUTF8 { bytes in
            guard bytes.count >= 3, bytes[0] == UInt8(ascii: "P") else { return false }
            var index = 1
            // Date part: units must appear in this order, without gaps.
            let dateUnits: [UInt8] = [UInt8(ascii: "Y"), UInt8(ascii: "M"), UInt8(ascii: "D")]
            let timeUnits: [UInt8] = [UInt8(ascii: "H"), UInt8(ascii: "M"), UInt8(ascii: "S")]
            var lastDateUnit = -1
            var sawWeek = false
            while index < bytes.count, bytes[index] != UInt8(ascii: "T") {
                guard let (unit, next) = component(bytes, from: index) else { return false }
                index = next
                if unit == UInt8(ascii: "W") {
                    // Weeks stand alone: "P" 1*DIGIT "W" and nothing else.
                    guard lastDateUnit == -1, index == bytes.count else { return false }
                    sawWeek = true
                    continue
                }
                guard let position = dateUnits.firstIndex(of: unit),
                    lastDateUnit == -1 || position == lastDateUnit + 1
                else { return false }
                lastDateUnit = position
            }
            if sawWeek { return true }
            if index == bytes.count { return lastDateUnit >= 0 }
            // Time part after "T": at least one component.
            index += 1
            guard index < bytes.count else { return false }
            var lastTimeUnit = -1
            while index < bytes.count {
                guard let (unit, next) = component(bytes, from: index) else { return false }
                index = next
                guard let position = timeUnits.firstIndex(of: unit),
                    lastTimeUnit == -1 || position == lastTimeUnit + 1
                else { return false }
                lastTimeUnit = position
            }
            return true
        }
    }

    // MARK: - Pieces

    /// One duration component `1*DIGIT unit`; returns the unit byte and the index after it.
    private static func component(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (UInt8, Int)? {
        var index = start
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        guard index > start, index < bytes.count else { return nil }
        return (bytes[index], index + 1)
    }

    /// `YYYY-MM-DD` at `start` (exactly 10 bytes), with month 1–12 and a valid day for that month.
    static func isFullDate(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        guard bytes.count >= start + 10,
            let year = number(bytes, start, 4), bytes[start + 4] == UInt8(ascii: "-"),
            let month = number(bytes, start + 5, 2), bytes[start + 7] == UInt8(ascii: "-"),
            let day = number(bytes, start + 8, 2)
        else { return false }
        guard (1...12).contains(month), day >= 1 else { return false }
        return day <= daysInMonth(month, year: year)
    }

    /// `HH:MM:SS[.frac](Z|±HH:MM)` from `start` to the end of the buffer.
    static func isFullTime(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        guard bytes.count >= start + 9,
            let hour = number(bytes, start, 2), bytes[start + 2] == UInt8(ascii: ":"),
            let minute = number(bytes, start + 3, 2), bytes[start + 5] == UInt8(ascii: ":"),
            let second = number(bytes, start + 6, 2)
        else { return false }
        guard hour <= 23, minute <= 59, second <= 60 else { return false }
        var index = start + 8
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            guard index > fractionStart else { return false }
        }
        guard index < bytes.count else { return false }
        var offsetMinutes = 0
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == bytes.count else { return false }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard bytes.count == index + 6,
                let offsetHour = number(bytes, index + 1, 2), bytes[index + 3] == UInt8(ascii: ":"),
                let offsetMinute = number(bytes, index + 4, 2),
                offsetHour <= 23, offsetMinute <= 59
            else { return false }
            offsetMinutes = offsetHour * 60 + offsetMinute
            if bytes[index] == UInt8(ascii: "-") { offsetMinutes = -offsetMinutes }
        default:
            return false
        }
        if second == 60 {
            // A leap second is only possible at 23:59:60 UTC.
            let utc = ((hour * 60 + minute - offsetMinutes) % 1440 + 1440) % 1440
            return utc == 23 * 60 + 59
        }
        return true
    }

    /// Number of days in `month` of `year` (proleptic Gregorian calendar).
    static func daysInMonth(_ month: Int, year: Int) -> Int {
        switch month {
        case 2:
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            return leap ? 29 : 28
        case 4, 6, 9, 11:
            return 30
        default:
            return 31
        }
    }

    /// Exactly `count` ASCII digits at `start`, as an integer.
    @inline(__always)
    static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        guard start + count <= bytes.count else { return nil }
        var value = 0
        for index in start..<(start + count) {
            let byte = bytes[index]
            guard isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
