import Foundation

/// Parses a point in time: ISO-8601 text or Unix seconds.
///
/// ```swift
/// try parseTimestamp("2019-06-01T00:00:00Z")
/// try parseTimestamp("2019-04-30 12:00:00.000")      // no zone: UTC
/// try parseTimestamp("2019-04-30T14:00:00+02:00")    // the same instant as 12:00Z
/// try parseTimestamp("1556625600")                   // Unix seconds
/// ```
///
/// Accepted forms (no surrounding spaces):
/// - `YYYY-MM-DD`, midnight UTC;
/// - `YYYY-MM-DD` + `T`, `t` or a space + `HH:MM`, `HH:MM:SS` or `HH:MM:SS.fff…` (any number of
///   fraction digits), then optionally a zone `Z`/`z`, `±HH:MM`, `±HHMM` or `±HH` (no zone
///   means UTC);
/// - Unix seconds: digits without a sign or leading zeros, optionally `.` and more digits.
///
/// The year has four digits (0000–9999); month, day, hour (00–23), minute and second (00–59;
/// no leap second) are checked, including the length of the month. The same parser decides the
/// timestamps of production rows stored as TEXT (see ``SQLiteProductionSource``).
///
/// - Parameter text: The timestamp.
/// - Returns: The instant.
/// - Throws: ``SourceError/invalidArgument(name:reason:)`` naming the text and what is wrong.
/// - Complexity: O(length of `text`).
public func parseTimestamp(_ text: String) throws -> Date {
    var copy = text
    let result = copy.withUTF8 { TimestampParser.unixSeconds($0) }
    switch result {
    case .success(let seconds):
        return Date(timeIntervalSince1970: seconds)
    case .failure(let failure):
        throw SourceError.invalidArgument(
            name: "timestamp",
            reason: "\"\(text)\" \(failure.reason); expected ISO-8601 like 2019-04-30T12:00:00Z or "
                + "2019-04-30 12:00:00.000 (UTC when no zone), or Unix seconds like 1556625600")
    }
}

/// Why a timestamp was rejected.
struct TimestampFailure: Error, Sendable, Hashable {
    /// A phrase that follows the quoted text: "is not a timestamp", "has month 13", …
    let reason: String
}

/// The byte-level timestamp parser behind ``parseTimestamp(_:)``: no allocation on success,
/// so it can classify every timestamp of a production window.
enum TimestampParser {
    /// The largest accepted instant, 9999-12-31T23:59:59.999…Z, in Unix seconds.
    static let latest = 253_402_300_800.0

