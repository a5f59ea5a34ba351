import Foundation
import DriftTables

/// A source of production data that yields the columns of one time window's rows.
///
/// The hourly job (`runCheck` in DriftMonitor) and `driftwatch compare` read production
/// through this protocol only, so a new kind of source (a PostgreSQL table, say) is one more
/// conforming type, with no change to the statistics or the job.
///
/// ```swift
/// let source: any ProductionSource = SQLiteProductionSource(
///     path: "Fixtures/production/predictions.db", source: .table("predictions"), timestampColumn: "ts")
/// let window = try TimeWindow(end: try parseTimestamp("2019-04-30T11:00:00Z"), duration: 3_600)
/// let sample = try source.read(
///     window: window, features: [(name: "age", kind: .numeric), (name: "contract", kind: .categorical)],
///     trackRows: ["age", "contract"])
/// sample.rowCount        // 400
/// source.description     // "sqlite:Fixtures/production/predictions.db table=predictions"
/// ```
///
/// What every conforming type promises:
/// - features map to columns by name, case-sensitively; each is read with the given kind
///   through `ColumnSampleBuilder` (missing values counted, never tested);
/// - a feature the source does not have, or a numeric feature holding text, gets an entry in
///   ``ProductionSample/problems`` and the other features are read normally;
/// - the columns named in `trackRows` are row-aligned (``ColumnSample/rows``), so they can be
///   walked row by row together for the multivariate tests;
/// - every error is one line naming the source (``description``).
public protocol ProductionSource: Sendable, CustomStringConvertible {
    /// The source in one line, as messages name it: `sqlite:PATH table=T`,
    /// `sqlite:PATH query=SQL`, `csv:PATH`.
    var description: String { get }

    /// Reads the rows of `window` (every row when `window` is nil and the source allows it).
    ///
    /// - Parameters:
    ///   - window: The window `[start, end)`, or nil for every row of a source that is one
    ///     window already (a CSV export); a source that needs a window throws
    ///     ``SourceError/invalidArgument(name:reason:)`` for nil.
    ///   - features: The features to read and the kind the reference gives each (names
    ///     unique and not empty).
    ///   - trackRows: Features whose rows are recorded (``ColumnSample/rows``); names that are
    ///     not features, or not in the source, are ignored.
    /// - Returns: The window's columns in the order of `features`, the per-feature problems and
    ///   the counts.
    /// - Throws: ``SourceError`` (or the error of the underlying reader, such as `TableError`
    ///   for a CSV file) naming the source when it cannot be read.
    /// - Complexity: O(rows read · features); memory O(rows in the window · features).
    func read(
        window: TimeWindow?, features: [(name: String, kind: ColumnKind)], trackRows: Set<String>
    ) throws -> ProductionSample

    /// The time of the newest row before `end`, for the job's freshness check.
    ///
    /// The default implementation reads the windows `[end − k·step, end − (k−1)·step)` for
    /// k = 1, 2, … (timestamps only) until one has a row or `limit` seconds are searched; a
    /// source with a cheaper way (`SELECT max(ts)`) can implement it directly.
    ///
    /// - Parameters:
    ///   - end: The exclusive end (the window's end).
    ///   - step: The length of each window searched (the job's window).
    ///   - limit: How far back to search at most.
    /// - Returns: The newest row time (nil when none was found) and how far back was searched.
    /// - Throws: As ``read(window:features:trackRows:)``.
    /// - Complexity: At most ⌈limit / step⌉ window reads; the rows of the first non-empty one.
    func newestTimestamp(before end: Date, step: TimeInterval, limit: TimeInterval) throws -> (newest: Date?, searched: TimeInterval)
}

extension ProductionSource {
    /// ``read(window:features:trackRows:)`` without row tracking.
    ///
    /// ```swift
    /// let sample = try source.read(window: window, features: [(name: "age", kind: .numeric)])
    /// ```
    ///
    /// - Parameters:
    ///   - window: The window, or nil for every row (see ``read(window:features:trackRows:)``).
    ///   - features: The features to read and their kinds.
    /// - Returns: The window's columns, problems and counts.
    /// - Throws: As ``read(window:features:trackRows:)``.
    /// - Complexity: As ``read(window:features:trackRows:)``.
    public func read(window: TimeWindow?, features: [(name: String, kind: ColumnKind)]) throws -> ProductionSample {
        try read(window: window, features: features, trackRows: [])
    }
}

extension ProductionSource {
    /// Searches back one `step` at a time (see the requirement's documentation).
    ///
    /// ```swift
    /// let (newest, searched) = try source.newestTimestamp(before: windowEnd, step: 3_600, limit: 8 * 3_600)
    /// ```
    ///
    /// - Parameters:
    ///   - end: The exclusive end.
    ///   - step: The length of each window searched (positive).
    ///   - limit: How far back to search at most.
    /// - Returns: The newest row time (nil when none) and how far back was searched.
    /// - Throws: As ``read(window:features:trackRows:)``.
    /// - Complexity: At most ⌈limit / step⌉ window reads.
    public func newestTimestamp(before end: Date, step: TimeInterval, limit: TimeInterval) throws -> (newest: Date?, searched: TimeInterval) {
        guard step > 0 else { throw SourceError.invalidArgument(name: "step", reason: "\(step) s is not positive") }
        var searched: TimeInterval = 0
        while searched < limit {
            let length = min(step, limit - searched)
            let window = try TimeWindow(end: end.addingTimeInterval(-searched), duration: length)
            searched += length
            if let newest = try read(window: window, features: []).newestTimestamp { return (newest, searched) }
        }
        return (nil, searched)
    }
}
