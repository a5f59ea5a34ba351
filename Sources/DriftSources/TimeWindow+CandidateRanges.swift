import Foundation
import GRDB

/// Ranges of raw timestamp values that together hold every row of a window, whatever its
/// format; each is compared with the bare column, so SQLite can answer it from an index on the
/// timestamp column (one `SEARCH … USING INDEX` per range, united by a `MULTI-INDEX OR`).
///
/// - numbers (INTEGER/REAL Unix seconds): `[start − 1 s, end + 1 s)`; SQLite orders every
///   number before every text, so this range holds no text;
/// - ISO text without offset (`Z` or nothing), one range per separator (space, `T`, `t`):
///   `["YYYY-MM-DD HH:MM" of start, "YYYY-MM-DD HH:MM" of end + 1 min)`: every such text of an
///   instant in the window starts with its minute, which lies in that range;
/// - digit text (Unix seconds as TEXT): `[String(floor(start)), String(floor(end) + 1))`, exact
///   because the parser accepts no sign or leading zero and the two bounds have the same
///   number of digits; when they do not (windows around 2001-09-09 or before 1970) the range
///   widens to every text starting with a digit;
/// - ISO text with an offset (`±HH:MM`, `±HHMM`, `±HH`) or a bare date: its local date is within
///   a day of the window's UTC dates, so it lies in `["YYYY-MM-DD" of start − 1 day,
///   "YYYY-MM-DD" of end + 2 days)`; this range is also filtered in SQL on a sign (or the date's
///   dash) at the position of an offset, so the rows of the other days are not fetched.
///
/// Over-inclusion is harmless (and small: at most a minute or a second on either side): the
/// reader decides each candidate with the parser.
struct CandidateRanges: Sendable {
    let numberLow: Double
    let numberHigh: Double
    /// Per separator (space, `T`, `t`): the low and high bound.
    let minuteRanges: [(low: String, high: String)]
    let digitsLow: String
    let digitsHigh: String
    let isoLow: String
    let isoHigh: String

    /// The separators between date and time that ``parseTimestamp(_:)`` accepts.
    static let separators = [" ", "T", "t"]

    init(window: TimeWindow) {
        let start = window.start.timeIntervalSince1970
        let end = window.end.timeIntervalSince1970
        numberLow = start - 1
        numberHigh = end + 1
        let startMinute = CandidateRanges.minuteText(start)
        let endMinute = CandidateRanges.minuteText(end + 60)
        minuteRanges = CandidateRanges.separators.map { separator in
            guard let startMinute, let endMinute else { return ("0000", ":") }
            return (startMinute.date + separator + startMinute.time, endMinute.date + separator + endMinute.time)
        }
        let low = CandidateRanges.wholeSeconds(start).map { String(max($0, 0)) }
        let high = CandidateRanges.wholeSeconds(end).map { String(max($0, 0) + 1) }
        if let low, let high, low.count == high.count {
            digitsLow = low
            digitsHigh = high
        } else {
            digitsLow = "0"
            digitsHigh = ":"  // the character after "9"
        }
        isoLow = CandidateRanges.dateText(start - 86_400) ?? "0000"
        isoHigh = CandidateRanges.dateText(end + 2 * 86_400) ?? ":"
    }

    /// The SQL test for a text ending in a numeric UTC offset (`+02:00`, `-0530`, `+05`).
    static func hasOffset(_ timestamp: String) -> String {
        ["-6", "-5", "-3"].map { "substr(\(timestamp), \($0), 1) IN ('+', '-')" }.joined(separator: " OR ")
    }

    /// The `WHERE` clause over the quoted timestamp column, with `?` in the order of
    /// ``arguments(offsets:)``.
    ///
    /// - Parameter offsets: Whether to include the range for texts with a numeric UTC offset.
    ///   That range spans three days of local dates and its offset test cannot use an index, so
    ///   it is left out for sources without such texts (see ``ProductionReader``).
    static func whereClause(timestamp: String, offsets: Bool = true) -> String {
        let range = "(\(timestamp) >= ? AND \(timestamp) < ?)"
        let plain = ([range] + separators.map { _ in range } + [range]).joined(separator: "\n   OR ")
        guard offsets else { return plain }
        return plain + "\n   OR (\(timestamp) >= ? AND \(timestamp) < ? AND (\(hasOffset(timestamp))))"
    }

    /// The bounds in the order of ``whereClause(timestamp:offsets:)``.
    func arguments(offsets: Bool = true) -> StatementArguments {
        var values: [any DatabaseValueConvertible] = [numberLow, numberHigh]
        for range in minuteRanges { values += [range.low, range.high] }
        values += [digitsLow, digitsHigh]
        if offsets { values += [isoLow, isoHigh] }
        return StatementArguments(values)
    }

    private static func wholeSeconds(_ seconds: Double) -> Int64? {
        let floored = seconds.rounded(.down)
        guard floored.isFinite, abs(floored) < 1e15 else { return nil }
        return Int64(floored)
    }

    /// `YYYY-MM-DD` and `HH:MM` (UTC) of an instant in years 0000–9999, else `nil`.
    static func minuteText(_ seconds: Double) -> (date: String, time: String)? {
        guard let whole = wholeSeconds(seconds), let date = dateText(seconds) else { return nil }
        var secondOfDay = Int(whole % 86_400)
        if secondOfDay < 0 { secondOfDay += 86_400 }
        return (date, pad(secondOfDay / 3_600, 2) + ":" + pad(secondOfDay % 3_600 / 60, 2))
    }

    /// `YYYY-MM-DD` (UTC) of an instant in years 0000–9999, else `nil`.
    static func dateText(_ seconds: Double) -> String? {
        guard let whole = wholeSeconds(seconds) else { return nil }
        var days = Int(whole) / 86_400
        if Int(whole) % 86_400 < 0 { days -= 1 }
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        guard (0...9999).contains(year) else { return nil }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(width - text.count, 0)) + text
    }
}
