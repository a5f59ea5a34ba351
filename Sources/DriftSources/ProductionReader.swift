import Dispatch
import Foundation
import DriftStatistics
import DriftTables
import GRDB
import GRDBSQLite

/// Reads one time window of production data from a SQLite table or query: the engine behind
/// ``SQLiteProductionSource``.
///
/// ```swift
/// let window = try TimeWindow(end: try parseTimestamp("2019-04-30T11:00:00Z"), duration: 3_600)
/// let sample = try ProductionReader.read(
///     path: "Fixtures/production/predictions.db", source: .table("predictions"),
///     timestampColumn: "ts", window: window,
///     features: [(name: "age", kind: .numeric), (name: "contract", kind: .categorical)])
/// sample.rowCount   // 400
/// ```
///
/// **Timestamps.** The timestamp column may hold ISO-8601 text (`2019-04-30 12:00:00.000`,
/// `2019-04-30T12:00:00Z`, `…+02:00`; no zone means UTC), Unix seconds as INTEGER or REAL, or
/// Unix seconds as plain digit text, mixed freely; ``parseTimestamp(_:)`` decides every text.
/// A row is in the window when its instant `t` has `start <= t < end`.
///
/// **Filtering in SQL.** The query's `WHERE` is six ranges on the bare column, OR-ed
/// (`CandidateRanges`), that together contain every row of the window whatever its format:
/// numbers within a second of the window; ISO text without offset within a minute of it, one
/// range per separator (space, `T`, `t`); Unix-seconds text; and ISO text with a zone offset
/// (or a bare date) within a day of it, narrowed in SQL to texts with a sign where an offset
/// goes. Being plain comparisons with the column, SQLite answers them from an index on the
/// timestamp column when there is one (`MULTI-INDEX OR`, one `SEARCH … USING INDEX` per range,
/// checked by the tests); each candidate row is then decided exactly in Swift with the parser.
/// Measured on 1 000 000 rows (one every 10 s, indexed `ts` text, release build): a one-hour
/// window fetches 366 candidate rows for 360 in the window in about 13 ms, where
/// `WHERE julianday(ts) >= …` scans the table (about 0.4 s) because an index on `ts` cannot
/// serve an expression. SQLite's `julianday` would also accept texts such as `now`, `12:00` or
/// Julian day numbers, and days such as `2019-02-30`.
///
/// **Offsets.** Texts with a numeric UTC offset (`2019-04-30T12:30:00+02:00`) have local dates
/// up to a day away from the window, so finding them takes a three-day index range whose offset
/// test cannot use the index. That range is searched only when the source's oldest or newest
/// text timestamp has an offset (two index lookups): a table written with offsets is found,
/// and the common table without them does not pay for three days of index entries on every
/// read. A table whose oldest and newest timestamps have no offset but whose middle rows do
/// would miss those rows; write timestamps in one format (UTC, `Z`, or a fixed offset).
///
/// **Invalid timestamps.** A row whose timestamp is NULL, a BLOB, non-finite or text that is not
/// a timestamp belongs to no window. Such rows among the candidates of the window query (the
/// texts that sort inside the window's ranges) are counted in
/// ``ProductionSample/invalidTimestamps``, never silently skipped. Rows elsewhere in the table
/// are not examined: an earlier version counted them over the whole table on every read, which
/// made each hourly read grow with the table's history (0.47 s per million rows).
///
/// **Features.** Columns map to features by name, **case-sensitively** (`Age` is not `age`).
/// Each feature is read with the profile's kind through `ColumnSampleBuilder`: NULL is
/// missing, INTEGER and REAL are numbers (in a categorical feature an INTEGER counts as its
/// digits, as in the SQLite profile builder), TEXT is read like a CSV cell, a BLOB is the text
/// `<blob>`. A feature the source does not have, or a numeric feature with text values, gets
/// an entry in ``ProductionSample/problems``; the other features are read normally.
///
/// **Row tracking.** Features named in `trackRows` are read with row tracking
/// (``ColumnSample/rows``): their columns can be walked row by row together
/// (``LockstepRows``), the same window row across all of them, for multivariate tests.
/// The feature columns are read in parallel shares, each on its own connection and
/// snapshot; without `ORDER BY` (which would sort the window) the rows of a share come in the
/// order of its query plan, and a plan may differ between shares: an index covering the
/// timestamp and one share's columns (say on `(ts, age)`) orders rows of equal timestamps by
/// `age` in that share only. So when rows are tracked, each share also records its query plan
/// and an order-sensitive hash of its window timestamps, and if the shares differ in either
/// (or a writer committed in between) the window is read again on one connection, as it is
/// when their row counts differ. Tracking costs 4 bytes per window row of a categorical
/// feature and 4 bytes per missing cell of a numeric one.
///
/// **Memory.** The window's values are held (they are tested); nothing else grows with the
/// table.
enum ProductionReader {
    /// Reads the rows of `source` whose timestamp is in `window`.
    ///
    /// - Parameters:
    ///   - path: The SQLite database (opened read-only).
    ///   - source: A table or view, or a `SELECT` (run as a subquery).
    ///   - timestampColumn: The column holding each row's time (case-sensitive).
    ///   - window: The window `[start, end)`.
    ///   - features: The features to read and the kind the reference profile gives each.
    ///   - trackRows: Features whose rows are recorded (``ColumnSample/rows``), so that their
    ///     columns can be walked row by row together (``LockstepRows``); names that are not
    ///     features, or not in the source, are ignored. Costs 4 bytes per window row of a
    ///     categorical feature and 4 bytes per missing cell of a numeric one, plus a hash per
    ///     row while reading.
    /// - Returns: The window's columns, problems and counts.
    /// - Throws: ``SourceError/invalidSource(description:reason:)`` naming
    ///   `sqlite:PATH table=T` / `sqlite:PATH query=SQL` for a missing or unreadable file, a
    ///   missing table, a failing query or a missing timestamp column;
    ///   ``SourceError/invalidArgument(name:reason:)`` for an empty or repeated feature name.
    /// - Complexity: O(candidate rows · features) for the window (with an index on the
    ///   timestamp column: the rows within a minute of the window, plus the index entries of
    ///   about three days examined for texts with an offset); memory O(rows in the window ·
    ///   features). Only the timestamp and feature columns are read, straight from the statement.
    static func read(
        path: String, source: SQLiteSource, timestampColumn: String, window: TimeWindow,
        features: [(name: String, kind: ColumnKind)], trackRows: Set<String> = []
    ) throws -> ProductionSample {
        try read(
            path: path, source: source, timestampColumn: timestampColumn, window: window, features: features,
            trackRows: trackRows, shareCount: nil)
    }

