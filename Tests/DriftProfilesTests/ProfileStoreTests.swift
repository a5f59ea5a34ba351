import DriftStatistics
import DriftTables
import Foundation
import GRDB
import Testing
@testable import DriftProfiles

@Suite struct ProfileStoreTests {
    // MARK: - Errors (edge cases first)

    @Test func unknownModelListsKnownModels() throws {
        let path = try temporaryDatabasePath()
        let store = try ProfileStore(path: path)
        #expect(throws: ProfileError.unknownModel(path: path, model: "churn", known: [])) {
            _ = try store.profile(model: "churn")
        }
        _ = try store.write(markedProfile(model: "fraud", marker: 1))
        _ = try store.write(markedProfile(model: "ads", marker: 1))
        let expected = ProfileError.unknownModel(path: path, model: "churn", known: ["ads", "fraud"])
        #expect(throws: expected) { _ = try store.profile(model: "churn") }
        #expect(throws: expected) { _ = try store.profile(model: "churn", version: 1) }
        #expect(throws: expected) { _ = try store.versions(model: "churn") }
        #expect(throws: expected) { try store.activate(model: "churn", version: 1) }
        #expect(try store.activeVersion(model: "churn") == nil)
        #expect(expected.description == "\(path): no profile for model \"churn\" (models: ads, fraud)")
    }

    @Test func unknownVersionListsVersions() throws {
        let path = try temporaryDatabasePath()
        let store = try ProfileStore(path: path)
        _ = try store.write(markedProfile(model: "churn", marker: 1))
        _ = try store.write(markedProfile(model: "churn", marker: 2))
        for version in [0, 3, -1, Int.max] {
            let expected = ProfileError.unknownVersion(path: path, model: "churn", version: version, known: [1, 2])
            #expect(throws: expected) { _ = try store.profile(model: "churn", version: version) }
            #expect(throws: expected) { try store.activate(model: "churn", version: version) }
        }
        #expect(try store.activeVersion(model: "churn") == 2)
    }

    @Test func invalidProfilesAreRefusedAndNothingIsWritten() throws {
        let path = try temporaryDatabasePath()
        let store = try ProfileStore(path: path)
        let good = try markedProfile(model: "churn", marker: 1)
        _ = try store.write(good)

        func with(model: String = "churn", features: [FeatureProfile], createdAt: Date = Date(timeIntervalSinceReferenceDate: 0)) -> ReferenceProfile {
            ReferenceProfile(model: model, createdAt: createdAt, source: good.source, settings: good.settings, features: features)
        }
        let feature = good.features[0]
        let unsorted = FeatureProfile(
            name: "u", kind: .numeric, rowCount: 2, missing: .init(), summary: SummaryStatistics([2.0, 1.0]),
            sample: [2.0, 1.0], sampleIsExact: true, psiBins: nil, categories: [:])
        let nonFinite = FeatureProfile(
            name: "n", kind: .numeric, rowCount: 2, missing: .init(), summary: SummaryStatistics([1.0]),
            sample: [1.0, .infinity], sampleIsExact: true, psiBins: nil, categories: [:])
        let negative = categoricalFeature("c", ["a": -1])
        let cases: [(ReferenceProfile, String)] = [
            (with(model: "", features: [feature]), "model"),
            (with(features: [feature, feature]), "features"),
            (with(features: [unsorted]), "features"),
            (with(features: [nonFinite]), "features"),
            (with(features: [negative]), "features"),
            (with(features: [feature], createdAt: Date(timeIntervalSinceReferenceDate: .nan)), "createdAt"),
        ]
        for (profile, name) in cases {
            #expect {
                _ = try store.write(profile)
            } throws: { error in
                guard case let .invalidArgument(errorName, reason)? = error as? ProfileError else { return false }
                return errorName == name && !reason.isEmpty
            }
        }
        #expect(try store.versions(model: "churn") == [1])
        #expect(try store.list().count == 1)
        #expect(try rowCount("feature", path) == good.features.count)
    }

    @Test func aWriteFailingHalfwayLeavesThePreviousStateIntact() throws {
        let path = try temporaryDatabasePath()
        let store = try ProfileStore(path: path)
        let first = try store.write(markedProfile(model: "churn", marker: 1))
        // Make SQLite fail on the very last insert of the next write (another program's trigger).
        try withRawConnection(path) { db in
            try db.execute(sql: """
                CREATE TRIGGER injected_failure BEFORE INSERT ON category WHEN NEW.category = 'boom'
                BEGIN SELECT RAISE(ABORT, 'injected failure'); END
                """)
        }
        let before = (try rowCount("profile", path), try rowCount("feature", path), try rowCount("category", path))
        var failing = try markedProfile(model: "churn", marker: 2, features: 20)
        failing = ReferenceProfile(
            model: "churn", createdAt: failing.createdAt, source: failing.source, settings: failing.settings,
            features: failing.features + [categoricalFeature("z", ["boom": 1])])
        #expect {
            _ = try store.write(failing)
        } throws: { error in
            guard case let .database(errorPath, message)? = error as? ProfileError else { return false }
            return errorPath == path && message.contains("injected failure")
        }
        let after = (try rowCount("profile", path), try rowCount("feature", path), try rowCount("category", path))
        #expect(after == before)
        #expect(try store.versions(model: "churn") == [1])
        #expect(try store.profile(model: "churn") == first)
        // A new model's first write rolls back its model row too.
        let newModel = ReferenceProfile(
            model: "fraud", createdAt: failing.createdAt, source: failing.source, settings: failing.settings,
            features: failing.features)
        #expect(throws: ProfileError.self) { _ = try store.write(newModel) }
        #expect(try store.activeVersion(model: "fraud") == nil)
        #expect(try store.list().map(\.model) == ["churn"])
        let report = try integrityReport(path)
        #expect(report.integrity == ["ok"] && report.foreignKeyViolations == 0)
    }

    @Test func damagedStoredValuesAreReportedNotTrapped() throws {
        let path = try temporaryDatabasePath()
        do {
            let store = try ProfileStore(path: path)
            _ = try store.write(richProfile())
        }
        let location = "\(path): profile \"churn\" version 1 is damaged: "
        let damages: [(sql: String, detail: String)] = [
            ("UPDATE feature SET sample = x'0102' WHERE name = 'age'",
             "feature \"age\" sample: BLOB has 2 bytes, fewer than the 16-byte array header"),
            ("UPDATE feature SET psi_counts = psi_edges WHERE name = 'income'",
             "feature \"income\" PSI counts: element type float64 (tag 1), expected int64 (tag 2)"),
            ("UPDATE feature SET psi_counts = NULL WHERE name = 'income'",
             "feature \"income\" has PSI edges without counts or counts without edges"),
            ("UPDATE feature SET summary_mean = 1e308 WHERE name = 'age'",
             "feature \"age\" summary: invalid mean: 1e+308 is not within [-3.5, 1e+300]"),
            ("UPDATE feature SET summary_mean = 'text' WHERE name = 'age'",
             "feature.summary_mean holds text, expected a real number"),
            ("UPDATE feature SET row_count = 'many' WHERE name = 'plan'",
             "feature.row_count holds text, expected an integer"),
            ("UPDATE feature SET missing_nan = 2.5 WHERE name = 'plan'",
             "feature.missing_nan holds real 2.5, expected an integer"),
            ("UPDATE feature SET sample = 42 WHERE name = 'plan'",
             "feature.sample holds integer 42, expected a BLOB"),
            ("UPDATE feature SET kind = 'ordinal' WHERE name = 'plan'",
             "feature \"plan\" has unknown kind \"ordinal\""),
            ("UPDATE feature SET sample = (SELECT sample FROM feature WHERE name = 'income') WHERE name = 'age'",
             ""),  // a valid sample from another feature: not detectable, reads fine
            ("UPDATE profile SET feature_count = 6",
             "5 features stored, the profile lists 6"),
            ("UPDATE profile SET categorical_columns = '{\"a\": 1}'",
             "profile.categorical_columns is not a JSON array of strings"),
            ("DELETE FROM feature WHERE name = 'income'",
             "feature at position 2 where position 1 was expected"),
        ]
        for damage in damages {
            let copy = try temporaryDatabasePath()
            try FileManager.default.copyItem(atPath: path, toPath: copy)
            try withRawConnection(copy) { db in
                try db.execute(sql: """
                    PRAGMA ignore_check_constraints = ON; PRAGMA foreign_keys = OFF;
                    DROP TRIGGER feature_is_immutable; DROP TRIGGER profile_is_immutable;
                    """)
                try db.execute(sql: damage.sql)
            }
            let damaged = try ProfileStore(path: copy)
            if damage.detail.isEmpty {
                _ = try damaged.profile(model: "churn")
                continue
            }
            do {
                _ = try damaged.profile(model: "churn")
                Issue.record("\(damage.sql): read succeeded")
            } catch let error as ProfileError {
                let expectedPrefix = location.replacingOccurrences(of: path, with: copy)
                #expect(error.description == expectedPrefix + damage.detail, "\(damage.sql)")
            }
        }
    }

    @Test func storedProfilesCannotBeUpdatedInPlace() throws {
        let path = try temporaryDatabasePath()
        let store = try ProfileStore(path: path)
        let written = try store.write(richProfile())
        for sql in [
            "UPDATE profile SET source_row_count = 1",
            "UPDATE feature SET row_count = 1",
            "UPDATE category SET count = 1",
        ] {
            #expect(throws: DatabaseError.self) {
                try withRawConnection(path) { db in try db.execute(sql: sql) }
            }
        }
        #expect(try store.profile(model: "churn") == written)
    }

    // MARK: - Round trip

    @Test func profileRoundTripsBitExactly() throws {
        let store = try ProfileStore(path: try temporaryDatabasePath())
        let original = try richProfile()
        let written = try store.write(original)
        #expect(written == original.withVersion(1))
        let read = try store.profile(model: "churn")
        #expect(read == written)
        #expect(try store.profile(model: "churn", version: 1) == written)

        // Equality of doubles treats -0.0 == 0.0: compare bit patterns too.
        #expect(read.createdAt.timeIntervalSinceReferenceDate.bitPattern
                == original.createdAt.timeIntervalSinceReferenceDate.bitPattern)
        #expect(read.settings.seed == UInt64.max - 5)
        #expect(read.settings.categorical == ["plan", "zip code", "ünï"])
        for (readFeature, originalFeature) in zip(read.features, original.features) {
            #expect(readFeature.sample.map(\.bitPattern) == originalFeature.sample.map(\.bitPattern))
            #expect(readFeature.psiBins?.edges.map(\.bitPattern) == originalFeature.psiBins?.edges.map(\.bitPattern))
            #expect(readFeature.psiBins?.referenceCounts == originalFeature.psiBins?.referenceCounts)
            let fields: (SummaryStatistics) -> [UInt64] = {
                [$0.mean.bitPattern, $0.sumOfSquaredDeviations.bitPattern, $0.minimum.bitPattern, $0.maximum.bitPattern]
            }
            #expect(fields(readFeature.summary) == fields(originalFeature.summary))
            #expect(readFeature.summary.count == originalFeature.summary.count)
            #expect(readFeature.summary.nonFiniteCount == originalFeature.summary.nonFiniteCount)
            #expect(readFeature.categories == originalFeature.categories)
            #expect(readFeature.missing == originalFeature.missing)
        }
        // The fixture really holds the edge cases the test claims.
        let age = try #require(read.feature(named: "age"))
        #expect(age.sample.contains { $0 == 0 && $0.sign == .minus })
        #expect(age.sample.contains { $0.isSubnormal })
        #expect(age.missing == MissingCounts(empty: 2, notANumber: 1, infinite: 1))
        let income = try #require(read.feature(named: "income"))
        #expect(!income.sampleIsExact && income.summary.nonFiniteCount == 2)
        #expect(income.psiBins?.edges.first == -.greatestFiniteMagnitude)
        #expect(income.psiBins?.edges[1].sign == .minus)
        #expect(read.feature(named: "plan")?.categories[FeatureProfile.otherCategory] == 3)
        #expect(read.feature(named: "all_missing")?.summary.count == 0)
        #expect(read.features.map(\.name) == ["age", "income", "plan", "all_missing", "neg_zero"])
        // A REAL column would have turned -0.0 into +0.0.
        #expect(read.feature(named: "neg_zero")?.summary.minimum.sign == .minus)
        #expect(read.feature(named: "neg_zero")?.sample.allSatisfy { $0.sign == .minus } == true)
    }

    @Test func aLargeSampleRoundTrips() throws {
        let store = try ProfileStore(path: try temporaryDatabasePath())
        var generator = SplitMix64(seed: 3)
        let values = (0..<100_000).map { _ in Double(bitPattern: generator.next() >> 2) * (generator.next() & 1 == 0 ? 1 : -1) }
            .filter(\.isFinite)
        let profile = ReferenceProfile(
            model: "big", createdAt: Date(timeIntervalSinceReferenceDate: 1),
            source: ProfileSource(description: "test", rowCount: values.count, contentHash: "fnv1a64:0"),
            settings: ProfileSettings(), features: [try exactNumericFeature("x", values)])
        _ = try store.write(profile)
        let read = try store.profile(model: "big")
        #expect(read.features[0].sample.map(\.bitPattern) == profile.features[0].sample.map(\.bitPattern))
    }

    // MARK: - Versions and activation

    @Test func versionsIncreasePerModelIndependently() throws {
        let store = try ProfileStore(path: try temporaryDatabasePath())
        #expect(try store.write(markedProfile(model: "churn", marker: 1)).version == 1)
        #expect(try store.write(markedProfile(model: "fraud", marker: 2)).version == 1)
        #expect(try store.write(markedProfile(model: "churn", marker: 3)).version == 2)
        #expect(try store.write(markedProfile(model: "churn", marker: 4).withVersion(17)).version == 3)
        #expect(try store.write(markedProfile(model: "fraud", marker: 5)).version == 2)
        #expect(try store.versions(model: "churn") == [1, 2, 3])
        #expect(try store.versions(model: "fraud") == [1, 2])
        #expect(try store.profile(model: "churn", version: 2).source.description == "marker:3")
        #expect(try store.profile(model: "fraud", version: 1).source.description == "marker:2")
    }

    @Test func theNewestWriteIsActiveAndActivateRollsBack() throws {
        let store = try ProfileStore(path: try temporaryDatabasePath())
        let first = try store.write(markedProfile(model: "churn", marker: 1))
        let second = try store.write(markedProfile(model: "churn", marker: 2))
        #expect(try store.activeVersion(model: "churn") == 2)
        #expect(try store.profile(model: "churn") == second)

        try store.activate(model: "churn", version: 1)
        #expect(try store.activeVersion(model: "churn") == 1)
        #expect(try store.profile(model: "churn") == first)
        #expect(try store.profile(model: "churn", version: 2) == second)  // still stored, unchanged

        // A write after a rollback becomes version 3 and active.
        let third = try store.write(markedProfile(model: "churn", marker: 3))
        #expect(third.version == 3)
        #expect(try store.activeVersion(model: "churn") == 3)
        try store.activate(model: "churn", version: 3)  // activating the active version is a no-op
        #expect(try store.profile(model: "churn") == third)
    }

    @Test func listReportsEveryVersionNewestFirstPerModel() throws {
        let store = try ProfileStore(path: try temporaryDatabasePath())
        #expect(try store.list().isEmpty)
        let churn1 = try store.write(markedProfile(model: "churn", marker: 1))
        _ = try store.write(markedProfile(model: "churn", marker: 2, features: 5))
        _ = try store.write(markedProfile(model: "ads", marker: 3))
        try store.activate(model: "churn", version: 1)
        let listing = try store.list()
        #expect(listing.map { "\($0.model)@\($0.version)\($0.isActive ? "*" : "")" } == ["ads@1*", "churn@2", "churn@1*"])
        #expect(listing[1].featureCount == 6)
        #expect(listing[2] == ProfileListing(
            model: "churn", version: 1, createdAt: churn1.createdAt, isActive: true, source: churn1.source,
            featureCount: churn1.features.count))
    }

    // MARK: - Concurrency (WAL)

    @Test func aReaderSeesTheOldStateUntilTheWriterCommits() throws {
        let path = try temporaryDatabasePath()
        let store = try ProfileStore(path: path)
        let first = try store.write(markedProfile(model: "churn", marker: 1))
        let second = try store.write(markedProfile(model: "churn", marker: 2))
        try store.activate(model: "churn", version: 1)
        // Another connection holds an uncommitted write: the store's readers are not blocked
        // and see the committed state.
        try withRawConnection(path) { db in
            try db.inTransaction(.immediate) {
                try db.execute(sql: "UPDATE model SET active_version = 2")
                #expect(try store.activeVersion(model: "churn") == 1)
                #expect(try store.profile(model: "churn") == first)
                #expect(try store.list().count == 2)
                return .commit
            }
        }
        #expect(try store.profile(model: "churn") == second)
    }

    @Test func concurrentReadersSeeWholeProfilesWhileAWriterWrites() throws {
        let path = try temporaryDatabasePath()
        let writer = try ProfileStore(path: path)
        let reader = try ProfileStore(path: path)  // a second pool, as another process would have
        let generations = 12
        _ = try writer.write(markedProfile(model: "churn", marker: 0, features: 40, sampleSize: 2_000))
        // The writer gets a thread of its own: a task would wait for a free thread of the
        // cooperative pool, which this busy reader and the tests running beside it can hold for
        // longer than the deadline (the reader then sees generation 0 only).
        let writing = WriterThread {
            for marker in 1...generations {
                _ = try writer.write(markedProfile(model: "churn", marker: marker, features: 40, sampleSize: 2_000))
            }
        }
        var seen: [Int] = []
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            let profile = try reader.profile(model: "churn")
            let marker = profile.version - 1
            // A whole profile of one generation: every feature, every value, the listing.
            #expect(profile.source.description == "marker:\(marker)")
            #expect(profile.features.count == 41)
            #expect(profile.features.dropLast().allSatisfy { $0.sample.first == Double(marker) && $0.sample.count == 2_000 })
            #expect(profile.features.last?.categories == ["marker": marker + 1])
            seen.append(profile.version)
            if profile.version == generations + 1 { break }
        }
        try writing.join()
        #expect(seen.last == generations + 1)
        #expect(seen == seen.sorted(), "versions went backwards: \(seen)")
        #expect(try reader.versions(model: "churn") == Array(1...(generations + 1)))
        let report = try integrityReport(path)
        #expect(report.integrity == ["ok"] && report.foreignKeyViolations == 0)
    }
}

/// `body` running on a thread of its own, outside Swift concurrency's cooperative pool.
private final class WriterThread: @unchecked Sendable {
    private let finished = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var failure: (any Error)?

    init(_ body: @escaping @Sendable () throws -> Void) {
        Thread { [self] in
            do { try body() } catch { lock.withLock { failure = error } }
            finished.signal()
        }.start()
    }

    /// Waits for `body` to return and rethrows its error.
    func join() throws {
        finished.wait()
        if let failure = lock.withLock({ failure }) { throw failure }
    }
}
