import Foundation
import GRDB

extension ProfileStore {
    /// The 16 bytes every SQLite database file starts with.
    static let sqliteMagic = Array("SQLite format 3\0".utf8)

    /// Checks an existing file before anything may write to it; a missing file is fine when it
    /// may be created.
    ///
    /// 1. The raw header: an empty file is a new database; otherwise the file must start with
    ///    the SQLite magic string.
    /// 2. A read-only connection (``Configuration/readonly``) reads the application id, the
    ///    schema and the applied migrations (``verify(_:path:migrator:)``). When no `-wal` file
    ///    exists, the whole database is in the main file and the connection is opened
    ///    `immutable=1`, so that SQLite creates no `-wal`/`-shm` file; when one exists, it may
    ///    hold committed transactions and an ordinary read-only connection reads through it.
    ///
    /// - Parameters:
    ///   - path: The database file.
    ///   - migrator: The migrations this build knows.
    ///   - createIfMissing: Whether a missing file is acceptable.
    /// - Throws: The errors of ``init(path:createIfMissing:)``.
    /// - Complexity: O(1) in the size of the database.
    static func inspectBeforeOpening(path: String, migrator: DatabaseMigrator, createIfMissing: Bool) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            if createIfMissing { return }
            throw ProfileError.databaseNotFound(path: path)
        }
        guard !isDirectory.boolValue else {
            throw ProfileError.notADriftwatchDatabase(path: path, reason: "it is a directory")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ProfileError.database(path: path, message: "cannot open the file for reading")
        }
        let header: Data
        do {
            defer { try? handle.close() }
            header = try handle.read(upToCount: 100) ?? Data()
        } catch {
            throw ProfileError.database(path: path, message: "cannot read the file: \(error.localizedDescription)")
        }
        if header.isEmpty { return }  // SQLite treats an empty file as an empty database.
        guard header.count == 100, Array(header.prefix(sqliteMagic.count)) == sqliteMagic else {
            throw ProfileError.notADriftwatchDatabase(path: path, reason: "not a SQLite database")
        }

        var configuration = Configuration()
        configuration.readonly = true
        configuration.label = "Driftwatch.ProfileStore.inspection"
        let walExists = FileManager.default.fileExists(atPath: path + "-wal")
        let connectionPath = supportsURIFilenames
            ? uriFilename(for: path, immutable: !walExists) : path
        try wrappingErrors(path: path) {
            let queue: DatabaseQueue
            do {
                queue = try DatabaseQueue(path: connectionPath, configuration: configuration)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
                throw ProfileError.notADriftwatchDatabase(
                    path: path, reason: "not a SQLite database: \(error.message ?? "file is not a database")")
            }
            defer { try? queue.close() }
            try queue.read { db in
                try verify(db, path: path, migrator: migrator)
            }
        }
    }

    /// Checks that an open database is Driftwatch's and holds no unknown migration.
    ///
    /// Accepted: application id ``applicationID`` with only known migrations applied, or
    /// application id 0 with no schema object other than GRDB's empty migration table (a new
    /// database, or one whose creation was interrupted before the first migration committed).
    ///
    /// - Parameters:
    ///   - db: A connection (read-only is enough).
    ///   - path: The file, for error messages.
    ///   - migrator: The migrations this build knows.
    /// - Throws: ``ProfileError/notADriftwatchDatabase(path:reason:)``,
    ///   ``ProfileError/newerSchema(path:unknownMigrations:)``, or the SQLite error.
    /// - Complexity: O(number of schema objects and migrations).
    static func verify(_ db: Database, path: String, migrator: DatabaseMigrator) throws {
        let applicationID = try DatabaseValue.fetchOne(db, sql: "PRAGMA application_id")
        guard case let .int64(id)? = applicationID?.storage else {
            throw ProfileError.notADriftwatchDatabase(path: path, reason: "its application_id cannot be read")
        }
        let applied = try migrator.appliedIdentifiers(db)
        if id == Int64(ProfileSchema.applicationID) {
            let unknown = applied.subtracting(migrator.migrations)
            guard unknown.isEmpty else {
                throw ProfileError.newerSchema(path: path, unknownMigrations: unknown.sorted())
            }
            return
        }
        guard id == 0 else {
            let hex = String(UInt32(truncatingIfNeeded: id), radix: 16, uppercase: true)
            throw ProfileError.notADriftwatchDatabase(
                path: path, reason: "application_id 0x\(hex) is not Driftwatch's 0x44575046")
        }
        let objects = try String.fetchAll(
            db,
            sql: """
                SELECT name FROM sqlite_master
                WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> 'grdb_migrations'
                ORDER BY name
                """)
        guard objects.isEmpty, applied.isEmpty else {
            let listed = objects.prefix(5).joined(separator: ", ") + (objects.count > 5 ? ", …" : "")
            let what = objects.isEmpty ? "applied migrations \(applied.sorted().joined(separator: ", "))" : listed
            throw ProfileError.notADriftwatchDatabase(
                path: path, reason: "no Driftwatch application_id and it holds another application's schema (\(what))")
        }
    }

    /// Whether this SQLite build reads `file:` URI filenames without `SQLITE_OPEN_URI` (GRDB
    /// does not pass that flag). Debian's libsqlite3 is built with `SQLITE_USE_URI=1`.
    static var supportsURIFilenames: Bool {
        do {
            let queue = try DatabaseQueue()
            return try queue.read { db in
                try Bool.fetchOne(db, sql: "SELECT sqlite_compileoption_used('USE_URI')") ?? false
            }
        } catch {
            return false
        }
    }

    /// A read-only `file:` URI for `path`, percent-encoding everything but unreserved characters
    /// and `/`, with `immutable=1` when requested.
    ///
    /// - Parameters:
    ///   - path: A file path, relative or absolute.
    ///   - immutable: Whether SQLite may skip locking and never create `-wal`/`-shm` files.
    /// - Returns: `file:///absolute/path?mode=ro[&immutable=1]`.
    /// - Complexity: O(path length).
    static func uriFilename(for path: String, immutable: Bool) -> String {
        let absolute = path.hasPrefix("/")
            ? path : FileManager.default.currentDirectoryPath + "/" + path
        var encoded = "file://"
        for byte in absolute.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                encoded += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return encoded + (immutable ? "?mode=ro&immutable=1" : "?mode=ro")
    }
}
