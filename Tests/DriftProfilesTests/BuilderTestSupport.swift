import DriftSources
import DriftTables
import Foundation
import GRDB
@testable import DriftProfiles

/// Temporary files and fixture paths for the builder tests.
enum BuilderTestSupport {
    /// The repository's `Fixtures/` folder.
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures", isDirectory: true)

    static var churnReference: String { fixtures.appendingPathComponent("churn/reference.csv").path }
    static var churnDrifted: String { fixtures.appendingPathComponent("churn/production-drifted.csv").path }

    /// A fresh empty directory under the temporary directory.
    static func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("driftwatch-builder-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `contents` to a new file and returns its path.
    static func file(_ contents: String, name: String = "data.csv") throws -> String {
        let url = try directory().appendingPathComponent(name)
        try Data(contents.utf8).write(to: url)
        return url.path
    }

    /// Creates a SQLite database in a new directory, runs `setup` on it and returns its path.
    static func database(name: String = "test.db", _ setup: (Database) throws -> Void) throws -> String {
        let path = try directory().appendingPathComponent(name).path
        let queue = try DatabaseQueue(path: path)
        try queue.write(setup)
        try queue.close()
        return path
    }

    /// Copies a CSV file into table `name` of a new SQLite database, with typed values:
    /// empty → NULL, integers → INTEGER, other numbers → REAL, NaN → the text 'NaN' (SQLite
    /// cannot store a NaN), anything else → TEXT. Columns are declared without a type so every
    /// value keeps its storage class.
    static func sqliteCopy(of csvPath: String, table name: String = "reference") throws -> String {
        let reader = try CSVReader(path: csvPath)
        var row = CSVRow()
        _ = try reader.nextRow(into: &row)
        let header = (0..<row.count).map { row.string(at: $0) }
        return try database { db in
            let columns = header.map { SQLiteSource.quoteIdentifier($0) }.joined(separator: ", ")
            try db.execute(sql: "CREATE TABLE \(SQLiteSource.quoteIdentifier(name)) (\(columns))")
            let insert = try db.makeStatement(
                sql: "INSERT INTO \(SQLiteSource.quoteIdentifier(name)) VALUES (\(header.map { _ in "?" }.joined(separator: ", ")))")
            while try reader.nextRow(into: &row) {
                var values: [DatabaseValue] = []
                for index in 0..<row.count {
                    let text = row.string(at: index)
                    switch row.withField(at: index, { parseDecimal($0) }) {
                    case .finite(let value):
                        if let integer = Int64(text) { values.append(integer.databaseValue) } else { values.append(value.databaseValue) }
                    case .infinite(let value):
                        values.append(value.databaseValue)
                    case .notANumber:
                        values.append("NaN".databaseValue)
                    case .text:
                        values.append(text.trimmingCharacters(in: .whitespaces).isEmpty ? .null : text.databaseValue)
                    }
                }
                try insert.execute(arguments: StatementArguments(values))
            }
        }
    }
}
