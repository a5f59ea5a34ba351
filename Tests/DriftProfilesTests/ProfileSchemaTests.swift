import Foundation
import GRDB
import Testing
@testable import DriftProfiles

@Suite struct ProfileSchemaTests {
    @Test func foreignKeysRejectOrphans() throws {
        let path = try temporaryDatabasePath()
        let store = try ProfileStore(path: path)
        _ = try store.write(markedProfile(model: "churn", marker: 1))
        // Every SQLite connection must enable foreign keys itself; GRDB's raw connection does.
        #expect(throws: DatabaseError.self) {
            try withRawConnection(path) { db in
                try db.execute(sql: "INSERT INTO category (feature_id, category, count) VALUES (999, 'x', 1)")
            }
        }
        #expect(throws: DatabaseError.self) {
            try withRawConnection(path) { db in
                try db.execute(sql: "UPDATE model SET active_version = 7")  // no version 7
            }
        }
        #expect(throws: DatabaseError.self) {
            try withRawConnection(path) { db in
                try db.execute(sql: "INSERT INTO model (name, active_version) VALUES ('fraud', 1)")  // no profile
            }
        }
        // The store's own connections enforce them too.
        let enabled = try store.pool.read { db in try Int.fetchOne(db, sql: "PRAGMA foreign_keys") }
        #expect(enabled == 1)
    }

    @Test func applicationIDIsDWPFInTheFileHeader() throws {
        let path = try temporaryDatabasePath()
        do { _ = try ProfileStore(path: path) }
        let header = try #require(FileManager.default.contents(atPath: path)).prefix(72)
        #expect(Array(header.suffix(4)) == Array("DWPF".utf8))
        #expect(ProfileStore.applicationID == 0x4457_5046)
    }

    @Test func theMigrationsCreateTheDocumentedTables() throws {
        let path = try temporaryDatabasePath()
        do { _ = try ProfileStore(path: path) }
        let tables = try withRawConnection(path) { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        }
        #expect(tables == ["category", "check_run", "feature", "grdb_migrations", "model", "profile", "profile_multivariate"])
        let triggers = try withRawConnection(path) { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
        }
        #expect(triggers == ["category_is_immutable", "feature_is_immutable", "profile_is_immutable",
                             "profile_multivariate_is_immutable"])
        #expect(ProfileSchema.migrator.migrations == ["v1-profiles", "v2-history", "v3-multivariate", "v4-run-version", "v5-run-rows"])
    }

    @Test func aLaterMigrationCanBeAppended() throws {
        // What the hourly job's "v2-history" will do: append a migration, reopen, keep the data.
        let path = try temporaryDatabasePath()
        let store = try ProfileStore(path: path)
        let written = try store.write(markedProfile(model: "churn", marker: 1))
        var migrator = ProfileSchema.migrator
        migrator.registerMigration("v2-test") { db in
            try db.execute(sql: "CREATE TABLE run (id INTEGER PRIMARY KEY, profile_id INTEGER NOT NULL REFERENCES profile (id))")
        }
        try migrator.migrate(store.pool)
        #expect(try store.profile(model: "churn") == written)
    }
}

@Suite struct ProfileSchemaRunRowsTests {
    @Test("v5-run-rows fills production_rows of earlier runs from their result JSON and indexes the window")
    func backfill() throws {
        let path = try temporaryDatabasePath()
        // A database as the v4 build left it, with three recorded runs.
        do {
            let queue = try DatabaseQueue(path: path)
            try ProfileSchema.migrator.migrate(queue, upTo: ProfileSchema.v4RunVersion)
            try queue.close()
        }
        try withRawConnection(path) { db in
            for (window, result) in [(100.0, #"{"production_rows": 412, "model": "m"}"#), (200.0, #"{"model": "m"}"#),
                                     (300.0, #"{"production_rows": "many"}"#)] {
                try db.execute(
                    sql: "INSERT INTO check_run (model, started_at, window_end, status, result) VALUES ('m', 0, ?, 'success', ?)",
                    arguments: [window, result])
            }
            try db.execute(sql: "INSERT INTO check_run (model, started_at, window_end, status) VALUES ('m', 0, 400, 'failure')")
        }
        _ = try ProfileStore(path: path)
        let rows = try withRawConnection(path) { db in
            try Row.fetchAll(db, sql: "SELECT window_end, production_rows FROM check_run ORDER BY window_end")
                .map { ($0[0] as Double, $0[1] as Int?) }
        }
        #expect(rows.map(\.1) == [412, nil, nil, nil])
        let indexes = try withRawConnection(path) { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'check_run' ORDER BY name")
        }
        #expect(indexes.contains("check_run_model_window"))
    }
}
