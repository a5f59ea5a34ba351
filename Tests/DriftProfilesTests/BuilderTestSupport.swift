import DriftSources
import DriftTables
import DriftTestSupport
import Foundation
import GRDB
@testable import DriftProfiles

/// Fixture paths and a SQLite copy of a CSV file for the builder tests.
enum BuilderTestSupport {
    static var churnReference: String { fixturePath("churn/reference.csv") }
    static var churnDrifted: String { fixturePath("churn/production-drifted.csv") }

    /// Copies a CSV file into table `name` of a new SQLite database, with typed values:
    /// empty → NULL, integers → INTEGER, other numbers → REAL, NaN → the text 'NaN' (SQLite
    /// cannot store a NaN), anything else → TEXT. Columns are declared without a type so every
    /// value keeps its storage class.
    static func sqliteCopy(of csvPath: String, table name: String = "reference") throws -> String {
        let reader = try CSVReader(path: csvPath)
        var row = CSVRow()
        _ = try reader.nextRow(into: &row)
        let header = (0..<row.count).map { row.string(at: $0) }
        return try temporaryDatabase { db in
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
