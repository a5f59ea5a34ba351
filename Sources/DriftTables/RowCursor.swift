/// Walks the rows of one tracked column in order, one ``RowCell`` per row.
///
/// Get one from ``ColumnSample/rowCursor()``; to walk several columns together use several
/// cursors side by side, or ``LockstepRows``.
///
/// ```swift
/// var age = try #require(table.column(named: "age")?.rowCursor())
/// var plan = try #require(table.column(named: "plan")?.rowCursor())
/// while let a = age.next(), let p = plan.next() {
///     print(a, p)   // the same row of both columns
/// }
/// ```
///
/// - Complexity: O(1) per ``next()``: a numeric cell advances two indices (no search, no
///   allocation); a categorical cell returns the stored name (a reference-counted copy, no
///   new string).
public struct RowCursor: IteratorProtocol, Sequence, Sendable {
    /// The column's number of rows.
    public let rowCount: Int
    /// The 0-based row the next call to ``next()`` returns (``rowCount`` when done).
    public private(set) var row = 0

    private let isNumeric: Bool
    private let values: [Double]
    private let missingRows: [Int32]
    private let codes: [Int32]
    private let names: [String]
    private var valueIndex = 0
    private var missingIndex = 0

    /// A cursor over `column`, or `nil` when it has no alignment or its alignment does not fit
    /// its values (numeric: `values.count + missingRows.count != rowCount`; categorical:
    /// `codes.count != rowCount`).
    init?(_ column: ColumnSample) {
        guard let alignment = column.rows, alignment.rowCount == column.rowCount else { return nil }
        rowCount = alignment.rowCount
        switch alignment.storage {
        case .numeric(let missingRows):
            guard column.kind == .numeric, column.values.count + missingRows.count == rowCount else { return nil }
            isNumeric = true
            values = column.values
            self.missingRows = missingRows
            codes = []
            names = []
        case .categorical(let codes, let names):
            guard column.kind == .categorical, codes.count == rowCount else { return nil }
            isNumeric = false
            values = []
            missingRows = []
            self.codes = codes
            self.names = names
        }
    }

    /// The next row's cell, or `nil` after the last row.
    ///
    /// - Returns: ``RowCell/number(_:)`` or ``RowCell/category(_:)`` for a tested cell,
    ///   ``RowCell/missing`` for a cell left out of the tests.
    /// - Complexity: O(1).
    public mutating func next() -> RowCell? {
        guard row < rowCount else { return nil }
        defer { row += 1 }
        if isNumeric {
            if missingIndex < missingRows.count, Int(missingRows[missingIndex]) == row {
                missingIndex += 1
                return .missing
            }
            guard valueIndex < values.count else { return .missing }
            valueIndex += 1
            return .number(values[valueIndex - 1])
        }
        let code = Int(codes[row])
        guard code >= 0, code < names.count else { return .missing }
        return .category(names[code])
    }
}
