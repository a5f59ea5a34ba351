import DriftSources
import DriftStatistics
import DriftTables
import DriftTestSupport
import Foundation
import GRDB
import Testing
@testable import DriftProfiles

@Suite struct ProfileBuilderTests {
    private typealias Support = BuilderTestSupport

    private func settings(sampleCap: Int = 100_000, categorical: Set<String> = []) -> ProfileSettings {
        var settings = ProfileSettings()
        settings.sampleCap = sampleCap
        settings.categorical = categorical
        return settings
    }

    // MARK: CSV errors

    @Test func csvErrorsSurfaceAsTableErrors() throws {
        #expect(throws: TableError.self) { try ProfileBuilder.fromCSV(path: "/nonexistent/ref.csv", model: "m") }
        let empty = try temporaryFile("")
        #expect(throws: TableError.emptyFile(path: empty)) { try ProfileBuilder.fromCSV(path: empty, model: "m") }
        let ragged = try temporaryFile("a,b\n1,2\n3\n")
        #expect(throws: TableError.fieldCountMismatch(path: ragged, line: 3, found: 1, expected: 2)) {
            try ProfileBuilder.fromCSV(path: ragged, model: "m")
        }
        let unclosed = try temporaryFile("a,b\n1,\"2\n")
        #expect(throws: TableError.self) { try ProfileBuilder.fromCSV(path: unclosed, model: "m") }
    }

    @Test func headerOnlyCSVIsAnEmptySource() throws {
        let path = try temporaryFile("a,b\n")
        #expect(throws: ProfileError.invalidSource(description: "csv:\(path)", reason: "no data rows after the header")) {
            try ProfileBuilder.fromCSV(path: path, model: "m")
        }
    }

    @Test func unknownColumnsAreNamed() throws {
        let path = try temporaryFile("age,Plan\n1,a\n")
        #expect(throws: ProfileError.invalidSource(
            description: "csv:\(path)", reason: "no column named \"plan\", \"zip\" (names are case-sensitive)")
        ) { try ProfileBuilder.fromCSV(path: path, model: "m", columns: ["age", "plan", "zip"]) }
        #expect(throws: ProfileError.invalidSource(
            description: "csv:\(path)", reason: "no column named \"zip\" (names are case-sensitive)")
        ) { try ProfileBuilder.fromCSV(path: path, model: "m", settings: settings(categorical: ["zip"])) }
    }

    @Test func invalidArgumentsAreRejectedBeforeReading() throws {
        let path = "/nonexistent.csv"   // never opened
        #expect(throws: ProfileError.invalidArgument(name: "model", reason: "the model name is empty")) {
            try ProfileBuilder.fromCSV(path: path, model: "")
        }
        #expect(throws: ProfileError.self) { try ProfileBuilder.fromCSV(path: path, model: "m", columns: []) }
        for change in [{ (s: inout ProfileSettings) in s.sampleCap = 0 }, { $0.categoryCap = 0 }, { $0.psiBins = 0 }] {
            var bad = ProfileSettings()
            change(&bad)
            #expect(throws: ProfileError.self) { try ProfileBuilder.fromCSV(path: path, model: "m", settings: bad) }
            #expect(throws: ProfileError.self) {
                try ProfileBuilder.fromSQLite(path: path, source: .table("t"), model: "m", settings: bad)
            }
        }
    }

    // MARK: SQLite errors

    @Test func sqliteSourceErrorsNameTheSource() throws {
        let missing = try temporaryDirectory().appendingPathComponent("none.db").path
        #expect(throws: ProfileError.invalidSource(description: "sqlite:\(missing) table=t", reason: "no such file")) {
            try ProfileBuilder.fromSQLite(path: missing, source: .table("t"), model: "m")
        }
        let csv = try temporaryFile("a,b\n1,2\n")
        #expect(throws: ProfileError.invalidSource(description: "sqlite:\(csv) table=t", reason: "file is not a database")) {
            try ProfileBuilder.fromSQLite(path: csv, source: .table("t"), model: "m")
        }
        let directory = try temporaryDirectory().path
        #expect(throws: ProfileError.invalidSource(description: "sqlite:\(directory) table=t", reason: "is a directory")) {
            try ProfileBuilder.fromSQLite(path: directory, source: .table("t"), model: "m")
        }
        let db = try temporaryDatabase { db in
            try db.execute(sql: "CREATE TABLE t (a REAL, b TEXT); CREATE TABLE empty (a REAL)")
            try db.execute(sql: "INSERT INTO t VALUES (1, 'x')")
        }
        #expect(throws: ProfileError.invalidSource(description: "sqlite:\(db) table=nope", reason: "no such table: nope")) {
            try ProfileBuilder.fromSQLite(path: db, source: .table("nope"), model: "m")
        }
        #expect(throws: ProfileError.invalidSource(description: "sqlite:\(db) table=empty", reason: "no rows")) {
            try ProfileBuilder.fromSQLite(path: db, source: .table("empty"), model: "m")
        }
        #expect(throws: ProfileError.invalidSource(
            description: "sqlite:\(db) table=t", reason: "no column named \"c\" (names are case-sensitive)")
        ) { try ProfileBuilder.fromSQLite(path: db, source: .table("t"), model: "m", columns: ["a", "c"]) }
        for query in ["SELEC a FROM t", "SELECT nope FROM t", "DELETE FROM t", "SELECT 1; DROP TABLE t", ""] {
            do {
                _ = try ProfileBuilder.fromSQLite(path: db, source: .query(query), model: "m")
                Issue.record("\(query) was accepted")
            } catch let ProfileError.invalidSource(description, reason) {
                #expect(description == "sqlite:\(db) query=\(query.trimmingCharacters(in: .whitespaces))")
                #expect(!reason.isEmpty)
            }
        }
        // SQLite renames a repeated column of a subquery ("a", "a:1"), so names stay unique.
        let repeated = try ProfileBuilder.fromSQLite(path: db, source: .query("SELECT a, a FROM t"), model: "m")
        #expect(repeated.features.map(\.name) == ["a", "a:1"])
        // The table is still there: nothing ran but SELECTs, on a read-only connection.
        let profile = try ProfileBuilder.fromSQLite(path: db, source: .table("t"), model: "m")
        #expect(profile.source.rowCount == 1)
    }

    // MARK: The churn reference

    @Test func exactSampleEqualsTheCSVColumnAndKSIsBitForBit() throws {
        let profile = try ProfileBuilder.fromCSV(path: Support.churnReference, model: "churn")
        let reference = try CSVTable.load(path: Support.churnReference)
        let production = try CSVTable.load(path: Support.churnDrifted)
        #expect(profile.features.map(\.name) == reference.columns.map(\.name))
        #expect(profile.source.rowCount == 5_000)
        var numeric = 0
        for (feature, column) in zip(profile.features, reference.columns) {
            #expect(feature.kind == column.kind, "\(feature.name)")
            #expect(feature.missing == column.missing, "\(feature.name)")
            #expect(feature.rowCount == column.rowCount)
            if column.kind == .categorical {
                #expect(feature.categories == column.categories, "\(feature.name)")
                continue
            }
            numeric += 1
            #expect(feature.sampleIsExact)
            #expect(feature.sample == (try SortedSample(column.values)).values, "\(feature.name)")
            #expect(feature.summary == SummaryStatistics(column.values))
            let other = try #require(production.column(named: feature.name))
            let fromProfile = try kolmogorovSmirnov(
                SortedSample(presorted: feature.sample, label: "reference"), SortedSample(other.values, label: "production"))
            let fromCSV = try kolmogorovSmirnov(column.values, other.values)
            #expect(fromProfile.statistic.bitPattern == fromCSV.statistic.bitPattern)
            #expect(fromProfile.pValue.bitPattern == fromCSV.pValue.bitPattern)
            #expect(feature.psiBins == (try PSIBins(reference: SortedSample(column.values), bins: 10, binning: .quantile)))
        }
        #expect(numeric == 7)
        // The fixture has missing cells and a quoted category with a comma.
        #expect(profile.features.contains { $0.missing.notANumber > 0 })
        #expect(profile.features.contains { $0.categories["credit card, automatic"] != nil })
    }

    @Test func sourceDescriptionRowCountAndContentHash() throws {
        let createdAt = Date(timeIntervalSince1970: 1_556_625_600)
        let profile = try ProfileBuilder.fromCSV(
            path: Support.churnReference, model: "churn", columns: ["contract", "age"], createdAt: createdAt)
        #expect(profile.model == "churn" && profile.version == 0 && profile.createdAt == createdAt)
        #expect(profile.features.map(\.name) == ["age", "contract"])   // file order
        #expect(profile.source.description == "csv:\(Support.churnReference)")
        var hash = FNV1a64()
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Support.churnReference)))
        bytes.withUnsafeBufferPointer { hash.add($0) }
        #expect(profile.source.contentHash == hash.hexDigest)
        #expect(profile.source.contentHash.wholeMatch(of: /fnv1a64:[0-9a-f]{16}/) != nil)
        // One changed byte changes the hash.
        let changed = try temporaryFile(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "78.91", with: "78.92"))
        #expect(try ProfileBuilder.fromCSV(path: changed, model: "churn").source.contentHash != profile.source.contentHash)
    }

    @Test func sampledPSICountsAreExact() throws {
        let profile = try ProfileBuilder.fromCSV(path: Support.churnReference, model: "churn", settings: settings(sampleCap: 300))
        let reference = try CSVTable.load(path: Support.churnReference)
        for feature in profile.features where feature.kind == .numeric {
            let column = try #require(reference.column(named: feature.name))
            #expect(!feature.sampleIsExact && feature.sample.count == 300)
            #expect(feature.summary == SummaryStatistics(column.values))
            let bins = try #require(feature.psiBins)
            #expect(bins.referenceCounts == bins.counts(of: column.values), "\(feature.name)")
            #expect(bins.referenceTotal == column.values.count)
        }
    }

    @Test func lateCategoricalColumnIsRecountedExactly() throws {
        let path = try temporaryFile("code,x\n1,1\n2,2\n1,3\nA7,4\n1,5\n,6\n")
        let profile = try ProfileBuilder.fromCSV(path: path, model: "m", settings: settings(sampleCap: 2))
        let code = try #require(profile.feature(named: "code"))
        #expect(code.kind == .categorical)
        #expect(code.categories == ["1": 3, "2": 1, "A7": 1])
        #expect(code.missing.empty == 1 && code.rowCount == 6)
        #expect(try code.categories == CSVTable.load(path: path).column(named: "code")?.categories)
        let x = try #require(profile.feature(named: "x"))
        #expect(x.kind == .numeric && x.sample.count == 2 && x.psiBins?.referenceTotal == 6)
        // The same through SQLite: the query is run again for the rescan.
        let db = try Support.sqliteCopy(of: path, table: "t")
        let fromSQLite = try ProfileBuilder.fromSQLite(path: db, source: .table("t"), model: "m", settings: settings(sampleCap: 2))
        #expect(fromSQLite.features == profile.features)
    }

    // MARK: CSV and SQLite agree

    @Test(arguments: [100_000, 400])
    func csvAndSQLiteSourcesGiveTheSameProfile(sampleCap: Int) throws {
        let db = try Support.sqliteCopy(of: Support.churnReference)
        let createdAt = Date(timeIntervalSince1970: 0)
        let fromCSV = try ProfileBuilder.fromCSV(
            path: Support.churnReference, model: "churn", settings: settings(sampleCap: sampleCap), createdAt: createdAt)
        let fromTable = try ProfileBuilder.fromSQLite(
            path: db, source: .table("reference"), model: "churn", settings: settings(sampleCap: sampleCap), createdAt: createdAt)
        let fromQuery = try ProfileBuilder.fromSQLite(
            path: db, source: .query("SELECT * FROM reference ORDER BY rowid;\n"), model: "churn",
            settings: settings(sampleCap: sampleCap), createdAt: createdAt)
        #expect(fromTable.features == fromCSV.features)
        #expect(fromQuery.features == fromCSV.features)
        #expect(fromTable.source.rowCount == 5_000 && fromQuery.source.rowCount == 5_000)
        #expect(fromTable.source.description == "sqlite:\(db) table=reference")
        #expect(fromQuery.source.description == "sqlite:\(db) query=SELECT * FROM reference ORDER BY rowid")
        #expect(fromTable.source.contentHash == fromQuery.source.contentHash)
        #expect(fromTable.source.contentHash != fromCSV.source.contentHash)
        #expect(fromTable.source.contentHash.wholeMatch(of: /fnv1a64:[0-9a-f]{16}/) != nil)
    }

    @Test func sqliteHashCoversValuesAndTheirTypes() throws {
        func hash(_ insert: String) throws -> String {
            let db = try temporaryDatabase { db in
                try db.execute(sql: "CREATE TABLE t (a, b)")
                try db.execute(sql: insert)
            }
            return try ProfileBuilder.fromSQLite(path: db, source: .table("t"), model: "m").source.contentHash
        }
        let base = try hash("INSERT INTO t VALUES (1, 'x'), (2, NULL)")
        #expect(try hash("INSERT INTO t VALUES (1, 'x'), (2, NULL)") == base)
        #expect(try hash("INSERT INTO t VALUES (1.0, 'x'), (2, NULL)") != base)   // REAL vs INTEGER
        #expect(try hash("INSERT INTO t VALUES (1, 'x'), (2, '')") != base)       // '' vs NULL
        #expect(try hash("INSERT INTO t VALUES (1, 'x'), (2, x'')") != base)      // empty BLOB vs NULL
        #expect(try hash("INSERT INTO t VALUES (2, NULL), (1, 'x')") != base)     // row order
    }

    @Test func sqliteStorageClassesMapToKinds() throws {
        let db = try temporaryDatabase { db in
            try db.execute(sql: """
                CREATE TABLE t (i INTEGER, r REAL, txt TEXT, mixed, blob, code INTEGER);
                INSERT INTO t VALUES (1, 0.5, '2.5', 1, x'00ff', 3);
                INSERT INTO t VALUES (NULL, 1e999, 'NaN', 'two', NULL, 3);
                INSERT INTO t VALUES (3, -1e999, '', 3.5, x'01', 10);
                """)
        }
        let profile = try ProfileBuilder.fromSQLite(
            path: db, source: .table("t"), model: "m", settings: settings(categorical: ["code"]))
        let i = try #require(profile.feature(named: "i"))
        #expect(i.kind == .numeric && i.sample == [1, 3] && i.missing.empty == 1)
        let r = try #require(profile.feature(named: "r"))
        #expect(r.sample == [0.5] && r.missing.infinite == 2)
        let txt = try #require(profile.feature(named: "txt"))
        #expect(txt.kind == .numeric && txt.sample == [2.5] && txt.missing == MissingCounts(empty: 1, notANumber: 1, infinite: 0))
        let mixed = try #require(profile.feature(named: "mixed"))
        #expect(mixed.kind == .categorical && mixed.categories == ["1": 1, "two": 1, "3.5": 1])
        let blob = try #require(profile.feature(named: "blob"))
        #expect(blob.kind == .categorical && blob.categories == ["<blob>": 2] && blob.missing.empty == 1)
        let code = try #require(profile.feature(named: "code"))
        #expect(code.kind == .categorical && code.categories == ["3": 2, "10": 1])
    }
}