    /// ``read(path:source:timestampColumn:window:features:trackRows:)`` with the number of
    /// parallel shares fixed (tests); `nil` chooses it from the features and the cores.
    static func read(
        path: String, source: SQLiteSource, timestampColumn: String, window: TimeWindow,
        features: [(name: String, kind: ColumnKind)], trackRows: Set<String>, shareCount: Int?
    ) throws -> ProductionSample {
        try ColumnProblem.checkNames(features)
        let description = source.description(path: path)
        // One connection finds the columns and the timestamp format ...
        let (names, offsets) = try SQLiteSource.withReadTransaction(path: path, description: description) { db in
            let names = try source.prepareSelectAll(db, description: description).columnNames
            guard names.contains(timestampColumn) else {
                throw SourceError.invalidSource(
                    description: description,
                    reason: "no timestamp column \"\(timestampColumn)\"\(ColumnProblem.caseHint(timestampColumn, names)) (columns: \(names.joined(separator: ", ")))")
            }
            do {
                return (names, try hasOffsetTimestamps(db, source: source, timestampColumn: timestampColumn))
            } catch let error as DatabaseError {
                throw SourceError.invalidSource(description: description, reason: error.message ?? "\(error)")
            }
        }
        var problems: [String: String] = [:]
        var present: [(name: String, kind: ColumnKind)] = []
        for feature in features {
            if names.contains(feature.name) {
                present.append(feature)
            } else {
                problems[feature.name] = ColumnProblem.missing(feature.name, in: source.displayName, columns: names)
            }
        }
        // ... then the columns are read in parallel, each share of them on its own connection:
        // SQLite decodes a row's columns one by one, so the read scales with the cores.
        let parts = shareCount.map { min($0, present.count) }
            ?? (present.count >= 8 ? min(ProcessInfo.processInfo.activeProcessorCount, 4, present.count / 4) : 1)
        let tracked = trackRows.intersection(present.map(\.name))
        let shares = (0..<max(parts, 1)).map { part in
            Array(present.enumerated().filter { $0.offset % max(parts, 1) == part }.map(\.element))
        }
        let scans = concurrentScans(shares) { share in
            try SQLiteSource.withReadTransaction(path: path, description: description) { db in
                try scan(db, source: source, timestampColumn: timestampColumn, window: window, offsets: offsets,
                         features: share, trackRows: tracked, description: description)
            }
        }
        var scanned: [Scan] = []
        for result in scans { scanned.append(try result.get()) }
        // The shares read separate snapshots; a writer committing in between could change the
        // window. Then read again on one connection, so every feature sees the same rows. With
        // tracked rows the shares must also agree on the order: the same plan and timestamps.
        let disagree = Set(scanned.map(\.rowCount)).count > 1
            || (!tracked.isEmpty && (Set(scanned.map(\.plan)).count > 1 || Set(scanned.map(\.order)).count > 1))
        if disagree {
            scanned = [try SQLiteSource.withReadTransaction(path: path, description: description) { db in
                try scan(db, source: source, timestampColumn: timestampColumn, window: window, offsets: offsets,
                         features: present, trackRows: tracked, description: description)
            }]
        }
        var byName: [String: ColumnSampleBuilder] = [:]
        for share in scanned { for builder in share.builders { byName[builder.name] = builder } }
        var columns: [ColumnSample] = []
        for feature in present {
            guard let builder = byName[feature.name] else { continue }
            let column = builder.build()
            columns.append(column)
            if let problem = ColumnProblem.text(in: column) { problems[column.name] = problem }
        }
        return ProductionSample(
            window: window, rowCount: scanned.first?.rowCount ?? 0, columns: columns, problems: problems,
            invalidTimestamps: scanned.first?.invalid ?? 0,
            newestTimestamp: scanned.first?.newest.map { Date(timeIntervalSince1970: $0) })
    }