    /// The instant in Unix seconds, or why the bytes are not a timestamp.
    static func unixSeconds(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Double, TimestampFailure> {
        guard !bytes.isEmpty else { return .failure(TimestampFailure(reason: "is empty")) }
        if bytes.count >= 5, bytes[4] == UInt8(ascii: "-") {
            return iso(bytes)
        }
        return unix(bytes)
    }

    /// Seconds since 1970 of a value stored as a number: finite and within years 0000–9999.
    static func unixSeconds(number: Double) -> Double? {
        number.isFinite && number >= -62_167_219_200 && number < latest ? number : nil
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    /// `digits[.digits]` without sign or leading zeros.
    private static func unix(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Double, TimestampFailure> {
        let notTimestamp = TimestampFailure(reason: "is not a timestamp")
        var index = 0
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        guard index > 0 else { return .failure(notTimestamp) }
        guard bytes[0] != UInt8(ascii: "0") || index == 1 else {
            return .failure(TimestampFailure(reason: "has a leading zero in Unix seconds"))
        }
        if index < bytes.count {
            guard bytes[index] == UInt8(ascii: "."), index + 1 < bytes.count else { return .failure(notTimestamp) }
            index += 1
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            guard index == bytes.count else { return .failure(notTimestamp) }
        }
        guard bytes.count <= 40, let value = Double(String(decoding: bytes, as: UTF8.self)), value < latest else {
            return .failure(TimestampFailure(reason: "is beyond the year 9999 as Unix seconds"))
        }
        return .success(value)
    }

    /// Reads `count` digits at `index` as a number.
    private static func number(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, count: Int) -> Int? {
        guard index + count <= bytes.count else { return nil }
        var value = 0
        for position in index..<(index + count) {
            guard isDigit(bytes[position]) else { return nil }
            value = value * 10 + Int(bytes[position] &- 0x30)
        }
        return value
    }

    private static func iso(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Double, TimestampFailure> {
        let malformed = TimestampFailure(reason: "is not a timestamp")
        let dash = UInt8(ascii: "-")
        let colon = UInt8(ascii: ":")
        guard let year = number(bytes, at: 0, count: 4), bytes.count >= 10, bytes[7] == dash,
              let month = number(bytes, at: 5, count: 2), let day = number(bytes, at: 8, count: 2)
        else { return .failure(malformed) }
        guard (1...12).contains(month) else { return .failure(TimestampFailure(reason: "has month \(month)")) }
        guard day >= 1, day <= daysInMonth(year: year, month: month) else {
            return .failure(TimestampFailure(reason: "has day \(day) in a month of \(daysInMonth(year: year, month: month)) days"))
        }
        var seconds = daysFromCivil(year: year, month: month, day: day) * 86_400
        var fraction = 0.0
        var index = 10
        if index < bytes.count {
            let separator = bytes[index]
            guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == 0x20 else {
                return .failure(malformed)
            }
            guard let hour = number(bytes, at: index + 1, count: 2), index + 3 < bytes.count,
                  bytes[index + 3] == colon, let minute = number(bytes, at: index + 4, count: 2)
            else { return .failure(malformed) }
            index += 6
            var second = 0
            if index < bytes.count, bytes[index] == colon {
                guard let value = number(bytes, at: index + 1, count: 2) else { return .failure(malformed) }
                second = value
                index += 3
                if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                    let start = index
                    index += 1
                    while index < bytes.count, isDigit(bytes[index]) { index += 1 }
                    guard index > start + 1 else { return .failure(malformed) }
                    let digits = UnsafeBufferPointer(rebasing: bytes[start..<min(index, start + 20)])
                    fraction = Double("0" + String(decoding: digits, as: UTF8.self)) ?? 0
                }
            }
            guard hour <= 23 else { return .failure(TimestampFailure(reason: "has hour \(hour)")) }
            guard minute <= 59 else { return .failure(TimestampFailure(reason: "has minute \(minute)")) }
            guard second <= 59 else { return .failure(TimestampFailure(reason: "has second \(second)")) }
            seconds += hour * 3_600 + minute * 60 + second
            if index < bytes.count {
                switch zoneOffset(bytes, at: index) {
                case .success(let offset): seconds -= offset
                case .failure(let failure): return .failure(failure)
                }
            }
        }
        return .success(Double(seconds) + fraction)
    }

    /// `Z`, `z`, `±HH:MM`, `±HHMM` or `±HH` to the end of the text, in seconds east of UTC.
    private static func zoneOffset(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Result<Int, TimestampFailure> {
        let badZone = TimestampFailure(reason: "has an unreadable time zone (use Z or +HH:MM)")
        let rest = bytes.count - index
        let sign = bytes[index]
        if sign == UInt8(ascii: "Z") || sign == UInt8(ascii: "z") {
            return rest == 1 ? .success(0) : .failure(badZone)
        }
        guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"), let hours = number(bytes, at: index + 1, count: 2)
        else { return .failure(badZone) }
        var minutes = 0
        switch rest {
        case 3:
            break
        case 5:
            guard let value = number(bytes, at: index + 3, count: 2) else { return .failure(badZone) }
            minutes = value
        case 6:
            guard bytes[index + 3] == UInt8(ascii: ":"), let value = number(bytes, at: index + 4, count: 2) else {
                return .failure(badZone)
            }
            minutes = value
        default:
            return .failure(badZone)
        }
        guard hours <= 23, minutes <= 59 else {
            return .failure(TimestampFailure(reason: "has a time zone offset beyond 23:59"))
        }
        let offset = hours * 3_600 + minutes * 60
        return .success(sign == UInt8(ascii: "-") ? -offset : offset)
    }

    static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
