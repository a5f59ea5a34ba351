import DriftStatistics
import DriftTestSupport
import Foundation
import GRDB
import Testing
@testable import DriftProfiles

/// Opening refuses what is not a Driftwatch database this build can use, and touches nothing
/// when it does: same bytes, no `-wal`/`-shm`/`-journal` file.
@Suite struct ProfileStoreOpeningTests {
    /// Opens `path`, expects `expected`, and checks the file and its directory are unchanged.
    private func expectRefusal(
        _ path: String, createIfMissing: Bool = true, sourceLocation: SourceLocation = #_sourceLocation,
        matches expected: (ProfileError) -> Bool
    ) throws {
        let before = try FileState(of: path)
        do {
            _ = try ProfileStore(path: path, createIfMissing: createIfMissing)
            Issue.record("opening \(path) succeeded", sourceLocation: sourceLocation)
        } catch let error as ProfileError {
            #expect(expected(error), "unexpected error: \(error)", sourceLocation: sourceLocation)
            #expect(error.description.hasPrefix(path), sourceLocation: sourceLocation)
            #expect(!error.description.contains("\n"), sourceLocation: sourceLocation)
        }
        let after = try FileState(of: path)
        #expect(after == before, "before: \(before), after: \(after)", sourceLocation: sourceLocation)
    }

    // MARK: - Refusals (edge cases first)

    @Test func missingFileWithoutCreateIsNotFoundAndNotCreated() throws {
        let path = try temporaryDatabasePath()
        try expectRefusal(path, createIfMissing: false) { $0 == .databaseNotFound(path: path) }
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(try FileState(of: path).directoryListing.isEmpty)
    }

