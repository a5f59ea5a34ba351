/// Everything read from one column of one file: the finite numbers or the category counts,
/// and what was left out.
///
/// ```swift
/// let table = try CSVTable.load(path: "production.csv")
/// if let age = table.column(named: "age"), age.kind == .numeric {
///     print(age.values.count, "values,", age.missing.total, "missing")
/// }
/// ```
public struct ColumnSample: Sendable {
    /// The column's name from the header.
    public let name: String
    /// Numeric or categorical.
    public internal(set) var kind: ColumnKind
    /// The finite values in file order (numeric columns; empty for categorical ones).
    public internal(set) var values: [Double]
    /// The count of every distinct cell text (categorical columns; empty for numeric ones).
    public internal(set) var categories: [String: Int]
    /// Cells left out of the tests.
    public internal(set) var missing: MissingCounts
    /// The number of data rows read (tested values plus missing cells, plus ``textCells``).
    public internal(set) var rowCount: Int
    /// Text cells in a column read as numeric because its kind was fixed in advance (say, by a
    /// reference profile); they are not tested. Zero otherwise.
    public internal(set) var textCells: Int = 0
    /// The first such text cell, with its 1-based row, for error messages.
    public internal(set) var firstTextCell: (row: Int, text: String)?
    /// Which row each value or category came from, when the column was read with row tracking
    /// (``ColumnSampleBuilder/init(name:expectedKind:tracksRows:)``); `nil` otherwise, and
    /// when the alignment could not be kept (see ``rowsUnavailable``).
    public internal(set) var rows: RowAlignment?
    /// Whether row tracking was asked for (the builder's ``ColumnSampleBuilder/tracksRows``).
    var tracksRows = false

    /// Creates a column sample from its parts.
    public init(
        name: String, kind: ColumnKind, values: [Double] = [], categories: [String: Int] = [:],
        missing: MissingCounts = MissingCounts(), rowCount: Int
    ) {
        self.name = name
        self.kind = kind
        self.values = values
        self.categories = categories
        self.missing = missing
        self.rowCount = rowCount
    }

    /// True when row tracking was asked for but ``rows`` could not be kept: the column has more
    /// than `Int32.max` rows, or it turned categorical after numbers and was not recounted
    /// (``CSVTable`` recounts such columns itself).
    public var rowsUnavailable: Bool { tracksRows && rows == nil }

    /// A cursor over the column's rows in order, for a column read with row tracking.
    ///
    /// ```swift
    /// var cursor = try #require(column.rowCursor())
    /// while let cell = cursor.next() { print(cursor.row - 1, cell) }
    /// ```
    ///
    /// - Returns: `nil` when ``rows`` is `nil` or does not fit the column's values.
    /// - Complexity: O(1); each step of the cursor is O(1).
    public func rowCursor() -> RowCursor? {
        RowCursor(self)
    }

    /// The number of non-missing cells, the ones the tests use.
    public var testedCount: Int {
        kind == .numeric ? values.count : categories.values.reduce(0, +)
    }
}
