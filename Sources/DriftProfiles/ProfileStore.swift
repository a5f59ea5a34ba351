import Foundation
import GRDB

/// The SQLite database of reference profiles: every model's profile versions, immutable once
/// written, and which version of each model is active.
///
/// The file is a SQLite database in WAL mode (readers never block the writer and see either
/// the state before or after a write, never a part of it) built by versioned migrations
/// (`"v1-profiles"`, …; the tables are described in `ProfileSchema.swift`). Every write is one
/// transaction, so a crash at any moment leaves the previous state intact.
///
/// Opening touches nothing until the file is known to be a Driftwatch database this build can
/// use: a CSV file, another application's SQLite database or a database written by a newer
/// Driftwatch is refused with its bytes unchanged and no `-wal`/`-shm` file created.
///
/// ```swift
/// let store = try ProfileStore(path: "profiles.db")
/// let stored = try store.write(profile)            // version 1, 2, … per model; now active
/// let active = try store.profile(model: "churn")   // the active version
/// try store.activate(model: "churn", version: 1)   // roll back
/// ```
///
/// A store is safe to share between threads; several processes may open the same file.
public final class ProfileStore: Sendable {
    /// `PRAGMA application_id` of a Driftwatch profile database: `0x44575046`, the ASCII bytes
    /// `DWPF`, at offset 68 of the file header (`file(1)` and `sqlite3` show it).
    ///
    /// ```swift
    /// ProfileStore.applicationID   // 1146572870
    /// ```
    public static let applicationID: Int32 = ProfileSchema.applicationID

    /// The identifiers of the schema migrations this build knows, in order (`"v1-profiles"`, …).
    ///
    /// ```swift
    /// ProfileStore.knownMigrations   // ["v1-profiles", "v2-history", "v3-multivariate", "v4-run-version", "v5-run-rows"]
    /// ```
    ///
    /// - Complexity: O(number of migrations).
    public static var knownMigrations: [String] { ProfileSchema.migrator.migrations }

    /// The database file, as given to ``init(path:createIfMissing:)``.
    public let path: String

    /// The WAL-mode connection pool (one writer, concurrent readers). The hourly job's run
    /// history (DriftMonitor's `RunHistory`) reads and writes the `check_run` table through it.
    package let pool: DatabasePool

    /// Opens (or creates) a profile database, checking it before anything is written.
    ///
    /// An existing file is first inspected read-only: it must be empty, or a SQLite database
    /// carrying ``applicationID`` (or a new, empty SQLite database), whose applied migrations
    /// are all known to this build. Only then is the pool opened (switching the file to WAL
    /// mode) and any missing migration applied.
    ///
    /// ```swift
    /// let store = try ProfileStore(path: "profiles.db")                          // creates it if needed
    /// let reader = try ProfileStore(path: "profiles.db", createIfMissing: false) // must exist
    /// ```
    ///
    /// - Parameters:
    ///   - path: The database file.
    ///   - createIfMissing: Whether to create the file when it does not exist (default `true`).
    /// - Throws: ``ProfileError/databaseNotFound(path:)`` when the file is missing and
    ///   `createIfMissing` is `false`; ``ProfileError/notADriftwatchDatabase(path:reason:)`` for a
    ///   file that is not SQLite or belongs to another application;
    ///   ``ProfileError/newerSchema(path:unknownMigrations:)`` for a database migrated by a newer
    ///   Driftwatch; ``ProfileError/database(path:message:)`` when SQLite fails (unreadable file,
    ///   missing directory, lock timeout). In each case an existing file is left unchanged.
    /// - Complexity: O(1) in the size of the database (the checks read the header, the schema
    ///   and the migration list).
    public init(path: String, createIfMissing: Bool = true) throws {
        self.path = path
        let migrator = ProfileSchema.migrator
        try ProfileStore.inspectBeforeOpening(path: path, migrator: migrator, createIfMissing: createIfMissing)
        pool = try ProfileStore.wrappingErrors(path: path) {
            var configuration = Configuration()
            configuration.label = "Driftwatch.ProfileStore"
            configuration.foreignKeysEnabled = true
            configuration.busyMode = .timeout(ProfileStore.busyTimeout)
            let pool = try DatabasePool(path: path, configuration: configuration)
            // A returned write is on disk, even across a power loss (GRDB's WAL default is NORMAL,
            // which is already crash-safe for a killed process).
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = FULL")
            }
            // Check again through the pool: another process may have changed the file between
            // the read-only inspection and this point.
            try pool.read { db in
                try ProfileStore.verify(db, path: path, migrator: migrator)
            }
            try migrator.migrate(pool)
            return pool
        }
    }

    /// How long a write waits for another process's write transaction before failing.
    static let busyTimeout: TimeInterval = 10

    /// Runs `body`, turning GRDB and other non-``ProfileError`` errors into
    /// ``ProfileError/database(path:message:)`` carrying SQLite's message.
    ///
    /// - Parameters:
    ///   - path: The database file, for the message.
    ///   - body: The database work.
    /// - Returns: What `body` returns.
    /// - Throws: The ``ProfileError`` thrown by `body`, or the wrapped error.
    static func wrappingErrors<T>(path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ProfileError {
            throw error
        } catch let error as DatabaseError {
            throw ProfileError.database(path: path, message: error.message ?? error.description)
        } catch {
            throw ProfileError.database(path: path, message: "\(error)")
        }
    }

    /// ``wrappingErrors(path:_:)`` for this store's file.
    package func wrappingErrors<T>(_ body: () throws -> T) throws -> T {
        try ProfileStore.wrappingErrors(path: path, body)
    }
}
