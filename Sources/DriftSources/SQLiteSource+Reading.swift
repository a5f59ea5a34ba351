import Foundation
import GRDB

extension SQLiteSource {
    /// Opens `path` read-only and runs `body` inside one read transaction, so every query of
    /// `body` sees the same snapshot of the database.
    ///
    /// - Throws: ``SourceError/invalidSource(description:reason:)`` naming `description` for a
    ///   missing or unreadable file and for every SQLite error (a missing table, a bad query);
    ///   other errors thrown by `body` pass unchanged.
    package static func withReadTransaction<T>(
        path: String, description: String, _ body: (Database) throws -> T
    ) throws -> T {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw SourceError.invalidSource(description: description, reason: "no such file")
        }
        guard !isDirectory.boolValue else {
            throw SourceError.invalidSource(description: description, reason: "is a directory")
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw SourceError.invalidSource(description: description, reason: "file is not readable")
        }
        do {
            var configuration = Configuration()
            configuration.readonly = true
            configuration.label = "driftwatch-source"
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            return try queue.read(body)
        } catch let error as DatabaseError {
            throw SourceError.invalidSource(description: description, reason: error.message ?? "\(error)")
        }
    }

    /// Prepares `SELECT * FROM` the source and returns the statement and its column names.
    ///
    /// - Throws: ``SourceError/invalidSource(description:reason:)`` when SQLite rejects it
    ///   (no such table, a syntax error, a statement that is not a `SELECT`).
    package func prepareSelectAll(_ db: Database, description: String) throws -> Statement {
        do {
            let statement = try db.makeStatement(sql: selectAll)
            guard statement.isReadonly else {
                throw SourceError.invalidSource(description: description, reason: "only a SELECT can be read")
            }
            return statement
        } catch let error as DatabaseError {
            throw SourceError.invalidSource(description: description, reason: error.message ?? "\(error)")
        }
    }
}
