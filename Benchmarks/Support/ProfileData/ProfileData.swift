// Deterministic input files of the profile and job benchmarks (ProfileBenchmarks,
// CheckJobBenchmarks): CSV files and SQLite databases written once into
// `benchmarkCacheDirectory()` and reused. Every file name carries `ProfileData.version`: bump
// it when the content changes, so stale caches are not reused. Nothing here is timed.
import BenchmarkData
import Foundation
import GRDB

public enum ProfileData {
    /// Format version of every file below (part of the file names).
    public static let version = 1

    /// The numeric feature names `f00`, `f01`, … (as in the compare CSVs).
    public static func featureNames(_ count: Int) -> [String] {
        (0..<count).map { String(format: "f%02d", $0) }
    }

    // MARK: CSV files for the profile builder

    /// `profile-v1-10x<rows>.csv`: `columns` columns × `rows` rows with the four shapes of the
    /// compare CSVs (normal, exponential, uniform, log-normal; 2–6 decimals), written when
    /// missing. 1 M rows are about 75 MB, 10 M rows about 0.75 GB; the writer streams (1 MiB
    /// buffer), so generating the large file needs disk, not memory.
    public static func ensureCSV(columns: Int = 10, rows: Int) throws -> String {
        let path = try cachePath("profile-v\(version)-\(columns)x\(rows).csv")
        if !FileManager.default.fileExists(atPath: path) {
            let started = Date()
            log("writing \(path) (\(columns) columns × \(rows) rows)…")
            try ComparisonCSV.write(path: path, columns: columns, rows: rows, shifted: false, seed: 0xB011_D000 &+ UInt64(rows))
            log("wrote \(path) in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
        }
        return path
    }

    // MARK: SQLite databases

    /// 2019-05-01 00:00:00 UTC, the first timestamp of every generated table.
    public static let epoch = Date(timeIntervalSince1970: 1_556_668_800)

    /// A table of `rows` rows: `ts` (ISO-8601 text with milliseconds, no zone, one row every
    /// `step` milliseconds from ``epoch``, indexed) and numeric columns `f00`… (REAL).
    public struct TimedTable: Sendable {
        public let fileName: String
        public let table: String
        public let columns: Int
        public let rows: Int
        /// Milliseconds between consecutive rows.
        public let stepMilliseconds: Int
        /// Rows in `[driftStart, driftEnd)` use the shifted shapes for the columns where
        /// `drifted(column)` holds (the compare CSVs' production shapes).
        public let driftedRows: Range<Int>
        public let drifted: @Sendable (Int) -> Bool
        public let seed: UInt64
    }

    /// 1 000 000 rows × 10 features, one row every 100 ms (about 27.8 hours): the SQLite
    /// profile-build input and the 10-feature window read (a 1-hour window holds 36 000 rows).
    public static let samples = TimedTable(
        fileName: "samples-v\(version)-10x1000000.db", table: "samples", columns: 10, rows: 1_000_000,
        stepMilliseconds: 100, driftedRows: 0..<0, drifted: { _ in false }, seed: 0x5A3E_0001)

    /// The production table of issue 3's and issue 4's targets: 300 000 rows × 50 features,
    /// one row every 36 ms, so each of the three hours holds exactly 100 000 rows. In the middle
    /// hour (the window the benchmarks read, ``productionWindowEnd``) the features f00, f10, f20,
    /// f30 and f40 are shifted (the job finds 5 drifted features out of 50).
    public static let production = TimedTable(
        fileName: "production-v\(version)-50x300000.db", table: "predictions", columns: 50, rows: 300_000,
        stepMilliseconds: 36, driftedRows: 100_000..<200_000, drifted: { $0 % 10 == 0 }, seed: 0x9A0D_0001)

    /// End (exclusive) of the 1-hour window read in ``production``: 2019-05-01 02:00:00 UTC.
    public static let productionWindowEnd = epoch.addingTimeInterval(2 * 3_600)
    /// End (exclusive) of the 1-hour window read in ``samples``: 2019-05-01 13:00:00 UTC.
    public static let samplesWindowEnd = epoch.addingTimeInterval(13 * 3_600)

    /// The reference data of the job benchmark: table `reference`, 100 000 rows × 50 features
    /// (no timestamp), the unshifted shapes with another seed than the production table.
    public static let reference = TimedTable(
        fileName: "reference-v\(version)-50x100000.db", table: "reference", columns: 50, rows: 100_000,
        stepMilliseconds: 0, driftedRows: 0..<0, drifted: { _ in false }, seed: 0x4EF0_0001)

    /// The path of `table`'s database, writing it first when it is not in the cache.
    public static func ensureDatabase(_ table: TimedTable) throws -> String {
        let path = try cachePath(table.fileName)
        if FileManager.default.fileExists(atPath: path) { return path }
        let started = Date()
        log("writing \(path) (\(table.columns) columns × \(table.rows) rows)…")
        let temporary = path + ".partial-\(ProcessInfo.processInfo.processIdentifier)"
        try? FileManager.default.removeItem(atPath: temporary)
        do {
            let queue = try DatabaseQueue(path: temporary)
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA journal_mode = OFF")
                try db.execute(sql: "PRAGMA synchronous = OFF")
            }
            let names = featureNames(table.columns)
            let timed = table.stepMilliseconds > 0
            let declared = (timed ? ["ts TEXT NOT NULL"] : []) + names.map { "\($0) REAL" }
            try queue.inDatabase { db in
                try db.execute(sql: "CREATE TABLE \(table.table) (\(declared.joined(separator: ", ")))")
                try db.inTransaction {
                    let placeholders = Array(repeating: "?", count: declared.count).joined(separator: ", ")
                    let insert = try db.makeStatement(sql: "INSERT INTO \(table.table) VALUES (\(placeholders))")
                    // One generator per column, so each column is an independent stream.
                    var generators = (0..<table.columns).map { SplitMix64(seed: table.seed &+ UInt64($0) &* 0x1_0000) }
                    var values: [DatabaseValue] = []
                    values.reserveCapacity(declared.count)
                    for row in 0..<table.rows {
                        values.removeAll(keepingCapacity: true)
                        if timed {
                            values.append(isoTimestamp(milliseconds: row * table.stepMilliseconds).databaseValue)
                        }
                        let shifted = table.driftedRows.contains(row)
                        for j in 0..<table.columns {
                            let value = ComparisonCSV.value(
                                column: j, shifted: shifted && table.drifted(j), generator: &generators[j])
                            values.append(value.databaseValue)
                        }
                        try insert.execute(arguments: StatementArguments(values))
                    }
                    return .commit
                }
                if timed {
                    try db.execute(sql: "CREATE INDEX \(table.table)_ts ON \(table.table)(ts)")
                }
                try db.execute(sql: "ANALYZE")
            }
            try queue.close()
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
        if FileManager.default.fileExists(atPath: path) {
            try FileManager.default.removeItem(atPath: temporary) // another run won the race
        } else {
            try FileManager.default.moveItem(atPath: temporary, toPath: path)
        }
        log("wrote \(path) in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
        return path
    }

    /// `2019-05-01 HH:MM:SS.mmm` (day advancing past midnight) for ``epoch`` + `milliseconds`.
    static func isoTimestamp(milliseconds: Int) -> String {
        let seconds = milliseconds / 1_000
        let day = 1 + seconds / 86_400
        let hour = (seconds / 3_600) % 24
        let minute = (seconds / 60) % 60
        return String(format: "2019-05-%02d %02d:%02d:%02d.%03d", day, hour, minute, seconds % 60, milliseconds % 1_000)
    }

    /// A histogram range per feature that holds nearly all of its values (from the shapes of
    /// `ComparisonCSV.value`): the reference range a job would take from the profile.
    public static func histogramRange(column j: Int) -> ClosedRange<Double> {
        switch j % 4 {
        case 0:
            let sd = 1.0 + Double(j)
            return (10.0 * Double(j) - 5 * sd)...(10.0 * Double(j) + 5 * sd)
        case 1:
            return 0...(12 * (2.0 + Double(j)))
        case 2:
            return 0...101
        default:
            return 0...150
        }
    }

    static func cachePath(_ name: String) throws -> String {
        let directory = benchmarkCacheDirectory()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent(name).path
    }

    /// Progress of the (one-off) generation, on stderr.
    static func log(_ message: String) {
        FileHandle.standardError.write(Data("[ProfileData] \(message)\n".utf8))
    }
}
