/// A dense matrix of doubles in row-major order: one row per observation, one column per
/// (encoded) feature. The storage BLAS and LAPACK work on.
///
/// ```swift
/// let x = try Matrix(rows: 2, columns: 3, elements: [1, 2, 3,
///                                                    4, 5, 6])
/// x[1, 2]        // 6
/// x.row(0)       // [1, 2, 3]
/// ```
public struct Matrix: Sendable, Hashable {
    /// The number of rows (observations).
    public let rows: Int
    /// The number of columns (features).
    public let columns: Int
    /// The elements, row after row: element `(i, j)` is at `i * columns + j`.
    public internal(set) var elements: [Double]

    /// A matrix over `elements` given row after row.
    ///
    /// - Parameters:
    ///   - rows: The number of rows (≥ 0).
    ///   - columns: The number of columns (≥ 0).
    ///   - elements: `rows · columns` values, row-major.
    /// - Throws: ``MultivariateError/invalidArgument(name:reason:)`` when a dimension is
    ///   negative or the element count does not match.
    /// - Complexity: O(1) (the array is not copied).
    public init(rows: Int, columns: Int, elements: [Double]) throws {
        guard rows >= 0, columns >= 0 else {
            throw MultivariateError.invalidArgument(name: "rows/columns", reason: "\(rows) × \(columns) has a negative dimension")
        }
        guard rows.multipliedReportingOverflow(by: columns).partialValue == elements.count,
              !rows.multipliedReportingOverflow(by: columns).overflow else {
            throw MultivariateError.invalidArgument(
                name: "elements", reason: "\(elements.count) values for a \(rows) × \(columns) matrix")
        }
        self.rows = rows
        self.columns = columns
        self.elements = elements
    }

    /// A matrix of zeros.
    @usableFromInline
    init(zeros rows: Int, _ columns: Int) {
        self.rows = rows
        self.columns = columns
        self.elements = Array(repeating: 0, count: rows * columns)
    }

    /// A matrix from rows of equal length.
    ///
    /// ```swift
    /// let x = try Matrix(rowArrays: [[1, 2], [3, 4]])
    /// ```
    ///
    /// - Parameter rowArrays: The rows, all of the same length (at least one row).
    /// - Throws: ``MultivariateError/invalidArgument(name:reason:)`` for no rows or rows of
    ///   different lengths.
    /// - Complexity: O(rows · columns).
    public init(rowArrays: [[Double]]) throws {
        guard let first = rowArrays.first else {
            throw MultivariateError.invalidArgument(name: "rowArrays", reason: "no rows")
        }
        for (index, row) in rowArrays.enumerated() where row.count != first.count {
            throw MultivariateError.invalidArgument(
                name: "rowArrays", reason: "row \(index) has \(row.count) values, row 0 has \(first.count)")
        }
        try self.init(rows: rowArrays.count, columns: first.count, elements: rowArrays.flatMap { $0 })
    }

    /// Element `(row, column)`.
    ///
    /// - Complexity: O(1).
    public subscript(row: Int, column: Int) -> Double {
        get { elements[row * columns + column] }
        set { elements[row * columns + column] = newValue }
    }

    /// A copy of row `index`.
    ///
    /// - Complexity: O(columns).
    public func row(_ index: Int) -> [Double] {
        Array(elements[(index * columns)..<((index + 1) * columns)])
    }

    /// The rows at `indices`, in that order.
    ///
    /// - Complexity: O(indices.count · columns).
    public func selectingRows<S: Sequence>(_ indices: S) -> Matrix where S.Element == Int {
        var selected: [Double] = []
        var count = 0
        for index in indices {
            selected.append(contentsOf: elements[(index * columns)..<((index + 1) * columns)])
            count += 1
        }
        return Matrix(rows: count, columns: columns, unchecked: selected)
    }

    /// Throws when an element is NaN or infinite, naming `name`, the row and the column.
    ///
    /// - Throws: ``MultivariateError/invalidArgument(name:reason:)``, e.g.
    ///   `production: row 1, column 1 is nan`.
    /// - Complexity: O(rows · columns).
    func requireFinite(_ name: String) throws {
        if let bad = elements.firstIndex(where: { !$0.isFinite }) {
            throw MultivariateError.invalidArgument(
                name: name, reason: "row \(bad / columns), column \(bad % columns) is \(elements[bad])")
        }
    }

    /// The rows of `self` followed by the rows of `other` (same column count).
    ///
    /// - Complexity: O((rows + other.rows) · columns).
    func stacked(on other: Matrix) -> Matrix {
        Matrix(rows: rows + other.rows, columns: columns, unchecked: elements + other.elements)
    }

    @usableFromInline
    init(rows: Int, columns: Int, unchecked elements: [Double]) {
        self.rows = rows
        self.columns = columns
        self.elements = elements
    }
}
