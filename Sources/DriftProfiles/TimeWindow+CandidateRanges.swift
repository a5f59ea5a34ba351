import Foundation
import GRDB

/// The three ranges of raw timestamp values that together hold every row of a window, whatever
/// its format; compared with the bare column so that SQLite can use an index on it.
///
/// - numbers (INTEGER/REAL Unix seconds): `[start − 1, end + 1)`; SQLite orders every number
///   before every text, so this range holds no text;
/// - ISO text: `["YYYY-MM-DD" of start − 1 day, "YYYY-MM-DD" of end + 2 days)`: a timestamp in
///   the window has a local date (any separator, any zone offset below 24 h) within a day of
///   the window's UTC dates, and every text starting with such a date sorts in this range;
/// - digit text (Unix seconds as TEXT): `[String(floor(start)), String(floor(end) + 1))`, exact
///   because the parser accepts no sign or leading zero and the two bounds have the same
///   number of digits; when they do not (windows around 2001-09-09 or before 1970) the range
///   widens to every text starting with a digit.
///
/// Over-inclusion is harmless: the reader decides each candidate with the parser.
struct CandidateRanges: Sendable {
    let numberLow: Double
    let numberHigh: Double
    let isoLow: String
    let isoHigh: String
    let digitsLow: String
    let digitsHigh: String

    init(window: TimeWindow) {
        let start = window.start.timeIntervalSince1970
        let end = window.end.timeIntervalSince1970
        numberLow = start - 1
        numberHigh = end + 1
        isoLow = CandidateRanges.dateText(start - 86_400) ?? "0000"
        isoHigh = CandidateRanges.dateText(end + 2 * 86_400) ?? ":"
        let low = CandidateRanges.wholeSeconds(start).map { String(max($0, 0)) }
        let high = CandidateRanges.wholeSeconds(end).map { String(max($0, 0) + 1) }
        if let low, let high, low.count == high.count {
            digitsLow = low
            digitsHigh = high
        } else {
            digitsLow = "0"
            digitsHigh = ":"  // the character after "9"
        }
    }

    /// The six bounds in the order of the reader's `WHERE` clause.
    var arguments: StatementArguments {
        [numberLow, numberHigh, isoLow, isoHigh, digitsLow, digitsHigh]
    }

    private static func wholeSeconds(_ seconds: Double) -> Int64? {
        let floored = seconds.rounded(.down)
        guard floored.isFinite, abs(floored) < 1e15 else { return nil }
        return Int64(floored)
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
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(width - text.count, 0)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}
