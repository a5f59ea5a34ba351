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

    /// The number of non-missing cells, the ones the tests use.
    public var testedCount: Int {
        kind == .numeric ? values.count : categories.values.reduce(0, +)
    }
}
