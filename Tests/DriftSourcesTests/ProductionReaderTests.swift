import DriftTables
import DriftTestSupport
import Foundation
import GRDB
import Testing
@testable import DriftSources

@Suite struct ProductionReaderTests {
    private typealias Support = SourceTestSupport

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
        let missing = try temporaryDirectory().appendingPathComponent("none.db").path
        #expect(throws: SourceError.invalidSource(description: "sqlite:\(missing) table=predictions", reason: "no such file")) {
            try ProductionReader.read(path: missing, source: .table("predictions"), timestampColumn: "ts", window: window, features: [])
        }
        let csv = try temporaryFile("ts,x\n")
        #expect(throws: SourceError.invalidSource(description: "sqlite:\(csv) table=predictions", reason: "file is not a database")) {
            try ProductionReader.read(path: csv, source: .table("predictions"), timestampColumn: "ts", window: window, features: [])
        }
        let db = Support.predictions
        #expect(throws: SourceError.invalidSource(description: "sqlite:\(db) table=scores", reason: "no such table: scores")) {
            try ProductionReader.read(path: db, source: .table("scores"), timestampColumn: "ts", window: window, features: [])
        }
        do {
            _ = try ProductionReader.read(
                path: db, source: .query("SELECT * FROM predictions WHERE nope > 1"), timestampColumn: "ts",
                window: window, features: [])
            Issue.record("a failing query was accepted")
        } catch let error as SourceError {
            #expect(error == .invalidSource(
                description: "sqlite:\(db) query=SELECT * FROM predictions WHERE nope > 1", reason: "no such column: nope"))
        }
        do {
            _ = try ProductionReader.read(
                path: db, source: .table("predictions"), timestampColumn: "TS", window: window, features: [])
            Issue.record("a missing timestamp column was accepted")
        } catch let SourceError.invalidSource(description, reason) {
            #expect(description == "sqlite:\(db) table=predictions")
            #expect(reason.hasPrefix("no timestamp column \"TS\"; names are case-sensitive and there is \"ts\" (columns: id, ts, "))
        }
        #expect(throws: SourceError.invalidArgument(name: "features", reason: "\"age\" is listed twice")) {
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
        let withOffsets = try temporaryDatabase { db in
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
        let db = try temporaryDatabase { db in
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
        let db = try temporaryDatabase { db in
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
        let db = try temporaryDatabase { db in
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

    // MARK: Row tracking

    /// Ten features (six numeric, four categorical): enough for parallel shares.
    private static let trackedFeatures: [(name: String, kind: ColumnKind)] =
        (0..<6).map { ("n\($0)", .numeric) } + (0..<4).map { ("c\($0)", .categorical) }

    /// Row `i`'s SQL literal for feature `k` and the cell the reader must give back.
    private static func cell(row i: Int, feature k: Int) -> (sql: String, cell: RowCell) {
        if k < 6 {
            switch (i * 7 + k * 3) % 8 {
            case 0: return ("\(i).\(k)", .number(Double("\(i).\(k)") ?? .nan))
            case 1: return ("\(i * k)", .number(Double(i * k)))          // INTEGER
            case 2: return ("NULL", .missing)
            case 3: return ("'\(i).5'", .number(Double(i) + 0.5))       // a number as TEXT
            case 4: return ("'n/a'", .missing)                         // text in a numeric feature
            case 5: return ("9e999", .missing)                         // REAL infinity
            case 6: return ("'NaN'", .missing)
            default: return ("\(-Double(i) * 0.25)", .number(-Double(i) * 0.25))
            }
        }
        switch (i * 5 + k) % 6 {
        case 0: return ("'a'", .category("a"))
        case 1: return ("'b\(i % 3)'", .category("b\(i % 3)"))
        case 2: return ("NULL", .missing)
        case 3: return ("\(i % 4)", .category("\(i % 4)"))              // INTEGER: its digits
        case 4: return ("x'01'", .category("<blob>"))
        default: return ("''", .missing)
        }
    }

    /// Reads every row of a lockstep walk.
    private func walk(_ columns: [ColumnSample]) throws -> [[RowCell]] {
        var rows = try #require(LockstepRows(columns))
        var cells: [RowCell] = []
        var read: [[RowCell]] = []
        while rows.next(into: &cells) { read.append(cells) }
        return read
    }

    @Test(arguments: [nil, 2, 4] as [Int?])
    func trackedRowsOfParallelSharesReproduceTheTable(shares: Int?) throws {
        var expected: [[RowCell]] = []
        let db = try temporaryDatabase { db in
            let columns = Self.trackedFeatures.map(\.name).joined(separator: ", ")
            try db.execute(sql: "CREATE TABLE events (ts TEXT, \(columns))")
            for i in 0..<300 {
                let inWindow = i % 5 != 0
                let seconds = i * 10
                let ts = inWindow
                    ? String(format: "2019-04-30 10:%02d:%02d", seconds / 60, seconds % 60)
                    : "2019-04-30 12:00:00"
                let cells = (0..<10).map { Self.cell(row: i, feature: $0) }
                try db.execute(sql: "INSERT INTO events VALUES ('\(ts)', \(cells.map(\.sql).joined(separator: ", ")))")
                if inWindow { expected.append(cells.map(\.cell)) }
            }
        }
        let names = Self.trackedFeatures.map(\.name)
        let sample = try ProductionReader.read(
            path: db, source: .table("events"), timestampColumn: "ts", window: try hour("2019-04-30T10:00:00Z"),
            features: Self.trackedFeatures, trackRows: Set(names), shareCount: shares)
        #expect(sample.rowCount == 240)
        #expect(sample.columns.allSatisfy { $0.rows?.rowCount == 240 })
        let read = try walk(sample.columns)
        #expect(read.count == expected.count)
        for (index, (got, want)) in zip(read, expected).enumerated() {
            #expect(got == want, "window row \(index)")
        }
        // Cells the reader counts as missing are exactly the rows without a value.
        for column in sample.columns {
            #expect(column.rows?.missingRowCount == column.missing.total + column.textCells, "\(column.name)")
        }
    }

    @Test func onlyTheNamedFeaturesAreTracked() throws {
        let window = try hour("2019-04-30T10:00:00Z")
        let plain = try ProductionReader.read(
            path: Support.predictions, source: .table("predictions"), timestampColumn: "ts", window: window,
            features: Self.churnFeatures)
        #expect(plain.columns.allSatisfy { $0.rows == nil && !$0.rowsUnavailable })
        let some = try ProductionReader.read(
            path: Support.predictions, source: .table("predictions"), timestampColumn: "ts", window: window,
            features: Self.churnFeatures, trackRows: ["age", "contract", "not_a_feature"])
        #expect(some.columns.filter { $0.rows != nil }.map(\.name) == ["age", "contract"])
        // Tracking changes nothing else.
        for (a, b) in zip(plain.columns, some.columns) {
            #expect(a.values == b.values && a.categories == b.categories && a.missing == b.missing, "\(a.name)")
        }
        // The fixture's rows, walked in step, agree with a direct query in the same order.
        let queue = try DatabaseQueue(path: Support.predictions)
        let direct = try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT age, contract FROM predictions WHERE ts >= '2019-04-30 10:00' AND ts < '2019-04-30 11:00'")
        }
        let read = try walk(["age", "contract"].compactMap { some.column(named: $0) })
        #expect(read.count == 400 && direct.count == 400)
        for (index, (cells, row)) in zip(read, direct).enumerated() {
            let age: Double? = row["age"]
            let contract: String? = row["contract"]
            #expect(cells == [age.map { .number($0) } ?? .missing, contract.map { .category($0) } ?? .missing], "row \(index)")
        }
    }

    /// An index covering the timestamp and one share's columns orders that share's rows of
    /// equal timestamps differently from the other share's: the shares' plans differ, and the
    /// reader must notice and read the window on one connection.
    @Test func sharesWithDifferentPlansAreReadAgainOnOneConnection() throws {
        var expected: [String] = []
        let names = Self.trackedFeatures.map(\.name)
        let even = names.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)   // share 0 of 2
        let db = try temporaryDatabase { db in
            try db.execute(sql: "CREATE TABLE events (ts TEXT, \(names.joined(separator: ", ")))")
            try db.execute(sql: "CREATE INDEX events_ts ON events (ts)")
            try db.execute(sql: "CREATE INDEX events_cover ON events (ts, \(even.joined(separator: ", ")))")
            for i in 0..<200 {
                // Ten rows per timestamp; n0 falls within each tie, so the covering index reverses them.
                let ts = String(format: "2019-04-30 10:%02d:00", i / 10)
                let values = names.indices.map { k in k == 0 ? "\(1_000 - i)" : k < 6 ? "\(i * 10 + k)" : "'r\(i)c\(k)'" }
                try db.execute(sql: "INSERT INTO events VALUES ('\(ts)', \(values.joined(separator: ", ")))")
                expected.append("\(names.indices.map { k in k == 0 ? "\(Double(1_000 - i))" : k < 6 ? "\(Double(i * 10 + k))" : "r\(i)c\(k)" })")
            }
        }
        let window = try hour("2019-04-30T10:00:00Z")
        let queue = try DatabaseQueue(path: db)
        let plans = try queue.read { db in
            try [even, names.filter { !even.contains($0) }].map { columns in
                try Row.fetchAll(
                    db, sql: "EXPLAIN QUERY PLAN " + ProductionReader.windowSQL(source: .table("events"), timestampColumn: "ts", columns: columns, offsets: false),
                    arguments: CandidateRanges(window: window).arguments(offsets: false)
                ).map { $0["detail"] as String }
            }
        }
        #expect(plans[0] != plans[1], "the scenario needs different plans: \(plans)")
        #expect(plans[0].contains { $0.contains("COVERING INDEX events_cover") }, "\(plans[0])")

        let sample = try ProductionReader.read(
            path: db, source: .table("events"), timestampColumn: "ts", window: window,
            features: Self.trackedFeatures, trackRows: Set(names), shareCount: 2)
        #expect(sample.rowCount == 200)
        let read = try walk(sample.columns).map { cells in
            let texts = cells.map { cell -> String in
                switch cell {
                case .number(let value): "\(value)"
                case .category(let name): name
                case .missing: "-"
                }
            }
            return "\(texts)"
        }
        // Each row read must be a row of the table (cells of different table rows never mix).
        let mixed = Set(read).subtracting(expected).count
        #expect(mixed == 0, "\(mixed) of \(read.count) rows mix cells of different table rows")
        #expect(read.count == expected.count && Set(read).count == expected.count)
    }

    @Test func scansRecordPlanAndOrderOnlyWhenTracking() throws {
        let queue = try DatabaseQueue(path: Support.predictions)
        let window = try hour("2019-04-30T10:00:00Z")
        let (plain, first, second) = try queue.read { db in
            (try ProductionReader.scan(
                db, source: .table("predictions"), timestampColumn: "ts", window: window, offsets: false,
                features: [("age", .numeric)], description: "test"),
             try ProductionReader.scan(
                db, source: .table("predictions"), timestampColumn: "ts", window: window, offsets: false,
                features: [("age", .numeric)], trackRows: ["age"], description: "test"),
             try ProductionReader.scan(
                db, source: .table("predictions"), timestampColumn: "ts", window: window, offsets: false,
                features: [("contract", .categorical)], trackRows: ["contract"], description: "test"))
        }
        #expect(plain.plan.isEmpty && plain.order == 0)
        #expect(!first.plan.isEmpty && first.order != 0)
        #expect(first.plan == second.plan && first.order == second.order)
        let other = try queue.read { db in
            try ProductionReader.scan(
                db, source: .table("predictions"), timestampColumn: "ts", window: try hour("2019-04-30T09:00:00Z"),
                offsets: false, features: [("age", .numeric)], trackRows: ["age"], description: "test")
        }
        #expect(other.order != first.order)
    }
}
