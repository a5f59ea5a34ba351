/// One feature's values in a ``MultivariateSample``.
public enum MultivariateColumn: Sendable, Hashable {
    /// Finite numbers, one per row.
    case numeric([Double])
    /// Category labels, one per row.
    case categorical([String])

    /// Whether the feature is categorical.
    public var isCategorical: Bool {
        if case .categorical = self { return true }
        return false
    }
}

/// Complete rows of several features (no missing value in any of them), as the multivariate
/// tests take them: a seeded sample of at most a capped number of rows, with the count of the
/// rows left out for a missing value.
///
/// ```swift
/// var builder = MultivariateSampleBuilder(features: [("age", false), ("plan", true)], capacity: 2_000, seed: 1)
/// builder.addRow { feature in feature == 0 ? .number(42) : .category("monthly") }
/// builder.addRow { feature in feature == 0 ? nil : .category("yearly") }   // age missing
/// let sample = builder.build()
/// sample.rowCount       // 1
/// sample.droppedRows    // 1
/// ```
public struct MultivariateSample: Sendable, Hashable {
    /// The feature names, in order.
    public var names: [String]
    /// One column per feature, each with ``rowCount`` values.
    public var columns: [MultivariateColumn]
    /// The rows in the sample.
    public var rowCount: Int
    /// The complete rows offered (the sample is all of them when this is ≤ the cap).
    public var completeRows: Int
    /// The rows left out because a feature was missing, NaN, infinite or unreadable.
    public var droppedRows: Int

    /// A sample from its parts.
    ///
    /// - Parameters:
    ///   - names: The feature names (distinct).
    ///   - columns: One column per name, all the same length.
    ///   - completeRows: The complete rows offered (≥ the column length).
    ///   - droppedRows: The incomplete rows left out.
    /// - Throws: ``MultivariateError/invalidArgument(name:reason:)`` when the parts disagree or
    ///   a number is not finite.
    public init(names: [String], columns: [MultivariateColumn], completeRows: Int, droppedRows: Int) throws {
        guard names.count == columns.count, Set(names).count == names.count else {
            throw MultivariateError.invalidArgument(name: "names", reason: "\(names.count) names (distinct?) for \(columns.count) columns")
        }
        let lengths = Set(columns.map(\.count))
        guard lengths.count <= 1 else {
            throw MultivariateError.invalidArgument(name: "columns", reason: "columns of different lengths \(lengths.sorted())")
        }
        let rows = lengths.first ?? 0
        for (name, column) in zip(names, columns) {
            if case .numeric(let values) = column, let bad = values.firstIndex(where: { !$0.isFinite }) {
                throw MultivariateError.invalidArgument(name: name, reason: "row \(bad) is \(values[bad])")
            }
        }
        guard completeRows >= rows, droppedRows >= 0 else {
            throw MultivariateError.invalidArgument(name: "completeRows", reason: "\(completeRows) is below the \(rows) rows")
        }
        self.init(unchecked: names, columns: columns, rowCount: rows, completeRows: completeRows, droppedRows: droppedRows)
    }

    init(unchecked names: [String], columns: [MultivariateColumn], rowCount: Int, completeRows: Int, droppedRows: Int) {
        self.names = names
        self.columns = columns
        self.rowCount = rowCount
        self.completeRows = completeRows
        self.droppedRows = droppedRows
    }

    /// The rows at `indices`, keeping the counts.
    func selectingRows(_ indices: [Int]) -> MultivariateSample {
        let columns = columns.map { column -> MultivariateColumn in
            switch column {
            case .numeric(let values): return .numeric(indices.map { values[$0] })
            case .categorical(let labels): return .categorical(indices.map { labels[$0] })
            }
        }
        return MultivariateSample(
            unchecked: names, columns: columns, rowCount: indices.count, completeRows: completeRows, droppedRows: droppedRows)
    }
}

extension MultivariateColumn {
    /// The number of rows.
    var count: Int {
        switch self {
        case .numeric(let values): return values.count
        case .categorical(let labels): return labels.count
        }
    }
}

extension MultivariateSample {
    /// The same rows restricted to the features `names`, in the order of `names`.
    ///
    /// ```swift
    /// let subset = try sample.selectingFeatures(["age", "plan"])
    /// ```
    ///
    /// - Parameter names: Features of the sample (at least one).
    /// - Returns: The sample with only those columns; the counts are kept (the rows were
    ///   complete over every feature of `self`).
    /// - Throws: ``MultivariateError/featureMismatch(reason:)`` for a name the sample lacks.
    /// - Complexity: O(features).
    public func selectingFeatures(_ names: [String]) throws -> MultivariateSample {
        let positions = Dictionary(self.names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let missing = names.filter { positions[$0] == nil }
        guard missing.isEmpty, !names.isEmpty else {
            throw MultivariateError.featureMismatch(reason: "the sample has no feature \(missing.map { "\"\($0)\"" }.joined(separator: ", "))")
        }
        return MultivariateSample(
            unchecked: names, columns: names.compactMap { positions[$0].map { columns[$0] } }, rowCount: rowCount,
            completeRows: completeRows, droppedRows: droppedRows)
    }
}
