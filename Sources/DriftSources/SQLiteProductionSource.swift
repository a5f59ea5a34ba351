import DriftTables

/// Production rows in a SQLite table, view or `SELECT`, selected by a timestamp column: the
/// first ``ProductionSource``.
///
/// ```swift
/// let source = SQLiteProductionSource(
///     path: "Fixtures/production/predictions.db", source: .table("predictions"), timestampColumn: "ts")
/// let window = try TimeWindow(end: try parseTimestamp("2019-04-30T11:00:00Z"), duration: try parseDuration("1h"))
/// let sample = try source.read(window: window, features: [(name: "age", kind: .numeric)])
/// sample.rowCount   // 400
/// ```
///
/// The timestamp column may hold ISO-8601 text (`2019-04-30 12:00:00.000`, `…T…Z`, offsets;
/// no zone means UTC) or Unix seconds, mixed freely; ``parseTimestamp(_:)`` decides every text
/// and a row is in the window when `start <= t < end`. The window is selected with plain range
/// predicates on the bare column, so an index on it is used, and rows whose timestamp cannot be
/// read among the candidates are counted in ``ProductionSample/invalidTimestamps``. The feature
/// columns are read in parallel shares, each on its own read-only connection; with tracked
/// rows the shares must agree on their query plan and row order, or the window is read again on
/// one connection.
public struct SQLiteProductionSource: ProductionSource, Hashable {
    /// The SQLite database file (opened read-only).
    public var path: String
    /// A table or view, or a `SELECT` (run as a subquery).
    public var source: SQLiteSource
    /// The column holding each row's time (case-sensitive).
    public var timestampColumn: String

    /// A source reading `source` of the database at `path`, by `timestampColumn`.
    ///
    /// ```swift
    /// let source = SQLiteProductionSource(path: "prod.db", source: .query("SELECT * FROM scored"), timestampColumn: "ts")
    /// ```
    ///
    /// - Parameters:
    ///   - path: The database file; nothing is opened until ``read(window:features:trackRows:)``.
    ///   - source: A table (or view), or a `SELECT`.
    ///   - timestampColumn: The timestamp column.
    /// - Complexity: O(1).
    public init(path: String, source: SQLiteSource, timestampColumn: String) {
        self.path = path
        self.source = source
        self.timestampColumn = timestampColumn
    }

    /// `sqlite:PATH table=T` or `sqlite:PATH query=SQL`.
    public var description: String { source.description(path: path) }

    /// Reads the rows of the table or query whose timestamp is in `window`.
    ///
    /// - Parameters:
    ///   - window: The window `[start, end)`; required (nil throws).
    ///   - features: The features to read and the kind the reference profile gives each.
    ///   - trackRows: Features whose rows are recorded (``ColumnSample/rows``). Costs 4 bytes per
    ///     window row of a categorical feature and 4 bytes per missing cell of a numeric one,
    ///     plus a hash per row while reading.
    /// - Returns: The window's columns, problems and counts.
    /// - Throws: ``SourceError/invalidSource(description:reason:)`` naming ``description`` for a
    ///   missing or unreadable file, a missing table, a failing query or a missing timestamp
    ///   column; ``SourceError/invalidArgument(name:reason:)`` for no window, or an empty or
    ///   repeated feature name.
    /// - Complexity: O(candidate rows · features) for the window (with an index on the
    ///   timestamp column: the rows within a minute of the window, plus the index entries of
    ///   about three days examined for texts with an offset); memory O(rows in the window ·
    ///   features).
    public func read(
        window: TimeWindow?, features: [(name: String, kind: ColumnKind)], trackRows: Set<String>
    ) throws -> ProductionSample {
        guard let window else {
            throw SourceError.invalidArgument(
                name: "window", reason: "\(description) is read one time window at a time; none was given")
        }
        return try ProductionReader.read(
            path: path, source: source, timestampColumn: timestampColumn, window: window, features: features,
            trackRows: trackRows)
    }
}
