import Foundation
import DriftTables

/// The production rows of one time window, read per feature, with what could not be tested.
///
/// ```swift
/// let source = SQLiteProductionSource(path: "predictions.db", source: .table("predictions"), timestampColumn: "ts")
/// let sample = try source.read(window: window, features: profile.features.map { ($0.name, $0.kind) })
/// if sample.rowCount == 0 { print("no production rows in \(window)") }
/// for (feature, problem) in sample.problems { print(feature, problem) }
/// ```
public struct ProductionSample: Sendable {
    /// The window that was read, `[start, end)`; nil when the whole source was read (a CSV
    /// file, see ``ProductionSource/read(window:features:trackRows:)``).
    public let window: TimeWindow?
    /// The rows whose timestamp falls in the window (0 for an empty window: the caller
    /// reports it).
    public let rowCount: Int
    /// One column per requested feature that the source has, in the order of the request,
    /// read with the profile's kind (a feature with a problem keeps its column, so the caller
    /// can show what was read).
    public let columns: [ColumnSample]
    /// Per feature, why it cannot be tested: not in the source, or text in a numeric column.
    public let problems: [String: String]
    /// Candidate rows whose timestamp cannot be read (NULL, a BLOB, unparseable text, a
    /// non-finite number): they belong to no window, so they are counted rather than silently
    /// dropped (0 for a source without timestamps).
    public let invalidTimestamps: Int
    /// The latest timestamp among the window's rows (nil for an empty window, or a source
    /// without timestamps): the job's freshness check reads it instead of asking again.
    public let newestTimestamp: Date?

    /// Creates a sample from its parts.
    ///
    /// - Parameters:
    ///   - window: The window read, or nil for the whole source.
    ///   - rowCount: Rows in the window.
    ///   - columns: The features' columns.
    ///   - problems: Per-feature problems.
    ///   - invalidTimestamps: Rows with an unreadable timestamp.
    ///   - newestTimestamp: The latest timestamp in the window, if the source knows it.
    public init(
        window: TimeWindow?, rowCount: Int, columns: [ColumnSample], problems: [String: String],
        invalidTimestamps: Int, newestTimestamp: Date? = nil
    ) {
        self.newestTimestamp = newestTimestamp
        self.window = window
        self.rowCount = rowCount
        self.columns = columns
        self.problems = problems
        self.invalidTimestamps = invalidTimestamps
    }

    /// The column of feature `name`, if the source has it.
    ///
    /// - Parameter name: The feature name (case-sensitive).
    /// - Returns: The column, or `nil`.
    /// - Complexity: O(features).
    public func column(named name: String) -> ColumnSample? {
        columns.first { $0.name == name }
    }
}
