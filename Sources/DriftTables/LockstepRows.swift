/// Walks several tracked columns together, row by row: the cells of one row of every column
/// at a time.
///
/// ```swift
/// let table = try CSVTable.load(path: "production.csv", trackRows: ["age", "income", "plan"])
/// guard var rows = LockstepRows(table.columns) else { return }   // a column is not tracked
/// var cells: [RowCell] = []
/// while rows.next(into: &cells) {
///     print(rows.row - 1, cells)   // [.number(42.0), .missing, .category("pro")]
/// }
/// ```
///
/// - Complexity: O(columns) per row, no allocation once `cells` has its capacity.
public struct LockstepRows: Sendable {
    /// The rows every column has.
    public let rowCount: Int
    /// The 0-based row the next call to ``next(into:)`` reads (``rowCount`` when done).
    public private(set) var row = 0
    private var cursors: [RowCursor]

    /// Prepares a walk over `columns`.
    ///
    /// - Parameter columns: Columns read with row tracking, from the same rows (one table,
    ///   or one window read by a production source).
    /// - Returns: `nil` when a column has no usable alignment (see ``ColumnSample/rowCursor()``)
    ///   or the columns' row counts differ. No columns walk zero rows.
    /// - Complexity: O(columns).
    public init?(_ columns: [ColumnSample]) {
        var cursors: [RowCursor] = []
        cursors.reserveCapacity(columns.count)
        for column in columns {
            guard let cursor = column.rowCursor() else { return nil }
            cursors.append(cursor)
        }
        guard Set(cursors.map(\.rowCount)).count <= 1 else { return nil }
        self.cursors = cursors
        self.rowCount = cursors.first?.rowCount ?? 0
    }

    /// Reads the next row into `cells` (replacing its contents, one cell per column in the
    /// order given to ``init(_:)``).
    ///
    /// - Parameter cells: Receives the row; reuse the same array to avoid allocations.
    /// - Returns: `false` after the last row (`cells` is then left unchanged).
    /// - Complexity: O(columns).
    public mutating func next(into cells: inout [RowCell]) -> Bool {
        guard row < rowCount else { return false }
        cells.removeAll(keepingCapacity: true)
        for index in cursors.indices {
            cells.append(cursors[index].next() ?? .missing)
        }
        row += 1
        return true
    }
}
