import Foundation

/// Parses a Prometheus-style duration into seconds.
///
/// ```swift
/// try parseDuration("30s")     // 30
/// try parseDuration("1h30m")   // 5400
/// try parseDuration("7d")      // 604800
/// try parseDuration("250ms")   // 0.25
/// ```
///
/// A duration is one or more `<integer><unit>` terms with the units from largest to smallest,
/// each at most once, as Prometheus writes them: `y` (365 days), `w` (7 days), `d` (24 hours),
/// `h`, `m`, `s`, `ms`. No spaces, signs or fractions; the total must be positive.
///
/// - Parameter text: The duration, for example `"1h"` or `"720h"`.
/// - Returns: The duration in seconds.
/// - Throws: ``SourceError/invalidArgument(name:reason:)`` naming the text and what is wrong
///   (an unknown unit, a missing number, units out of order, zero, overflow).
/// - Complexity: O(length of `text`).
public func parseDuration(_ text: String) throws -> TimeInterval {
    func failure(_ why: String) -> SourceError {
        .invalidArgument(
            name: "duration",
            reason: "\"\(text)\" \(why); expected a duration like 30s, 15m, 1h, 1h30m, 7d or 1w")
    }
    let units: [(symbol: String, milliseconds: Int)] = [
        ("y", 365 * 86_400_000), ("w", 7 * 86_400_000), ("d", 86_400_000),
        ("h", 3_600_000), ("m", 60_000), ("s", 1_000), ("ms", 1),
    ]
    let bytes = Array(text.utf8)
    guard !bytes.isEmpty else { throw failure("is empty") }
    var index = 0
    var total = 0
    var lastUnit = -1
    while index < bytes.count {
        let start = index
        var value = 0
        while index < bytes.count, bytes[index] &- 0x30 < 10 {
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (plus, overflow2) = times.addingReportingOverflow(Int(bytes[index] &- 0x30))
            guard !overflow1, !overflow2 else { throw failure("is too long") }
            value = plus
            index += 1
        }
        guard index > start else {
            throw failure(start == 0 ? "does not start with a number" : "has a unit without a number")
        }
        let unitStart = index
        while index < bytes.count, !(bytes[index] &- 0x30 < 10) { index += 1 }
        let symbol = String(decoding: bytes[unitStart..<index], as: UTF8.self)
        guard !symbol.isEmpty else { throw failure("has a number without a unit (s, m, h, d, w, y or ms)") }
        guard let unit = units.firstIndex(where: { $0.symbol == symbol }) else {
            throw failure("has an unknown unit \"\(symbol)\"")
        }
        guard unit > lastUnit else { throw failure("has its units out of order or repeated") }
        lastUnit = unit
        let (term, overflow1) = value.multipliedReportingOverflow(by: units[unit].milliseconds)
        let (sum, overflow2) = total.addingReportingOverflow(term)
        guard !overflow1, !overflow2 else { throw failure("is too long") }
        total = sum
    }
    guard total > 0 else { throw failure("is zero") }
    return TimeInterval(total) / 1_000
}
