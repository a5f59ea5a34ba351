import Foundation
import DriftTables
import GRDB

/// Reads one time window of production data from a SQLite table or query.
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
/// **Invalid timestamps.** A row whose timestamp is NULL, a BLOB, non-finite or text that is not
/// a timestamp belongs to no window; such rows are counted over the whole source
/// (``ProductionSample/invalidTimestamps``) by one extra `count(*)` query that checks every
/// timestamp with the same parser, registered as a SQL function. That is a full scan of the
/// column (of the index when there is one), so its time grows with the table while memory does
/// not: about 0.47 s per million rows in a release build (measured on the table above; a
/// `julianday(ts) IS NULL` scan takes about 0.3 s but is not the same test), so on that table
/// the whole read takes about 0.5 s.
///
/// **Features.** Columns map to features by name, **case-sensitively** (`Age` is not `age`).
/// Each feature is read with the profile's kind through `ColumnSampleBuilder`: NULL is
/// missing, INTEGER and REAL are numbers (in a categorical feature an INTEGER counts as its
/// digits, as in ``ProfileBuilder``), TEXT is read like a CSV cell, a BLOB is the text
/// `<blob>`. A feature the source does not have, or a numeric feature with text values, gets
/// an entry in ``ProductionSample/problems``; the other features are read normally.
///
/// **Memory.** The window's values are held (they are tested); nothing else grows with the
/// table.
public enum ProductionReader {
    /// The SQL function that classifies a timestamp: 1 when ``TimestampParser`` reads it.
    static let timestampCheck = DatabaseFunction("driftwatch_is_timestamp", argumentCount: 1, pure: true) { values in
        ProductionReader.unixSeconds(values[0]) != nil
    }

    /// Reads the rows of `source` whose timestamp is in `window`.
    ///
    /// - Parameters:
    ///   - path: The SQLite database (opened read-only).
    ///   - source: A table or view, or a `SELECT` (run as a subquery).
    ///   - timestampColumn: The column holding each row's time (case-sensitive).
    ///   - window: The window `[start, end)`.
    ///   - features: The features to read and the kind the reference profile gives each.
    /// - Returns: The window's columns, problems and counts.
    /// - Throws: ``ProfileError/invalidSource(description:reason:)`` naming
    ///   `sqlite:PATH table=T` / `sqlite:PATH query=SQL` for a missing or unreadable file, a
    ///   missing table, a failing query or a missing timestamp column;
    ///   ``ProfileError/invalidArgument(name:reason:)`` for an empty or repeated feature name.
    /// - Complexity: O(candidate rows · features) for the window (with an index on the
    ///   timestamp column: the rows within a minute of the window, plus the index entries of
    ///   about three days examined for texts with an offset) plus O(rows) for the
    ///   invalid-timestamp count; memory O(rows in the window · features).
    public static func read(
        path: String, source: SQLiteSource, timestampColumn: String, window: TimeWindow,
        features: [(name: String, kind: ColumnKind)]
    ) throws -> ProductionSample {
        var seen: Set<String> = []
        for feature in features {
            guard !feature.name.isEmpty else {
                throw ProfileError.invalidArgument(name: "features", reason: "a feature name is empty")
            }
            guard seen.insert(feature.name).inserted else {
                throw ProfileError.invalidArgument(name: "features", reason: "\"\(feature.name)\" is listed twice")
            }
        }
        let description = source.description(path: path)
        return try SQLiteSource.withReadTransaction(path: path, description: description) { db in
            let names = try source.prepareSelectAll(db, description: description).columnNames
            guard let timestampIndex = names.firstIndex(of: timestampColumn) else {
                throw ProfileError.invalidSource(
                    description: description,
                    reason: "no timestamp column \"\(timestampColumn)\"\(caseHint(timestampColumn, names)) (columns: \(names.joined(separator: ", ")))")
            }

            var problems: [String: String] = [:]
            var readers: [(column: Int, builder: ColumnSampleBuilder, kind: ColumnKind)] = []
            for feature in features {
                if let column = names.firstIndex(of: feature.name) {
                    readers.append((column, ColumnSampleBuilder(name: feature.name, expectedKind: feature.kind), feature.kind))
                } else {
                    problems[feature.name] =
                        "column \"\(feature.name)\" is not in \(source.displayName) (renamed?)\(caseHint(feature.name, names))"
                }
            }

            var rowCount = 0
            do {
                let rows = try Row.fetchCursor(
                    db, sql: windowSQL(source: source, timestampColumn: timestampColumn),
                    arguments: CandidateRanges(window: window).arguments)
                while let row = try rows.next() {
                    guard let seconds = unixSeconds(row[timestampIndex]),
                          window.contains(Date(timeIntervalSince1970: seconds))
                    else { continue }
                    rowCount += 1
                    for slot in readers.indices {
                        add(row[readers[slot].column], to: &readers[slot].builder, kind: readers[slot].kind)
                    }
                }
                db.add(function: timestampCheck)
                let invalid = try Int.fetchOne(
                    db, sql: invalidTimestampSQL(source: source, timestampColumn: timestampColumn)) ?? 0
                var columns: [ColumnSample] = []
                for reader in readers {
                    let builder = reader.builder
                    columns.append(builder.build())
                    if builder.textCount > 0 {
                        var message = "\(builder.textCount) text value\(builder.textCount == 1 ? "" : "s") in a numeric column"
                        if let first = builder.firstText {
                            message += ", first '\(first.text)' at window row \(first.row)"
                        }
                        problems[builder.name] = message
                    }
                }
                return ProductionSample(
                    window: window, rowCount: rowCount, columns: columns, problems: problems,
                    invalidTimestamps: invalid)
            } catch let error as DatabaseError {
                throw ProfileError.invalidSource(description: description, reason: error.message ?? "\(error)")
            }
        }
    }

