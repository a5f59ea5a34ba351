import Foundation

/// Where rows come from in a SQLite database: a table (or view), or a user-supplied `SELECT`.
///
/// ```swift
/// let table = SQLiteSource.table("predictions")
/// let query = SQLiteSource.query("SELECT * FROM predictions WHERE model = 'churn'")
/// table.description(path: "prod.db")   // "sqlite:prod.db table=predictions"
/// ```
///
/// A table name is quoted as one identifier (`"my table"` is fine, `main.t` names a table called
/// `main.t`). A query is run as a subquery, `SELECT * FROM (query)`, on a read-only
/// connection: it must be a single `SELECT` (a `WITH … SELECT` is fine; trailing semicolons
/// are ignored); anything else fails as a syntax or read-only error naming the source.
public enum SQLiteSource: Sendable, Hashable {
    /// Every row of a table or view.
    case table(String)
    /// The rows of a `SELECT` statement.
    case query(String)

    /// `sqlite:PATH table=T` or `sqlite:PATH query=SQL`: the source in messages and in the
    /// description of a profile built from it.
    ///
    /// ```swift
    /// SQLiteSource.query("SELECT 1 AS x").description(path: "a.db")   // "sqlite:a.db query=SELECT 1 AS x"
    /// ```
    ///
    /// - Parameter path: The database file.
    /// - Returns: A one-line description (line breaks in a query are replaced by spaces).
    /// - Complexity: O(length of the query).
    public func description(path: String) -> String {
        switch self {
        case .table(let name):
            return "sqlite:\(path) table=\(name)"
        case .query(let sql):
            let oneLine = sql.split(whereSeparator: \.isNewline).joined(separator: " ")
            return "sqlite:\(path) query=\(SQLiteSource.trimmed(oneLine))"
        }
    }

    /// The name used in per-feature messages: the table name, or "the query result".
    var displayName: String {
        switch self {
        case .table(let name): return name
        case .query: return "the query result"
        }
    }

    /// The `FROM` operand: the quoted table name, or the query in parentheses (on its own
    /// lines, so a trailing `--` comment cannot swallow the closing parenthesis).
    var fromClause: String {
        switch self {
        case .table(let name):
            return SQLiteSource.quoteIdentifier(name)
        case .query(let sql):
            return "(\n\(SQLiteSource.trimmed(sql))\n)"
        }
    }

    /// `SELECT * FROM` the source.
    var selectAll: String { "SELECT * FROM \(fromClause)" }

    /// The text that stands for a BLOB value wherever a cell is read as text: BLOBs are not
    /// numbers, so they make a column categorical, and all of them count as this one category.
    package static let blobText = "<blob>"

    /// `name` as a double-quoted SQL identifier (inner quotes doubled).
    package static func quoteIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The query without surrounding whitespace and trailing semicolons.
    private static func trimmed<S: StringProtocol>(_ sql: S) -> String {
        var text = Substring(sql)
        while let last = text.last, last.isWhitespace || last == ";" { text.removeLast() }
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        return String(text)
    }
}