    @Test func missingDirectoryIsADatabaseError() throws {
        let path = try temporaryDirectory().appendingPathComponent("no/such/dir/profiles.db").path
        #expect {
            _ = try ProfileStore(path: path)
        } throws: { error in
            guard case let .database(errorPath, message)? = error as? ProfileError else { return false }
            return errorPath == path && !message.isEmpty
        }
    }

    @Test func csvFileIsRefusedUntouched() throws {
        let path = try temporaryDatabasePath("reference.csv")
        try Data("age,plan\n42,basic\n37,pro\n".utf8).write(to: URL(fileURLWithPath: path))
        try expectRefusal(path) { $0 == .notADriftwatchDatabase(path: path, reason: "not a SQLite database") }
    }

    @Test func randomBytesAreRefusedUntouched() throws {
        let path = try temporaryDatabasePath()
        var generator = SplitMix64(seed: 7)
        try Data((0..<8192).map { _ in UInt8.random(in: 0...255, using: &generator) })
            .write(to: URL(fileURLWithPath: path))
        try expectRefusal(path) { $0 == .notADriftwatchDatabase(path: path, reason: "not a SQLite database") }
    }

    @Test func tinyFileIsRefusedUntouched() throws {
        let path = try temporaryDatabasePath()
        try Data("SQLite format 3\0".utf8).write(to: URL(fileURLWithPath: path))
        try expectRefusal(path) { $0 == .notADriftwatchDatabase(path: path, reason: "not a SQLite database") }
    }

    @Test func sqliteHeaderFollowedByGarbageIsRefusedUntouched() throws {
        let path = try temporaryDatabasePath()
        var generator = SplitMix64(seed: 11)
        var bytes = Data("SQLite format 3\0".utf8)
        bytes.append(contentsOf: (0..<4080).map { _ in UInt8.random(in: 0...255, using: &generator) })
        try bytes.write(to: URL(fileURLWithPath: path))
        try expectRefusal(path) {
            $0 == .notADriftwatchDatabase(path: path, reason: "not a SQLite database: file is not a database")
        }
    }

    @Test func directoryIsRefused() throws {
        let path = try temporaryDirectory().path
        #expect(throws: ProfileError.notADriftwatchDatabase(path: path, reason: "it is a directory")) {
            _ = try ProfileStore(path: path)
        }
    }

    @Test func anotherApplicationsDatabaseIsRefusedUntouched() throws {
        let path = try temporaryDatabasePath("other.db")
        try withRawConnection(path) { db in
            try db.execute(sql: "PRAGMA application_id = 305419896; CREATE TABLE customer (id INTEGER PRIMARY KEY)")
        }
        try expectRefusal(path) {
            $0 == .notADriftwatchDatabase(path: path, reason: "application_id 0x12345678 is not Driftwatch's 0x44575046")
        }
    }

    @Test func databaseWithoutApplicationIDButWithTablesIsRefusedUntouched() throws {
        let path = try temporaryDatabasePath("other.db")
        try withRawConnection(path) { db in
            try db.execute(sql: "CREATE TABLE customer (id INTEGER PRIMARY KEY); CREATE INDEX customer_id ON customer (id)")
        }
        try expectRefusal(path) {
            $0 == .notADriftwatchDatabase(
                path: path,
                reason: "no Driftwatch application_id and it holds another application's schema (customer, customer_id)")
        }
    }

    @Test func walModeDatabaseOfAnotherApplicationIsRefusedWithoutCreatingWALFiles() throws {
        // A WAL-mode file with no -wal beside it: an ordinary read-only connection would create
        // -wal and -shm; the inspection must not.
        let path = try temporaryDatabasePath("other.db")
        let pool = try DatabasePool(path: path)
        try pool.write { db in try db.execute(sql: "CREATE TABLE t (x)") }
        try pool.close()
        #expect(try FileState(of: path).directoryListing == ["other.db"])
        try expectRefusal(path) { error in
            if case .notADriftwatchDatabase(path, _) = error { return true }
            return false
        }
    }

    @Test func anotherGRDBApplicationWithMigrationsIsRefused() throws {
        let path = try temporaryDatabasePath()
        let queue = try DatabaseQueue(path: path)
        var migrator = DatabaseMigrator()
        migrator.registerMigration("createPlayers") { db in try db.execute(sql: "CREATE TABLE player (id)") }
        try migrator.migrate(queue)
        try queue.close()
        try expectRefusal(path) { error in
            if case .notADriftwatchDatabase(path, let reason) = error { return reason.contains("player") }
            return false
        }
    }

    @Test func newerSchemaIsRefusedUntouched() throws {
        let path = try temporaryDatabasePath()
        do {
            let store = try ProfileStore(path: path)
            _ = try store.write(markedProfile(model: "churn", marker: 1))
        }
        // A newer Driftwatch added migrations this build does not know.
        try withRawConnection(path) { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9-future'), ('v3-other')")
        }
        #expect(try FileState(of: path).directoryListing == ["profiles.db"])
        try expectRefusal(path) {
            $0 == .newerSchema(path: path, unknownMigrations: ["v3-other", "v9-future"])
        }
        try expectRefusal(path, createIfMissing: false) { error in
            if case .newerSchema = error { return true }
            return false
        }
    }

    @Test func newerSchemaIsRefusedWhileAnotherProcessHasTheFileOpen() throws {
        // With a -wal file present the inspection reads through it (committed data may only be
        // there) and still refuses.
        let path = try temporaryDatabasePath()
        let writer = try ProfileStore(path: path)
        _ = try writer.write(markedProfile(model: "churn", marker: 1))
        try withRawConnection(path) { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9-future')")
        }
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))
        #expect(throws: ProfileError.newerSchema(path: path, unknownMigrations: ["v9-future"])) {
            _ = try ProfileStore(path: path)
        }
        withExtendedLifetime(writer) {}
    }

    // MARK: - Accepted files

    @Test func newFileIsCreatedAndMigrated() throws {
        let path = try temporaryDatabasePath()
        let store = try ProfileStore(path: path)
        #expect(store.path == path)
        #expect(try store.list().isEmpty)
        #expect(FileManager.default.fileExists(atPath: path))
        let (applicationID, journalMode, migrations) = try withRawConnection(path) { db in
            (try Int32.fetchOne(db, sql: "PRAGMA application_id"),
             try String.fetchOne(db, sql: "PRAGMA journal_mode"),
             try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
        }
        #expect(applicationID == ProfileStore.applicationID)
        #expect(journalMode == "wal")
        #expect(migrations == ["v1-profiles", "v2-history", "v3-multivariate", "v4-run-version", "v5-run-rows"])
        #expect(ProfileStore.knownMigrations == ["v1-profiles", "v2-history", "v3-multivariate", "v4-run-version", "v5-run-rows"])
    }

    @Test func emptyFileIsInitialised() throws {
        let path = try temporaryDatabasePath()
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        let store = try ProfileStore(path: path, createIfMissing: false)
        _ = try store.write(markedProfile(model: "churn", marker: 1))
        #expect(try store.versions(model: "churn") == [1])
    }

    @Test func emptySQLiteDatabaseIsInitialised() throws {
        let path = try temporaryDatabasePath()
        try withRawConnection(path) { db in try db.execute(sql: "PRAGMA user_version = 0; VACUUM") }
        #expect((try FileState(of: path).bytes?.count ?? 0) > 0)
        let store = try ProfileStore(path: path)
        #expect(try store.list().isEmpty)
    }

    @Test func reopeningKeepsProfilesAndDoesNotMigrateAgain() throws {
        let path = try temporaryDatabasePath()
        let written: ReferenceProfile
        do {
            let store = try ProfileStore(path: path)
            written = try store.write(richProfile())
        }
        let reopened = try ProfileStore(path: path, createIfMissing: false)
        #expect(try reopened.profile(model: "churn") == written)
        #expect(try withRawConnection(path) { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM grdb_migrations") } == 5)
    }

    @Test func pathsNeedingPercentEncodingWork() throws {
        let directory = try temporaryDirectory()
        let previous = FileManager.default.currentDirectoryPath
        // The read-only inspection opens a file: URI; ?, #, % and spaces must be encoded.
        let name = "rel ative?#%.db"
        do {
            let store = try ProfileStore(path: directory.appendingPathComponent(name).path)
            _ = try store.write(markedProfile(model: "m", marker: 2))
        }
        let uri = ProfileStore.uriFilename(for: directory.appendingPathComponent(name).path, immutable: true)
        #expect(uri.hasSuffix("/rel%20ative%3F%23%25.db?mode=ro&immutable=1"))
        #expect(uri.hasPrefix("file:///"))
        let reopened = try ProfileStore(path: directory.appendingPathComponent(name).path, createIfMissing: false)
        #expect(try reopened.versions(model: "m") == [1])
        #expect(FileManager.default.currentDirectoryPath == previous)
        #expect(ProfileStore.uriFilename(for: "x.db", immutable: false) == "file://" + previous + "/x.db?mode=ro")
    }
}