    /// The candidate query: every column of the source, for the rows in one of the
    /// ``CandidateRanges`` (bound in the order of ``CandidateRanges/arguments``).
    static func windowSQL(source: SQLiteSource, timestampColumn: String) -> String {
        let timestamp = SQLiteSource.quoteIdentifier(timestampColumn)
        return "SELECT * FROM \(source.fromClause)\nWHERE \(CandidateRanges.whereClause(timestamp: timestamp))"
    }

    /// Counts the rows whose timestamp ``unixSeconds(_:)`` cannot read (needs ``timestampCheck``).
    static func invalidTimestampSQL(source: SQLiteSource, timestampColumn: String) -> String {
        let timestamp = SQLiteSource.quoteIdentifier(timestampColumn)
        return "SELECT count(*) FROM \(source.fromClause) WHERE NOT driftwatch_is_timestamp(\(timestamp))"
    }

    /// The instant of a stored timestamp in Unix seconds, or `nil` when it cannot be read.
    static func unixSeconds(_ value: DatabaseValue) -> Double? {
        switch value.storage {
        case .int64(let integer):
            return TimestampParser.unixSeconds(number: Double(integer))
        case .double(let double):
            return TimestampParser.unixSeconds(number: double)
        case .string(var text):
            return text.withUTF8 { bytes in
                if case .success(let seconds) = TimestampParser.unixSeconds(bytes) { return seconds }
                return nil
            }
        case .null, .blob:
            return nil
        }
    }

    /// Feeds one value to a feature's builder (see the type's documentation for the mapping).
    private static func add(_ value: DatabaseValue, to builder: inout ColumnSampleBuilder, kind: ColumnKind) {
        switch value.storage {
        case .null:
            builder.addMissing()
        case .int64(let integer):
            if kind == .categorical {
                builder.addText(String(integer))
            } else {
                builder.addNumber(Double(integer))
            }
        case .double(let double):
            builder.addNumber(double)
        case .string(let text):
            builder.addText(text)
        case .blob:
            builder.addText(FeatureProfileBuilder.blobText)
        }
    }

    /// `; names are case-sensitive and there is "Age"` when a column differs only in case.
    private static func caseHint(_ name: String, _ names: [String]) -> String {
        guard let other = names.first(where: { $0.lowercased() == name.lowercased() }) else { return "" }
        return "; names are case-sensitive and there is \"\(other)\""
    }
}
