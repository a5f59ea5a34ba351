import DriftMultivariate
import DriftStatistics
import DriftTables
import DriftTestSupport
import Foundation
import GRDB
import Testing
@testable import DriftProfiles

/// The multivariate part of a profile build: the knobs, the cell semantics (those of
/// `ColumnSampleBuilder` with the final kind), the capped seeded sample, CSV and SQLite
/// agreeing, and the problems recorded instead of failing.
@Suite struct ProfileBuilderMultivariateTests {
    private typealias Support = BuilderTestSupport

    private func settings(
        cap: Int = 2_000, seed: UInt64 = SplitMix64.defaultSeed, categorical: Set<String> = [], enabled: Bool = true
    ) -> ProfileSettings {
        var settings = ProfileSettings()
        settings.multivariateSampleCap = cap
        settings.seed = seed
        settings.categorical = categorical
        settings.multivariate = enabled
        return settings
    }

    private func numbers(_ column: MultivariateColumn) -> [Double]? {
        if case .numeric(let values) = column { return values }
        return nil
    }

    private func labels(_ column: MultivariateColumn) -> [String]? {
        if case .categorical(let labels) = column { return labels }
        return nil
    }

    // MARK: Knobs

    @Test func knobsOutOfRangeAreRejectedBeforeReading() throws {
        let path = "/nonexistent.csv"   // never opened
        let cases: [(change: (inout ProfileSettings) -> Void, error: ProfileError)] = [
            ({ $0.multivariateSampleCap = 3 },
             .invalidArgument(name: "multivariateSampleCap", reason: "3 is below 4 (the PCA fit needs 4 complete rows)")),
            ({ $0.multivariateSampleCap = 50_001 },
             .invalidArgument(name: "multivariateSampleCap", reason: "50001 is above 50000 (the MMD kernel matrix grows with its square)")),
            ({ $0.multivariateMaxCategories = 0 }, .invalidArgument(name: "multivariateMaxCategories", reason: "0 is below 1")),
            ({ $0.pcaVarianceFraction = 0 }, .invalidArgument(name: "pcaVarianceFraction", reason: "0.0 is not in (0, 1)")),
            ({ $0.pcaVarianceFraction = 1 }, .invalidArgument(name: "pcaVarianceFraction", reason: "1.0 is not in (0, 1)")),
            ({ $0.pcaVarianceFraction = .nan }, .invalidArgument(name: "pcaVarianceFraction", reason: "nan is not in (0, 1)")),
            // Checked even when the part is disabled: a bad knob is a mistake either way.
            ({ $0.multivariate = false; $0.multivariateMaxCategories = -1 },
             .invalidArgument(name: "multivariateMaxCategories", reason: "-1 is below 1")),
        ]
        for (change, error) in cases {
            var bad = ProfileSettings()
            change(&bad)
            #expect(throws: error) { try ProfileBuilder.fromCSV(path: path, model: "m", settings: bad) }
            #expect(throws: error) { try ProfileBuilder.fromSQLite(path: path, source: .table("t"), model: "m", settings: bad) }
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func settingsMapToMultivariateSettings() {
        var settings = ProfileSettings()
        #expect(settings.multivariate && settings.multivariateSampleCap == 2_000)
        #expect(settings.multivariateMaxCategories == 20 && settings.pcaVarianceFraction == 0.65)
        settings.multivariateSampleCap = 123
        settings.multivariateMaxCategories = 4
        settings.pcaVarianceFraction = 0.9
        let mapped = settings.multivariateSettings
        var expected = MultivariateSettings()
        expected.sampleCap = 123
        expected.maxCategories = 4
        expected.varianceFraction = 0.9
        #expect(mapped == expected)
    }

    // MARK: Problems instead of failures

    @Test func disabledRecordsWhyAndBuildsTheRest() throws {
        let path = try temporaryFile("x,c\n1,a\n2,b\n3,a\n4,b\n5,c\n")
        let profile = try ProfileBuilder.fromCSV(path: path, model: "m", settings: settings(enabled: false))
        #expect(profile.multivariate == nil)
        #expect(profile.multivariateProblem == ReferenceProfile.multivariateDisabled)
        #expect(profile.features.count == 2)
    }

    @Test func threeRowSourceRecordsAProblemRatherThanFailing() throws {
        let path = try temporaryFile("x,c\n1,a\n2,b\n3,a\n")
        let profile = try ProfileBuilder.fromCSV(path: path, model: "m")
        #expect(profile.multivariate == nil)
        #expect(profile.multivariateProblem == "reference: 3 complete rows; the test needs at least 4")
        #expect(profile.features.map(\.name) == ["x", "c"])
        #expect(profile.source.rowCount == 3)
    }

    @Test func tooFewCompleteRowsAfterDropsRecordAProblem() throws {
        let path = try temporaryFile("x,c\n1,a\n,b\n3,\nNaN,a\n5,b\n6,a\n")
        let profile = try ProfileBuilder.fromCSV(path: path, model: "m")
        #expect(profile.multivariate == nil)
        #expect(profile.multivariateProblem == "reference: 3 complete rows; the test needs at least 4")
    }

    @Test func constantColumnsRecordNoVariance() throws {
        let path = try temporaryFile("x,c\n1,a\n1,a\n1,a\n1,a\n1,a\n")
        let profile = try ProfileBuilder.fromCSV(path: path, model: "m")
        #expect(profile.multivariate == nil)
        #expect(profile.multivariateProblem == "reference: every encoded column is constant; there is no variance to model")
    }

    @Test func oneFeatureIsEnough() throws {
        let path = try temporaryFile("x\n1\n2\n4\n8\n")
        let profile = try ProfileBuilder.fromCSV(path: path, model: "m")
        let reference = try #require(profile.multivariate)
        #expect(profile.multivariateProblem == nil)
        #expect(reference.sample.names == ["x"] && reference.model.componentCount == 1)
    }

    // MARK: Cells

    @Test func incompleteRowsAreDroppedAndCounted() throws {
        // Dropped: empty, NaN and inf numbers, an empty and a whitespace-only category, a
        // whitespace-only number. Kept: raw category text (" a" keeps its space), -0.0.
        let path = try temporaryFile(
            "x,c\n1,a\n,b\nNaN,a\ninf,b\n-Infinity,a\n2,\n3, \t\n\" \",a\n4,b\n5, a\n-0.0,b\n1e3,\"q,\"\"\"\n")
        let profile = try ProfileBuilder.fromCSV(path: path, model: "m")
        let sample = try #require(profile.multivariate).sample
        #expect(sample.droppedRows == 7)
        #expect(sample.completeRows == 5 && sample.rowCount == 5)
        #expect(sample.completeRows + sample.droppedRows == profile.source.rowCount)
        let x = try #require(numbers(sample.columns[0]))
        #expect(x.map(\.bitPattern) == [1, 4, 5, -0.0, 1000].map(\.bitPattern))
        #expect(labels(sample.columns[1]) == ["a", "b", " a", "b", "q,\""])
    }

    @Test func cellsAreReadAsColumnSampleBuilderReadsThemWithTheFinalKind() throws {
        // No row is dropped, so the sample (below the cap) is each column in file order.
        // "code" is forced categorical (numbers keep their text: "01", "1.50", "1e2"); "late"
        // turns categorical at its last row, after numbers.
        let csv = "v,code,late\n1.5,01,7\n-2,1.50,8\n3e-2,1e2,9.0\n0.1,01,x\n"
        let path = try temporaryFile(csv)
        let profile = try ProfileBuilder.fromCSV(path: path, model: "m", settings: settings(categorical: ["code"]))
        let sample = try #require(profile.multivariate).sample
        #expect(profile.features.map(\.kind) == [.numeric, .categorical, .categorical])

        let reader = try CSVReader(path: path)
        var row = CSVRow()
        _ = try reader.nextRow(into: &row)
        var builders = profile.features.map { ColumnSampleBuilder(name: $0.name, expectedKind: $0.kind) }
        while try reader.nextRow(into: &row) {
            for index in builders.indices { row.withField(at: index) { builders[index].addCell($0) } }
        }
        let columns = builders.map { $0.build() }
        #expect(numbers(sample.columns[0]) == columns[0].values)
        for index in 1...2 {
            let counted = Dictionary(try #require(labels(sample.columns[index])).map { ($0, 1) }, uniquingKeysWith: +)
            #expect(counted == columns[index].categories, "\(columns[index].name)")
        }
        #expect(labels(sample.columns[1]) == ["01", "1.50", "1e2", "01"])
        #expect(labels(sample.columns[2]) == ["7", "8", "9.0", "x"])
    }

    @Test func sqliteValuesMapAsDocumented() throws {
        let db = try temporaryDatabase { db in
            try db.execute(sql: """
                CREATE TABLE t (n, c, b);
                INSERT INTO t VALUES (1, 3, x'00');
                INSERT INTO t VALUES (2.5, 2.5, x'01');
                INSERT INTO t VALUES ('7', 'seven', x'02');
                INSERT INTO t VALUES (NULL, 'a', x'03');
                INSERT INTO t VALUES (1e999, 'a', x'04');
                INSERT INTO t VALUES ('NaN', 'a', x'05');
                INSERT INTO t VALUES (3, NULL, x'06');
                INSERT INTO t VALUES (4, '', x'07');
                INSERT INTO t VALUES (5, 'b', NULL);
                INSERT INTO t VALUES (6, 4.0, x'08');
                INSERT INTO t VALUES (-1e999, ' z ', x'09');
                """)
        }
        let profile = try ProfileBuilder.fromSQLite(path: db, source: .table("t"), model: "m")
        #expect(profile.features.map(\.kind) == [.numeric, .categorical, .categorical])
        let sample = try #require(profile.multivariate).sample
        #expect(numbers(sample.columns[0]) == [1, 2.5, 7, 6])
        #expect(labels(sample.columns[1]) == ["3", "2.5", "seven", "4.0"])
        #expect(labels(sample.columns[2]) == Array(repeating: "<blob>", count: 4))
        #expect(sample.droppedRows == 7 && sample.completeRows == 4)
    }

    // MARK: The sample

    @Test func theSampleIsCappedAndSeeded() throws {
        func sample(cap: Int, seed: UInt64) throws -> MultivariateSample {
            try #require(try ProfileBuilder.fromCSV(
                path: Support.churnReference, model: "churn", settings: settings(cap: cap, seed: seed)).multivariate).sample
        }
        let first = try sample(cap: 500, seed: 1)
        #expect(first.rowCount == 500)
        #expect(first.completeRows == 3_831 && first.droppedRows == 1_169)
        #expect(try sample(cap: 500, seed: 1) == first)
        #expect(try sample(cap: 500, seed: 2) != first)
        // At or above the number of complete rows the sample is all of them, in file order,
        // whatever the seed.
        let all = try sample(cap: 3_831, seed: 1)
        #expect(all.rowCount == 3_831)
        #expect(try sample(cap: 10_000, seed: 99) == all)
        let tenure = try #require(numbers(all.columns[0]))
        let table = try CSVTable.load(path: Support.churnReference)
        // The first complete row of the fixture is its first data row (70 months).
        #expect(tenure.first == 70)
        #expect(Set(tenure).isSubset(of: Set(try #require(table.column(named: "tenure_months")).values)))
    }

    @Test func theDefaultReferenceOfTheChurnFixture() throws {
        let profile = try ProfileBuilder.fromCSV(path: Support.churnReference, model: "churn")
        let reference = try #require(profile.multivariate)
        #expect(profile.multivariateProblem == nil)
        #expect(reference.sample.names == profile.features.map(\.name))
        #expect(reference.sample.columns.map(\.isCategorical) == profile.features.map { $0.kind == .categorical })
        #expect(reference.sample.rowCount == 2_000)
        // 7 numeric columns plus (3 + 1) + (4 + 1) + (2 + 1) indicators: "none" internet
        // service only occurs in rows whose data usage is missing, so it never reaches the sample.
        #expect(reference.encoding.columnNames.count == 19)
        let kept = reference.model.explainedVarianceRatio.prefix(reference.model.componentCount).reduce(0, +)
        #expect(kept > 0.65)
        #expect(kept - reference.model.explainedVarianceRatio[reference.model.componentCount - 1] <= 0.65)
        // The fit is the one DriftMultivariate makes of the same sample.
        #expect(try MultivariateReference.fit(sample: reference.sample, settings: profile.settings.multivariateSettings) == reference)
    }

    // MARK: CSV and SQLite agree

    @Test(arguments: [2_000, 10_000])
    func csvAndSQLiteSourcesGiveTheSameMultivariateReference(cap: Int) throws {
        let db = try Support.sqliteCopy(of: Support.churnReference)
        let fromCSV = try ProfileBuilder.fromCSV(path: Support.churnReference, model: "churn", settings: settings(cap: cap))
        let fromTable = try ProfileBuilder.fromSQLite(path: db, source: .table("reference"), model: "churn", settings: settings(cap: cap))
        let fromQuery = try ProfileBuilder.fromSQLite(
            path: db, source: .query("SELECT * FROM reference ORDER BY rowid"), model: "churn", settings: settings(cap: cap))
        let csvReference = try #require(fromCSV.multivariate)
        #expect(fromTable.multivariate == csvReference)
        #expect(fromQuery.multivariate == csvReference)
        let tableReference = try #require(fromTable.multivariate)
        for (left, right) in zip(csvReference.sample.columns, tableReference.sample.columns) {
            #expect(numbers(left)?.map(\.bitPattern) == numbers(right)?.map(\.bitPattern))
        }
        #expect(csvReference.model.components.elements.map(\.bitPattern)
            == tableReference.model.components.elements.map(\.bitPattern))
    }

    @Test func csvAndSQLiteAgreeOnLateAndForcedCategoricalColumns() throws {
        let path = try temporaryFile("code,x,forced\n1,1,10\n2,2,11\n1,3,10\nA7,4,12\n1,5,11\n,6,10\n3,7,12\n")
        let db = try Support.sqliteCopy(of: path, table: "t")
        let options = settings(categorical: ["forced"])
        let fromCSV = try ProfileBuilder.fromCSV(path: path, model: "m", settings: options)
        let fromSQLite = try ProfileBuilder.fromSQLite(path: db, source: .table("t"), model: "m", settings: options)
        let reference = try #require(fromCSV.multivariate)
        #expect(fromSQLite.multivariate == reference)
        #expect(labels(reference.sample.columns[0]) == ["1", "2", "1", "A7", "1", "3"])
        #expect(reference.sample.droppedRows == 1)
    }
}
