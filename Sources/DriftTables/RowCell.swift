/// One cell of one row of a column read with row tracking, as ``RowCursor`` returns it.
///
/// ```swift
/// var cursor = try #require(column.rowCursor())
/// while let cell = cursor.next() {
///     switch cell {
///     case .missing: print("missing")
///     case .number(let value): print(value)
///     case .category(let name): print(name)
///     }
/// }
/// ```
public enum RowCell: Sendable, Equatable {
    /// No tested value: an empty cell or SQL NULL, NaN, ±infinity, or (in a column locked to
    /// numeric) a text cell. Exactly the cells left out of ``ColumnSample/values`` or
    /// ``ColumnSample/categories``.
    case missing
    /// A finite number of a numeric column.
    case number(Double)
    /// The category (cell text) of a categorical column.
    case category(String)
}
