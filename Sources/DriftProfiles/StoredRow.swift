import Foundation
import GRDB

/// Typed reads of a fetched row that never trap: a value of the wrong storage class (a file
/// edited by hand, or damaged) becomes ``ProfileError/corruptProfile(path:model:version:detail:)``
/// naming the table and column, where GRDB's typed subscripts would stop the process.
///
/// ```swift
/// let stored = StoredRow(row: row, table: "feature", location: location)
/// let count = try stored.int("summary_count")
/// ```
struct StoredRow {
    /// The fetched row (read before the cursor advances).
    let row: Row
    /// The table the columns come from, for messages.
    let table: String
    /// The profile the row belongs to.
    let location: ProfileLocation

    /// The raw value of `column` (NULL when the row has no such column).
    func value(_ column: String) -> DatabaseValue {
        row.hasColumn(column) ? row[column] : .null
    }

    /// An INTEGER value that fits an `Int`.
    func int(_ column: String) throws -> Int {
        guard case let .int64(value) = value(column).storage, let result = Int(exactly: value) else {
            throw mismatch(column, expected: "an integer")
        }
        return result
    }

    /// The bit pattern of an INTEGER value, as a `UInt64` (for the seed).
    func uint64BitPattern(_ column: String) throws -> UInt64 {
        guard case let .int64(value) = value(column).storage else {
            throw mismatch(column, expected: "an integer")
        }
        return UInt64(bitPattern: value)
    }

    /// A REAL value, bit-exact.
    func double(_ column: String) throws -> Double {
        guard case let .double(value) = value(column).storage else {
            throw mismatch(column, expected: "a real number")
        }
        return value
    }

    /// A TEXT value.
    func string(_ column: String) throws -> String {
        guard case let .string(value) = value(column).storage else {
            throw mismatch(column, expected: "text")
        }
        return value
    }

    /// A BLOB value.
    func blob(_ column: String) throws -> Data {
        guard case let .blob(value) = value(column).storage else {
            throw mismatch(column, expected: "a BLOB")
        }
        return value
    }

    /// A TEXT value or NULL.
    func optionalString(_ column: String) throws -> String? {
        switch value(column).storage {
        case .null: return nil
        case let .string(value): return value
        default: throw mismatch(column, expected: "text or NULL")
        }
    }

    /// A BLOB value or NULL.
    func optionalBlob(_ column: String) throws -> Data? {
        switch value(column).storage {
        case .null: return nil
        case let .blob(value): return value
        default: throw mismatch(column, expected: "a BLOB or NULL")
        }
    }

    private func mismatch(_ column: String, expected: String) -> ProfileError {
        let found: String
        switch value(column).storage {
        case .null: found = "NULL"
        case let .int64(value): found = "integer \(value)"
        case let .double(value): found = "real \(value)"
        case .string: found = "text"
        case let .blob(data): found = "a \(data.count)-byte BLOB"
        }
        return location.corrupt("\(table).\(column) holds \(found), expected \(expected)")
    }
}
