import Foundation

/// A half-open interval of time `[start, end)`: a row stamped exactly `start` is in it, one
/// stamped exactly `end` is not, so consecutive windows never share a row.
///
/// ```swift
/// let end = try parseTimestamp("2019-04-30T11:00:00Z")
/// let window = try TimeWindow(end: end, duration: try parseDuration("1h"))
/// window.contains(try parseTimestamp("2019-04-30 10:00:00"))   // true
/// window.contains(end)                                          // false
/// ```
public struct TimeWindow: Sendable, Hashable, CustomStringConvertible {
    /// The first instant in the window.
    ///
    /// ```swift
    /// try TimeWindow(end: Date(timeIntervalSince1970: 3_600), duration: 600).start   // 1970-01-01 00:50:00 UTC
    /// ```
    public let start: Date
    /// The first instant after the window (not in it).
    ///
    /// ```swift
    /// try TimeWindow(end: Date(timeIntervalSince1970: 3_600), duration: 600).end   // 1970-01-01 01:00:00 UTC
    /// ```
    public let end: Date

    /// The window of length `duration` that ends (exclusively) at `end`.
    ///
    /// - Parameters:
    ///   - end: The exclusive end.
    ///   - duration: The length in seconds, positive and finite.
    /// - Throws: ``SourceError/invalidArgument(name:reason:)`` for a duration that is not
    ///   positive and finite, or an end that is not finite.
    /// - Complexity: O(1).
    public init(end: Date, duration: TimeInterval) throws {
        guard duration.isFinite, duration > 0 else {
            throw SourceError.invalidArgument(name: "window", reason: "duration \(duration) s is not positive")
        }
        guard end.timeIntervalSince1970.isFinite else {
            throw SourceError.invalidArgument(name: "window", reason: "the end is not a finite time")
        }
        try self.init(start: end.addingTimeInterval(-duration), end: end)
    }

    /// The window `[start, end)`.
    ///
    /// ```swift
    /// let window = try TimeWindow(start: try parseTimestamp("1556625600"), end: try parseTimestamp("1556629200"))
    /// window.duration   // 3600
    /// ```
    ///
    /// - Parameters:
    ///   - start: The first instant in the window.
    ///   - end: The exclusive end, after `start`.
    /// - Throws: ``SourceError/invalidArgument(name:reason:)`` unless `start < end`, both finite.
    /// - Complexity: O(1).
    public init(start: Date, end: Date) throws {
        guard start.timeIntervalSince1970.isFinite, end.timeIntervalSince1970.isFinite, start < end else {
            throw SourceError.invalidArgument(
                name: "window", reason: "start \(start) must be before end \(end)")
        }
        self.start = start
        self.end = end
    }

    /// The length in seconds.
    ///
    /// ```swift
    /// try TimeWindow(end: Date(), duration: 3_600).duration   // 3600
    /// ```
    ///
    /// - Complexity: O(1).
    public var duration: TimeInterval { end.timeIntervalSince(start) }

    /// Whether `date` is in `[start, end)`.
    ///
    /// ```swift
    /// let window = try TimeWindow(end: Date(timeIntervalSince1970: 3_600), duration: 3_600)
    /// window.contains(Date(timeIntervalSince1970: 0))       // true
    /// window.contains(Date(timeIntervalSince1970: 3_600))   // false
    /// ```
    ///
    /// - Parameter date: An instant.
    /// - Returns: `start <= date && date < end`.
    /// - Complexity: O(1).
    public func contains(_ date: Date) -> Bool {
        start <= date && date < end
    }

    /// `[start, end)` in ISO-8601 UTC with milliseconds, for messages.
    ///
    /// ```swift
    /// try TimeWindow(end: Date(timeIntervalSince1970: 3_600), duration: 3_600).description
    /// // "[1970-01-01T00:00:00.000Z, 1970-01-01T01:00:00.000Z)"
    /// ```
    ///
    /// - Complexity: O(1).
    public var description: String {
        "[\(TimeWindow.iso(start)), \(TimeWindow.iso(end)))"
    }

    private static func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
