import DriftSources
import Foundation
import GRDB

extension ProfileBuilder {
    /// Builds a reference profile from a SQLite table or `SELECT`, streaming its rows.
    ///
    /// ```swift
    /// let profile = try ProfileBuilder.fromSQLite(
    ///     path: "warehouse.db", source: .query("SELECT * FROM scored WHERE day < '2019-05-01'"),
    ///     model: "churn")
    /// ```
    ///
    /// Values map as follows: INTEGER and REAL are numbers; TEXT is read like a CSV cell
    /// (`"12.5"` is a number, `""` and `"NaN"` are missing, other text makes the column
    /// categorical); NULL is missing; a BLOB is the text `<blob>` (it makes the column
    /// categorical, all BLOBs being one category). In a categorical column an INTEGER counts as
    /// its digits (`"3"`) and a REAL as Swift's shortest form (`"2.5"`). The database is opened
    /// read-only and every pass (the second when needed, the multivariate one unless
    /// ``ProfileSettings/multivariate`` is off) runs in one read transaction, so they see the
    /// same data.
    ///
    /// The content hash is FNV-1a 64 over the column names and then every value of every row
    /// and column in the order SQLite returns them, each with a type tag (NULL, INTEGER as 8
    /// little-endian bytes, REAL as its 8 bit-pattern bytes, TEXT and BLOB as an 8-byte length
    /// and the bytes). A query without `ORDER BY` hashes in whatever order SQLite chooses.
    ///
    /// - Parameters:
    ///   - path: The SQLite database file (opened read-only).
    ///   - source: A table (or view), or a `SELECT`.
    ///   - model: The model the profile belongs to (not empty).
    ///   - columns: The columns to profile (all when `nil`), kept in source order. Names are
    ///     matched case-sensitively.
    ///   - settings: Caps, PSI bins, seed and forced-categorical columns.
    ///   - createdAt: The profile's creation time.
    /// - Returns: A profile with version 0 (the store assigns versions).
    /// - Throws: ``ProfileError/invalidSource(description:reason:)`` naming
    ///   `sqlite:PATH table=T` / `sqlite:PATH query=SQL` for a missing or unreadable file, a
    ///   missing table, a bad query, unknown or duplicate columns, or no rows;
    ///   ``ProfileError/invalidArgument(name:reason:)`` for an empty model name, an empty column
    ///   list, a cap below 1 or a multivariate knob out of range.
    /// - Complexity: O(rows · columns) per pass, at most three passes; memory O(columns ·
    ///   (sampleCap + categoryCap + multivariateSampleCap)).
    public static func fromSQLite(
        path: String, source: SQLiteSource, model: String, columns: [String]? = nil,
        settings: ProfileSettings = ProfileSettings(), createdAt: Date = Date()
    ) throws -> ReferenceProfile {
        try validate(model: model, columns: columns, settings: settings)
        let description = source.description(path: path)
        return try ProfileError.translatingSourceErrors {
            try buildFromSQLite(
                path: path, source: source, description: description, model: model, columns: columns,
                settings: settings, createdAt: createdAt)
        }
    }

    /// The body of ``fromSQLite(path:source:model:columns:settings:createdAt:)`` after the
    /// arguments are validated; the source's errors are ``SourceError``s here.
    private static func buildFromSQLite(
        path: String, source: SQLiteSource, description: String, model: String, columns: [String]?,
        settings: ProfileSettings, createdAt: Date
    ) throws -> ReferenceProfile {
        try SQLiteSource.withReadTransaction(path: path, description: description) { db in
            let statement = try source.prepareSelectAll(db, description: description)
            let names = statement.columnNames
            let selected = try selectColumns(
                available: names, wanted: columns, settings: settings, description: description)
            var builders = selected.map { FeatureProfileBuilder(name: names[$0], settings: settings) }

            var hash = FNV1a64()
            hash.add(littleEndian: UInt64(names.count))
            for name in names { hash.addTagged(text: name) }
            var rowCount = 0
            let rows = try Row.fetchCursor(statement)
            while let row = try rows.next() {
                rowCount += 1
                var slot = 0
                for index in 0..<names.count {
                    let value: DatabaseValue = row[index]
                    hash.addTagged(value)
                    if slot < selected.count, selected[slot] == index {
                        builders[slot].add(value)
                        slot += 1
                    }
                }
            }
            guard rowCount > 0 else {
                throw ProfileError.invalidSource(description: description, reason: "no rows")
            }

            /// A later pass must see the rows the first one saw.
            func requireSameRows(_ again: Int) throws {
                guard again == rowCount else {
                    throw ProfileError.invalidSource(
                        description: description, reason: "the query returned \(rowCount) rows, then \(again) (is it deterministic?)")
                }
            }
            let secondPass = try finishFirstPass(&builders, settings: settings)
            if !secondPass.isEmpty {
                var again = 0
                let rows = try Row.fetchCursor(statement)
                while let row = try rows.next() {
                    again += 1
                    for slot in secondPass {
                        builders[slot].add(row[selected[slot]] as DatabaseValue)
                    }
                }
                try requireSameRows(again)
                try finishSecondPass(&builders, slots: secondPass)
            }
            var multivariate = multivariateSampleBuilder(builders, settings: settings)
            if multivariate != nil {
                let categorical = builders.map { $0.kind == .categorical }
                var again = 0
                let rows = try Row.fetchCursor(statement)
                while let row = try rows.next() {
                    again += 1
                    multivariate?.addRow { feature in
                        multivariateCell(row[selected[feature]] as DatabaseValue, categorical: categorical[feature])
                    }
                }
                try requireSameRows(again)
            }
            let profileSource = ProfileSource(
                description: description, rowCount: rowCount, contentHash: hash.hexDigest)
            return try assemble(
                model: model, createdAt: createdAt, settings: settings, source: profileSource,
                builders: builders, multivariate: multivariate)
        }
    }
}

extension FeatureProfileBuilder {
    /// Adds one SQLite value (see ``ProfileBuilder/fromSQLite(path:source:model:columns:settings:createdAt:)``
    /// for the mapping).
    mutating func add(_ value: DatabaseValue) {
        switch value.storage {
        case .null: addMissing()
        case .int64(let integer): addInteger(integer)
        case .double(let double): addNumber(double)
        case .string(let text): addText(text)
        case .blob: addBlob()
        }
    }
}

extension FNV1a64 {
    /// Adds a SQLite value with its type tag (0 NULL, 1 INTEGER, 2 REAL, 3 TEXT, 4 BLOB).
    mutating func addTagged(_ value: DatabaseValue) {
        switch value.storage {
        case .null:
            add(0)
        case .int64(let integer):
            add(1)
            add(littleEndian: UInt64(bitPattern: integer))
        case .double(let double):
            add(2)
            add(littleEndian: double.bitPattern)
        case .string(let text):
            addTagged(text: text)
        case .blob(let data):
            add(4)
            add(littleEndian: UInt64(data.count))
            data.withUnsafeBytes { raw in
                for byte in raw { add(byte) }
            }
        }
    }

    /// Adds a TEXT value: tag 3, the UTF-8 length, the bytes.
    mutating func addTagged(text: String) {
        add(3)
        add(littleEndian: UInt64(text.utf8.count))
        add(utf8: text)
    }
}
