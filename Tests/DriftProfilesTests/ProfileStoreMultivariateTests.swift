import DriftMultivariate
import DriftTestSupport
import Foundation
import GRDB
import Testing
@testable import DriftProfiles

/// The `profile_multivariate` table: bit-exact round trips, problems, the v2 → v3 migration,
/// immutability, and what writing refuses and reading detects.
@Suite struct ProfileStoreMultivariateTests {
    private typealias Support = BuilderTestSupport

    /// A profile with a reference whose sample holds -0.0, subnormals and awkward labels, and
    /// non-default knobs.
    private func awkwardProfile(model: String = "m") throws -> ReferenceProfile {
        let rows = [
            ("-0.0", "a"), ("4.9e-324", "ünïcødé ☃"), ("1e30", "with,comma \"q\""), ("0.30000000000000004", "a"),
            ("2.2250738585072014e-308", "__other__"), ("-3.5", "b"), ("7", "a"), ("0.1", "b"), ("-1e-300", "c"),
        ]
        let csv = "x,label\n" + rows.map { "\($0.0),\"\($0.1.replacingOccurrences(of: "\"", with: "\"\""))\"" }.joined(separator: "\n") + "\n"
        var settings = ProfileSettings()
        settings.multivariateSampleCap = 7
        settings.multivariateMaxCategories = 3
        settings.pcaVarianceFraction = 0.5
        settings.seed = UInt64.max - 1
        return try ProfileBuilder.fromCSV(path: temporaryFile(csv), model: model, settings: settings)
    }

    private func numericBits(_ reference: MultivariateReference) -> [[UInt64]] {
        reference.sample.columns.compactMap { column in
            if case .numeric(let values) = column { return values.map(\.bitPattern) }
            return nil
        }
    }

    private func modelBits(_ reference: MultivariateReference) -> [[UInt64]] {
        let model = reference.model
        return [model.standardization.means, model.standardization.scales, model.components.elements,
                model.explainedVarianceRatio].map { $0.map(\.bitPattern) }
    }

    // MARK: Round trips

    @Test func referenceRoundTripsBitForBit() throws {
        let profile = try awkwardProfile()
        let reference = try #require(profile.multivariate)
        #expect(reference.sample.rowCount == 7 && reference.sample.completeRows == 9)
        let store = try ProfileStore(path: temporaryDatabasePath())
        let written = try store.write(profile)
        let read = try store.profile(model: "m")
        #expect(read == written)
        #expect(read.settings == profile.settings)
        let readReference = try #require(read.multivariate)
        #expect(numericBits(readReference) == numericBits(reference))
        #expect(modelBits(readReference) == modelBits(reference))
        #expect(readReference.sample.names == reference.sample.names)
        #expect(readReference.encoding == reference.encoding)
        #expect(readReference.sample.completeRows == 9 && readReference.sample.droppedRows == 0)
        // The churn fixture's default reference too (2 000 rows, 19 encoded columns).
        let churn = try store.write(ProfileBuilder.fromCSV(path: Support.churnReference, model: "churn"))
        let churnRead = try store.profile(model: "churn")
        #expect(churnRead == churn)
        #expect(try modelBits(#require(churnRead.multivariate)) == modelBits(#require(churn.multivariate)))
    }

    @Test func minusZeroSurvivesTheStore() throws {
        let csv = "x,y\n-0.0,1\n-0.0,2\n1,3\n2,5\n"
        let profile = try ProfileBuilder.fromCSV(path: temporaryFile(csv), model: "z")
        let reference = try #require(profile.multivariate)
        #expect(numericBits(reference)[0].prefix(2) == [(-0.0).bitPattern, (-0.0).bitPattern])
        let store = try ProfileStore(path: temporaryDatabasePath())
        _ = try store.write(profile)
        #expect(try numericBits(#require(store.profile(model: "z").multivariate))[0].prefix(2)
            == [(-0.0).bitPattern, (-0.0).bitPattern])
    }

    @Test func problemsAndAbsenceRoundTrip() throws {
        let store = try ProfileStore(path: temporaryDatabasePath())
        let threeRows = try ProfileBuilder.fromCSV(path: temporaryFile("x\n1\n2\n3\n"), model: "few")
        #expect(try store.write(threeRows) == store.profile(model: "few"))
        #expect(try store.profile(model: "few").multivariateProblem == "reference: 3 complete rows; the test needs at least 4")

        var off = ProfileSettings()
        off.multivariate = false
        off.multivariateSampleCap = 99
        let disabled = try ProfileBuilder.fromCSV(path: temporaryFile("x\n1\n2\n3\n4\n"), model: "off", settings: off)
        let read = try store.profile(model: "off", version: store.write(disabled).version)
        #expect(read == disabled.withVersion(1))
        #expect(read.multivariateProblem == ReferenceProfile.multivariateDisabled)
        #expect(!read.settings.multivariate && read.settings.multivariateSampleCap == 99)

        // A hand-made profile with neither reads back with neither.
        let plain = try markedProfile(model: "plain", marker: 3)
        #expect(plain.multivariate == nil && plain.multivariateProblem == nil)
        #expect(try store.write(plain) == store.profile(model: "plain"))
    }

    // MARK: Migration from the previous release

    @Test func aV2DatabaseMigratesAndItsProfilesSayWhyTheyHaveNoReference() throws {
        let path = try temporaryDatabasePath()
        try FileManager.default.copyItem(atPath: fixtures.appendingPathComponent("legacy/profiles-v2.db").path, toPath: path)
        let before = try withRawConnection(path) { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(before == ["v1-profiles", "v2-history"])

        let store = try ProfileStore(path: path, createIfMissing: false)
        let after = try withRawConnection(path) { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(after == ["v1-profiles", "v2-history", "v3-multivariate", "v4-run-version", "v5-run-rows"])
        let old = try store.profile(model: "churn")
        #expect(old.version == 1 && old.features.count == 10)
        #expect(old.multivariate == nil)
        #expect(old.multivariateProblem == "built before multivariate profiles (re-create it)")
        #expect(!old.settings.multivariate)
        #expect(try rowCount("profile_multivariate", path) == 0)

        // Re-creating it stores a reference beside the old version.
        let written = try store.write(ProfileBuilder.fromCSV(path: Support.churnReference, model: "churn"))
        #expect(written.version == 2 && written.multivariate != nil)
        #expect(try store.profile(model: "churn") == written)
        #expect(try store.profile(model: "churn", version: 1) == old)
        #expect(try integrityReport(path).integrity == ["ok"])
    }

    // MARK: Immutability and damage

    @Test func storedReferencesCannotBeUpdated() throws {
        let path = try temporaryDatabasePath()
        let store = try ProfileStore(path: path)
        let written = try store.write(awkwardProfile())
        for sql in ["UPDATE profile_multivariate SET problem = 'x', feature_names = NULL",
                    "UPDATE profile_multivariate SET sample_cap = 5"] {
            #expect(throws: DatabaseError.self) { try withRawConnection(path) { db in try db.execute(sql: sql) } }
        }
        #expect(try store.profile(model: "m") == written)
    }

    @Test func theTableRefusesHalfAReferenceAndAReferenceWithAProblem() throws {
        let path = try temporaryDatabasePath()
        let store = try ProfileStore(path: path)
        _ = try store.write(markedProfile(model: "m", marker: 1))
        let id = try withRawConnection(path) { db in try Int.fetchOne(db, sql: "SELECT id FROM profile") } ?? -1
        try withRawConnection(path) { db in try db.execute(sql: "DROP TRIGGER profile_multivariate_is_immutable") }
        let bad = [
            "UPDATE profile_multivariate SET feature_names = '[\"x\"]' WHERE profile_id = \(id)",
            "UPDATE profile_multivariate SET variance_fraction = 1 WHERE profile_id = \(id)",
            "UPDATE profile_multivariate SET enabled = 2 WHERE profile_id = \(id)",
        ]
        for sql in bad {
            #expect(throws: DatabaseError.self, "\(sql)") { try withRawConnection(path) { db in try db.execute(sql: sql) } }
        }
    }

    @Test func damagedReferencesAreReportedAsCorrupt() throws {
        let path = try temporaryDatabasePath()
        let store = try ProfileStore(path: path)
        _ = try store.write(awkwardProfile())
        try withRawConnection(path) { db in try db.execute(sql: "DROP TRIGGER profile_multivariate_is_immutable") }
        let written = try #require(try store.profile(model: "m").multivariate)
        let (k, d) = (written.model.componentCount, written.model.featureCount)
        let damages: [(sql: String, detail: String)] = [
            ("UPDATE profile_multivariate SET numeric_sample = substr(numeric_sample, 1, 20)",
             "multivariate reference numeric sample: header declares 7 elements but the BLOB holds 4 element bytes (0 elements and 4 stray bytes)"),
            ("UPDATE profile_multivariate SET feature_kinds = '[\"numeric\", \"ordinal\"]'",
             "multivariate reference has unknown feature kind \"ordinal\""),
            ("UPDATE profile_multivariate SET feature_names = '[\"x\"]'",
             "multivariate reference has 1 feature names, 2 kinds and 2 category lists"),
            ("UPDATE profile_multivariate SET component_count = \(k + 100)",
             "multivariate reference has \(k * d) component values for \(k + 100) components"),
            ("UPDATE profile_multivariate SET sample_rows = 6",
             "multivariate reference sample holds 7 numbers and [7] labels, expected 6 rows of 1 numeric and 1 categorical features"),
            ("UPDATE profile_multivariate SET categories = '[null, null]'",
             "multivariate reference: features do not match the reference: the model has \(d) columns, the encoding 2"),
            ("UPDATE profile_multivariate SET categories = '[1, 2]'",
             "multivariate reference categories is not the expected JSON"),
            ("UPDATE profile_multivariate SET dropped_rows = 'many'",
             "profile_multivariate.dropped_rows holds text, expected an integer"),
            ("UPDATE profile_multivariate SET problem = 'both'",
             ""),   // refused by the table itself (CHECK), see below
        ]
        let original = try withRawConnection(path) { db in try Row.fetchOne(db, sql: "SELECT * FROM profile_multivariate") }
        for (sql, detail) in damages {
            try withRawConnection(path) { db in
                try db.execute(sql: "DELETE FROM profile_multivariate")
                let row = try #require(original)
                let columns = Array(row.columnNames)
                try db.execute(
                    sql: "INSERT INTO profile_multivariate (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))",
                    arguments: StatementArguments(columns.map { row[$0] as DatabaseValue }))
                if detail.isEmpty {
                    #expect(throws: DatabaseError.self) { try db.execute(sql: sql) }
                } else {
                    try db.execute(sql: sql)
                }
            }
            guard !detail.isEmpty else { continue }
            #expect(throws: ProfileError.corruptProfile(path: path, model: "m", version: 1, detail: detail), "\(sql)") {
                try store.profile(model: "m")
            }
        }
    }

    // MARK: Writing refuses what would not read back

    @Test func writingRefusesInconsistentMultivariateParts() throws {
        let path = try temporaryDatabasePath()
        let store = try ProfileStore(path: path)
        let good = try awkwardProfile()
        let reference = try #require(good.multivariate)
        func variant(_ reference: MultivariateReference?, problem: String?, features: [FeatureProfile]? = nil,
                     settings: ProfileSettings? = nil) -> ReferenceProfile {
            ReferenceProfile(model: "m", createdAt: good.createdAt, source: good.source, settings: settings ?? good.settings,
                             features: features ?? good.features, multivariate: reference, multivariateProblem: problem)
        }
        var wrongCount = reference
        wrongCount.sample.rowCount = 6
        var nanRatio = reference
        nanRatio.model.explainedVarianceRatio[0] = .nan
        var nanSettings = good.settings
        nanSettings.pcaVarianceFraction = .nan
        let cases: [(ReferenceProfile, String)] = [
            (variant(reference, problem: "also a problem"), "model \"m\": has both a reference and a problem"),
            (variant(reference, problem: nil, features: [good.features[0]]), "model \"m\": feature \"label\" is not in the profile"),
            (variant(reference, problem: nil, features: [good.features[0], try exactNumericFeature("label", [1])]),
             "model \"m\": feature \"label\" is numeric in the profile but not in the reference"),
            (variant(wrongCount, problem: nil),
             "model \"m\": multivariate reference sample holds 7 numbers and [7] labels, expected 6 rows of 1 numeric and 1 categorical features"),
            (variant(nanRatio, problem: nil), "model \"m\": multivariate reference PCA model holds a value that is not finite"),
            (variant(nil, problem: "x", settings: nanSettings),
             "model \"m\": settings out of range (sample cap 7, max categories 3, PCA variance nan)"),
        ]
        for (profile, reason) in cases {
            #expect(throws: ProfileError.invalidArgument(name: "multivariate", reason: reason)) { try store.write(profile) }
        }
        #expect(try store.list().isEmpty)
        #expect(try rowCount("profile_multivariate", path) == 0)
    }
}
