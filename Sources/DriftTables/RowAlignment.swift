/// Where each row of a column went, so that several columns can be walked row by row
/// together (multivariate tests need whole rows).
///
/// A column read without tracking keeps only its finite values (numeric) or its category
/// counts (categorical), which loses the row each value came from. With tracking
/// (``ColumnSampleBuilder/init(name:expectedKind:tracksRows:)``,
/// ``CSVTable/load(path:columns:categorical:kinds:trackRows:)``) the column's
/// ``ColumnSample/rows`` records the rows compactly:
///
/// - numeric: the ascending 0-based numbers of the rows that gave **no** finite value
///   (empty, NaN, ±infinity, text in a column locked to numeric); ``ColumnSample/values``
///   `[i]` belongs to the `i`-th row not listed. 4 bytes per such row, usually none.
/// - categorical: one code per row into ``Storage/categorical(codes:categoryNames:)``'s
///   names (first-appearance order), `-1` for a row without a category. 4 bytes per row.
///
/// Walk the rows with ``ColumnSample/rowCursor()`` (one column) or ``LockstepRows``
/// (several columns in step).
///
/// ```swift
/// let table = try CSVTable.load(path: "production.csv", trackRows: ["age", "plan"])
/// let age = try #require(table.column(named: "age")?.rows)
/// if case .numeric(let missingRows) = age.storage { print(missingRows) }   // [3, 17]
/// ```
///
/// Row numbers are stored as `Int32`: a column of more than `Int32.max` rows has no
/// alignment (``ColumnSample/rowsUnavailable`` is then `true`).
public struct RowAlignment: Sendable, Equatable {
    /// The recorded rows of a numeric or a categorical column.
    public enum Storage: Sendable, Equatable {
        /// A numeric column: the ascending 0-based rows that gave no finite value.
        case numeric(missingRows: [Int32])
        /// A categorical column: per row the index of its category in `categoryNames`
        /// (first-appearance order), or `-1` for a row without a category.
        case categorical(codes: [Int32], categoryNames: [String])
    }

    /// The number of rows, equal to the column's ``ColumnSample/rowCount``.
    public let rowCount: Int
    /// The recorded rows.
    public let storage: Storage

    /// Creates an alignment from its parts.
    ///
    /// - Parameters:
    ///   - rowCount: The column's row count.
    ///   - storage: The rows; for a numeric column, ascending row numbers below `rowCount`;
    ///     for a categorical one, `rowCount` codes in `-1..<categoryNames.count`.
    /// - Note: ``ColumnSample/rowCursor()`` checks the counts against the column and returns
    ///   `nil` when they do not fit; a cursor never traps on an inconsistent alignment.
    public init(rowCount: Int, storage: Storage) {
        self.rowCount = rowCount
        self.storage = storage
    }

    /// The rows without a tested value (numeric: the listed rows; categorical: code `-1`).
    ///
    /// - Complexity: O(1) for a numeric column, O(rows) for a categorical one.
    public var missingRowCount: Int {
        switch storage {
        case .numeric(let missingRows): missingRows.count
        case .categorical(let codes, _): codes.reduce(0) { $1 < 0 ? $0 + 1 : $0 }
        }
    }
}