    /// What one connection read: the window's row count, the unreadable candidate timestamps,
    /// and one filled builder per feature of its share; with tracked rows also the query plan
    /// and a hash of the window's timestamps in reading order (empty and 0 otherwise).
    struct Scan: Sendable {
        var rowCount = 0
        var invalid = 0
        /// The latest timestamp in the window (Unix seconds), nil when it is empty.
        var newest: Double?
        var builders: [ColumnSampleBuilder] = []
        var plan: [String] = []
        var order: UInt64 = 0
    }

    /// Reads the window's rows for `features` on `db`: only the timestamp and those columns,
    /// straight from the statement (no Row or DatabaseValue per cell, no String for numeric or
    /// timestamp cells).
    static func scan(
        _ db: Database, source: SQLiteSource, timestampColumn: String, window: TimeWindow, offsets: Bool,
        features: [(name: String, kind: ColumnKind)], trackRows: Set<String> = [], description: String
    ) throws -> Scan {
        var result = Scan()
        result.builders = features.map {
            ColumnSampleBuilder(name: $0.name, expectedKind: $0.kind, tracksRows: trackRows.contains($0.name))
        }
        let kinds = features.map(\.kind)
        let tracking = !trackRows.isEmpty
        var order = FNV1a64()
        do {
            let sql = windowSQL(source: source, timestampColumn: timestampColumn, columns: features.map(\.name), offsets: offsets)
            let arguments = CandidateRanges(window: window).arguments(offsets: offsets)
            if tracking {
                result.plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments)
                    .map { $0["detail"] as String? ?? "" }
            }
            let statement = try db.makeStatement(sql: sql)
            statement.arguments = arguments
            let sqlite = statement.sqliteStatement
            let cursor = try Row.fetchCursor(statement)
            while try cursor.next() != nil {
                guard let seconds = unixSeconds(sqlite, column: 0) else {
                    result.invalid += 1
                    continue
                }
                guard window.contains(Date(timeIntervalSince1970: seconds)) else { continue }
                result.rowCount += 1
                if seconds > result.newest ?? -.infinity { result.newest = seconds }
                if tracking { order.add(littleEndian: seconds.bitPattern) }
                for slot in result.builders.indices {
                    add(sqlite, column: Int32(slot + 1), to: &result.builders[slot], kind: kinds[slot])
                }
            }
        } catch let error as DatabaseError {
            throw SourceError.invalidSource(description: description, reason: error.message ?? "\(error)")
        }
        if tracking { result.order = order.value }
        return result
    }

    /// Runs `body` on every share at once, one thread per share, keeping the order.
    private static func concurrentScans(
        _ shares: [[(name: String, kind: ColumnKind)]],
        _ body: @Sendable ([(name: String, kind: ColumnKind)]) throws -> Scan
    ) -> [Result<Scan, any Error>] {
        concurrentMap(shares) { share in Result { try body(share) } }
    }

    static func windowSQL(source: SQLiteSource, timestampColumn: String, columns: [String], offsets: Bool = true) -> String {
        let timestamp = SQLiteSource.quoteIdentifier(timestampColumn)
        let selected = ([timestampColumn] + columns).map(SQLiteSource.quoteIdentifier).joined(separator: ", ")
        return "SELECT \(selected) FROM \(source.fromClause)\nWHERE \(CandidateRanges.whereClause(timestamp: timestamp, offsets: offsets))"
    }

    /// Whether the source's oldest or newest timestamp is a text with a numeric UTC offset
    /// (two index lookups when the timestamp column is indexed). Only then does the window
    /// query search the three-day range such texts need.
    static func hasOffsetTimestamps(_ db: Database, source: SQLiteSource, timestampColumn: String) throws -> Bool {
        let timestamp = SQLiteSource.quoteIdentifier(timestampColumn)
        // Texts starting with a digit ('0' <= ts < ':'), so stray values such as '' or 'n/a' are not the probe.
        let ends = ["ASC", "DESC"].map { order in
            """
            SELECT * FROM (SELECT \(timestamp) AS ts FROM \(source.fromClause)
                           WHERE \(timestamp) >= '0' AND \(timestamp) < ':' AND typeof(\(timestamp)) = 'text'
                           ORDER BY \(timestamp) \(order) LIMIT 1)
            """
        }
        let sql = "SELECT count(*) FROM (\(ends[0]) UNION ALL \(ends[1])) WHERE \(CandidateRanges.hasOffset("ts"))"
        return try (Int.fetchOne(db, sql: sql) ?? 0) > 0
    }

    /// The Unix time of column `column` of the current row, or nil when it cannot be read.
    static func unixSeconds(_ statement: SQLiteStatement, column: Int32) -> Double? {
        switch sqlite3_column_type(statement, column) {
        case SQLITE_INTEGER:
            return TimestampParser.unixSeconds(number: Double(sqlite3_column_int64(statement, column)))
        case SQLITE_FLOAT:
            return TimestampParser.unixSeconds(number: sqlite3_column_double(statement, column))
        case SQLITE_TEXT:
            guard let text = sqlite3_column_text(statement, column) else { return nil }
            let bytes = UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(statement, column)))
            if case .success(let seconds) = TimestampParser.unixSeconds(bytes) { return seconds }
            return nil
        default:
            return nil
        }
    }

    /// Feeds column `column` of the current row to `builder`: NULL is missing, INTEGER and REAL
    /// are numbers (an INTEGER in a categorical feature counts as its digits), TEXT is parsed
    /// like a CSV cell, a BLOB is the text ``SQLiteSource/blobText``.
    private static func add(
        _ statement: SQLiteStatement, column: Int32, to builder: inout ColumnSampleBuilder, kind: ColumnKind
    ) {
        switch sqlite3_column_type(statement, column) {
        case SQLITE_NULL:
            builder.addMissing()
        case SQLITE_INTEGER:
            let integer = sqlite3_column_int64(statement, column)
            if kind == .categorical {
                builder.addText(String(integer))
            } else {
                builder.addNumber(Double(integer))
            }
        case SQLITE_FLOAT:
            builder.addNumber(sqlite3_column_double(statement, column))
        case SQLITE_TEXT:
            guard let text = sqlite3_column_text(statement, column) else {
                builder.addMissing()
                return
            }
            builder.addCell(UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(statement, column))))
        default:
            builder.addText(SQLiteSource.blobText)
        }
    }
}
