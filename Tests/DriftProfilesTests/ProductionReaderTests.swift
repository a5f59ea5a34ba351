import DriftTables
import Foundation
import GRDB
import Testing
@testable import DriftProfiles

@Suite struct ProductionReaderTests {
    private typealias Support = BuilderTestSupport

    private static let churnFeatures: [(name: String, kind: ColumnKind)] = [
        ("tenure_months", .numeric), ("monthly_charges", .numeric), ("total_charges", .numeric), ("age", .numeric),
        ("support_calls", .numeric), ("contract", .categorical), ("payment_method", .categorical),
        ("internet_service", .categorical), ("data_usage_gb", .numeric), ("satisfaction", .numeric),
    ]

    private func hour(_ start: String) throws -> TimeWindow {
        try TimeWindow(end: try parseTimestamp(start).addingTimeInterval(3_600), duration: 3_600)
    }

    // MARK: Errors

    @Test func sourceErrorsNameTheSource() throws {
        let window = try hour("2019-04-30T10:00:00Z")
        let missing = try Support.directory().appendingPathComponent("none.db").path
        #expect(throws: ProfileError.invalidSource(description: "sqlite:\(missing) table=predictions", reason: "no such file")) {
            try ProductionReader.read(path: missing, source: .table("predictions"), timestampColumn: "ts", window: window, features: [])
        }
        let csv = try Support.file("ts,x\n")
        #expect(throws: ProfileError.invalidSource(description: "sqlite:\(csv) table=predictions", reason: "file is not a database")) {
            try ProductionReader.read(path: csv, source: .table("predictions"), timestampColumn: "ts", window: window, features: [])
        }
        let db = Support.predictions
        #expect(throws: ProfileError.invalidSource(description: "sqlite:\(db) table=scores", reason: "no such table: scores")) {
            try ProductionReader.read(path: db, source: .table("scores"), timestampColumn: "ts", window: window, features: [])
        }
        do {
            _ = try ProductionReader.read(
                path: db, source: .query("SELECT * FROM predictions WHERE nope > 1"), timestampColumn: "ts",
                window: window, features: [])
            Issue.record("a failing query was accepted")
        } catch let error as ProfileError {
            #expect(error == .invalidSource(
                description: "sqlite:\(db) query=SELECT * FROM predictions WHERE nope > 1", reason: "no such column: nope"))
        }
        do {
            _ = try ProductionReader.read(
                path: db, source: .table("predictions"), timestampColumn: "TS", window: window, features: [])
            Issue.record("a missing timestamp column was accepted")
        } catch let ProfileError.invalidSource(description, reason) {
            #expect(description == "sqlite:\(db) table=predictions")
            #expect(reason.hasPrefix("no timestamp column \"TS\"; names are case-sensitive and there is \"ts\" (columns: id, ts, "))
        }
        #expect(throws: ProfileError.invalidArgument(name: "features", reason: "\"age\" is listed twice")) {
            try ProductionReader.read(
                path: db, source: .table("predictions"), timestampColumn: "ts", window: window,
                features: [("age", .numeric), ("age", .numeric)])
        }
    }

    @Test func emptyWindowHasNoRowsButEveryColumn() throws {
        let sample = try ProductionReader.read(
            path: Support.predictions, source: .table("predictions"), timestampColumn: "ts",
            window: try hour("2019-04-30T05:00:00Z"), features: Self.churnFeatures)
        #expect(sample.rowCount == 0)
        #expect(sample.columns.count == 10)
        #expect(sample.columns.allSatisfy { $0.rowCount == 0 && $0.testedCount == 0 })
        #expect(sample.problems.isEmpty)
        #expect(sample.invalidTimestamps == 0)
    }

    // MARK: The fixture

    @Test func everyHourOfTheFixtureHas400Rows() throws {
        for hourText in ["06", "07", "08", "09", "10", "11"] {
            let window = try hour("2019-04-30T\(hourText):00:00Z")
            let sample = try ProductionReader.read(
                path: Support.predictions, source: .table("predictions"), timestampColumn: "ts",
                window: window, features: Self.churnFeatures)
            #expect(sample.rowCount == 400, "hour \(hourText)")
            #expect(sample.window == window)
            #expect(sample.problems.isEmpty)
            #expect(sample.invalidTimestamps == 0)
            #expect(sample.columns.map(\.name) == Self.churnFeatures.map(\.name))
            for (column, feature) in zip(sample.columns, Self.churnFeatures) {
                #expect(column.kind == feature.kind)
                #expect(column.rowCount == 400)
                #expect(column.testedCount + column.missing.total == 400)
            }
        }
        let all = try ProductionReader.read(
            path: Support.predictions, source: .table("predictions"), timestampColumn: "ts",
            window: try TimeWindow(end: try parseTimestamp("2019-04-30T12:00:00Z"), duration: try parseDuration("6h")),
            features: [("data_usage_gb", .numeric)])
        #expect(all.rowCount == 2_400)
        #expect(all.columns[0].missing.empty == 563)   // the fixture's NULLs
    }

    @Test func drifted10To11HourMatchesADirectQuery() throws {
        let sample = try ProductionReader.read(
            path: Support.predictions, source: .table("predictions"), timestampColumn: "ts",
            window: try hour("2019-04-30T10:00:00Z"), features: Self.churnFeatures)
        let queue = try DatabaseQueue(path: Support.predictions)
        let ages = try queue.read { db in
            try Double?.fetchAll(db, sql: "SELECT age FROM predictions WHERE ts >= '2019-04-30 10:00' AND ts < '2019-04-30 11:00'")
        }
        #expect(ages.count == 400)
        let age = try #require(sample.column(named: "age"))
        #expect(age.values == ages.compactMap { $0 }.filter(\.isFinite))
        #expect(age.missing.total == ages.filter { $0 == nil }.count)
        let contract = try #require(sample.column(named: "contract"))
        #expect(contract.categories.values.reduce(0, +) + contract.missing.total == 400)
    }

    @Test func windowQueryUsesTheTimestampIndex() throws {
        let queue = try DatabaseQueue(path: Support.predictions)
        let window = try hour("2019-04-30T10:00:00Z")
        let plan = try queue.read { db in
            try Row.fetchAll(
                db, sql: "EXPLAIN QUERY PLAN " + ProductionReader.windowSQL(source: .table("predictions"), timestampColumn: "ts", columns: ["age", "contract"]),
                arguments: CandidateRanges(window: window).arguments()
            ).map { $0["detail"] as String }
        }
        let searches = plan.filter { $0.contains("SEARCH predictions USING INDEX predictions_ts") }
        #expect(searches.count == 6, "\(plan)")
        #expect(plan.contains("MULTI-INDEX OR"), "\(plan)")
        #expect(!plan.contains { $0.hasPrefix("SCAN") }, "\(plan)")
    }

    @Test func theThreeDayOffsetRangeIsSearchedOnlyForSourcesWithOffsets() throws {
        let plainSource = try DatabaseQueue(path: Support.predictions)
        #expect(try plainSource.read { try ProductionReader.hasOffsetTimestamps($0, source: .table("predictions"), timestampColumn: "ts") } == false)
        let plan = try plainSource.read { db in
            try Row.fetchAll(
                db, sql: "EXPLAIN QUERY PLAN " + ProductionReader.windowSQL(
                    source: .table("predictions"), timestampColumn: "ts", columns: ["age"], offsets: false),
                arguments: CandidateRanges(window: try hour("2019-04-30T10:00:00Z")).arguments(offsets: false)
            ).map { $0["detail"] as String }
        }
        #expect(plan.filter { $0.contains("USING INDEX predictions_ts") }.count == 5, "\(plan)")
        let withOffsets = try Support.database { db in
            try db.execute(sql: "CREATE TABLE events (ts TEXT, x REAL); CREATE INDEX events_ts ON events (ts)")
            try db.execute(sql: "INSERT INTO events VALUES ('2019-04-30T12:30:00+02:00', 1), ('2019-04-30T09:00:00+02:00', 2), ('n/a', 3)")
        }
        let queue = try DatabaseQueue(path: withOffsets)
        #expect(try queue.read { try ProductionReader.hasOffsetTimestamps($0, source: .table("events"), timestampColumn: "ts") } == true)
        let sample = try ProductionReader.read(
            path: withOffsets, source: .table("events"), timestampColumn: "ts", window: try hour("2019-04-30T10:00:00Z"),
            features: [("x", .numeric)])
        #expect(sample.column(named: "x")?.values == [1])
    }

    @Test func querySourceIsFilteredToo() throws {
        let sample = try ProductionReader.read(
            path: Support.predictions,
            source: .query("SELECT ts, contract, age FROM predictions WHERE contract = 'two-year' -- comment"),
            timestampColumn: "ts", window: try hour("2019-04-30T10:00:00Z"),
            features: [("contract", .categorical), ("age", .numeric), ("tenure_months", .numeric)])
        #expect(sample.rowCount > 0 && sample.rowCount < 400)
        #expect(sample.column(named: "contract")?.categories == ["two-year": sample.rowCount])
        #expect(sample.problems == ["tenure_months": "column \"tenure_months\" is not in the query result (renamed?)"])
    }

    // MARK: Timestamp formats and boundaries

    /// Rows of (id, ts) around the window [2019-04-30 10:00, 11:00) UTC, and whether each is in.
    private static let stamps: [(ts: String, inWindow: Bool)] = [
        ("'2019-04-30 10:00:00.000'", true),        // exactly start
        ("'2019-04-30 11:00:00.000'", false),       // exactly end
        ("'2019-04-30 09:59:59.999'", false),
        ("'2019-04-30 10:59:59.999'", true),
        ("'2019-04-30T10:30:00Z'", true),
        ("'2019-04-30T11:00:00Z'", false),
        ("'2019-04-30T12:30:00+02:00'", true),      // 10:30Z
        ("'2019-04-30T10:30:00+02:00'", false),     // 08:30Z
        ("'2019-05-01T00:30:00+14:00'", true),      // 10:30Z, local date the next day
        ("'2019-04-29T23:30:00-11:00'", true),      // 10:30Z, local date the day before
        ("'2019-04-30 10:15'", true),
        ("1556618400", true),                       // INTEGER, exactly start
        ("1556622000", false),                      // INTEGER, exactly end
        ("1556621999.5", true),                     // REAL
        ("1556618399.999", false),
        ("'1556620200'", true),                     // Unix seconds as text
        ("'1556622000'", false),
        ("'2019-04-29 10:30:00'", false),           // valid, a day early
    ]

    /// Unreadable timestamps that sort inside the window's candidate ranges: counted.
    private static let invalidStamps = [
        "'2019-04-30 10:61:00'", "'2019-04-30 10:30:00xyz'", "'2019-04-30T10:30:00+25:00'",
    ]

    /// Unreadable timestamps outside every candidate range: in no window, and not examined
    /// (counting them would mean scanning the whole table on every hourly read).
    private static let unreadableElsewhere = [
        "NULL", "'garbage'", "'2019-02-30 10:00:00'", "x'00'", "' 2019-04-30 10:30:00'", "''", "'now'", "1e999",
    ]

    @Test(arguments: ["", "TEXT", "TIMESTAMP", "REAL"])
    func boundariesAndFormatsForEveryColumnAffinity(declaredType: String) throws {
        let db = try Support.database { db in
            try db.execute(sql: "CREATE TABLE events (id INTEGER PRIMARY KEY, ts \(declaredType), x REAL)")
            try db.execute(sql: "CREATE INDEX events_ts ON events (ts)")
            for (offset, stamp) in (Self.stamps.map(\.ts) + Self.invalidStamps + Self.unreadableElsewhere).enumerated() {
                try db.execute(sql: "INSERT INTO events (id, ts, x) VALUES (\(offset), \(stamp), \(offset))")
            }
        }
        let sample = try ProductionReader.read(
            path: db, source: .table("events"), timestampColumn: "ts", window: try hour("2019-04-30T10:00:00Z"),
            features: [("x", .numeric)])
        let expected = Self.stamps.enumerated().filter(\.element.inWindow).map { Double($0.offset) }
        #expect(sample.column(named: "x")?.values.sorted() == expected, "type \(declaredType)")
        #expect(sample.rowCount == expected.count)
        // With REAL affinity these texts stay text: all still invalid, and only the candidates are counted.
        #expect(sample.invalidTimestamps == Self.invalidStamps.count, "type \(declaredType)")
    }

    @Test func bareDatesAndOffsetsAcrossMidnight() throws {
        let db = try Support.database { db in
            try db.execute(sql: """
                CREATE TABLE events (ts TEXT, x REAL);
                CREATE INDEX events_ts ON events (ts);
                INSERT INTO events VALUES ('2019-05-01', 1);                  -- midnight: in
                INSERT INTO events VALUES ('2019-04-30', 2);                  -- a day early: out
                INSERT INTO events VALUES ('2019-05-01T02:15:00+02:00', 3);   -- 00:15Z: in
                INSERT INTO events VALUES ('2019-04-30T19:45:00-0400', 4);    -- 23:45Z: in
                INSERT INTO events VALUES ('2019-05-01T01:00:00+01', 5);      -- 00:00Z: in
                INSERT INTO events VALUES ('2019-05-01T00:30:00+00:00', 6);   -- 00:30Z: end, out
                INSERT INTO events VALUES ('2019-04-30 23:29:59.999Z', 7);    -- before start: out
                INSERT INTO events VALUES ('2019-04-30t23:30:00z', 8);        -- start: in
                """)
        }
        let window = try TimeWindow(start: try parseTimestamp("2019-04-30T23:30:00Z"), end: try parseTimestamp("2019-05-01T00:30:00Z"))
        let sample = try ProductionReader.read(
            path: db, source: .table("events"), timestampColumn: "ts", window: window, features: [("x", .numeric)])
        #expect(sample.column(named: "x")?.values.sorted() == [1, 3, 4, 5, 8])
        #expect(sample.invalidTimestamps == 0)
    }

    // MARK: Features

    @Test func missingColumnsAndTextInNumericColumnsAreProblemsNotErrors() throws {
        let db = try Support.database { db in
            try db.execute(sql: """
                CREATE TABLE predictions (ts TEXT, Age REAL, income, plan, code INTEGER);
                INSERT INTO predictions VALUES ('2019-04-30 10:01:00', 30, 1000, 'basic', 3);
                INSERT INTO predictions VALUES ('2019-04-30 10:02:00', 31, '2000.5', 'pro', 3);
                INSERT INTO predictions VALUES ('2019-04-30 10:03:00', 32, 'abc', 'basic', 10);
                INSERT INTO predictions VALUES ('2019-04-30 10:04:00', NULL, NULL, NULL, NULL);
                INSERT INTO predictions VALUES ('2019-04-30 10:05:00', 34, 'n/a', x'01', 3);
                INSERT INTO predictions VALUES ('2019-04-30 12:00:00', 35, 'late', 'basic', 3);
                """)
        }
        let sample = try ProductionReader.read(
            path: db, source: .table("predictions"), timestampColumn: "ts", window: try hour("2019-04-30T10:00:00Z"),
            features: [("age", .numeric), ("income", .numeric), ("plan", .categorical), ("code", .categorical), ("gone", .numeric)])
        #expect(sample.rowCount == 5)
        #expect(sample.problems == [
            "age": "column \"age\" is not in predictions (renamed?); names are case-sensitive and there is \"Age\"",
            "gone": "column \"gone\" is not in predictions (renamed?)",
            "income": "2 text values in a numeric column, first 'abc' at window row 3",
        ])
        #expect(sample.columns.map(\.name) == ["income", "plan", "code"])
        let income = try #require(sample.column(named: "income"))
        #expect(income.kind == .numeric && income.values == [1000, 2000.5] && income.missing.empty == 1)
        let plan = try #require(sample.column(named: "plan"))
        #expect(plan.categories == ["basic": 2, "pro": 1, "<blob>": 1] && plan.missing.empty == 1)
        let code = try #require(sample.column(named: "code"))
        #expect(code.categories == ["3": 3, "10": 1])   // INTEGER categories read as their digits
    }
}
