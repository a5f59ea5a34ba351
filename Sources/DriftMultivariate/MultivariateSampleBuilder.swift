import DriftStatistics

/// One cell of a complete row offered to ``MultivariateSampleBuilder``.
public enum MultivariateCell: Sendable, Hashable {
    /// A finite number (for a numeric feature).
    case number(Double)
    /// A category label (for a categorical feature).
    case category(String)
}

/// Streams rows into a ``MultivariateSample``: a seeded uniform reservoir of at most
/// `capacity` complete rows (Algorithm L via `ReservoirSchedule`), counting incomplete rows.
///
/// ```swift
/// var builder = MultivariateSampleBuilder(features: [("age", false), ("plan", true)], capacity: 2_000, seed: 1)
/// for row in rows {
///     builder.addRow { feature in feature == 0 ? row.age.map { .number($0) } : row.plan.map { .category($0) } }
/// }
/// let sample = builder.build()
/// ```
///
/// Which rows are kept depends only on the seed and the order of the complete rows, so any two
/// readers of the same rows (a CSV file, a profile build, a table read) keep the same sample.
/// - Complexity: O(features) per row; memory O(capacity ·
///   features).
public struct MultivariateSampleBuilder: Sendable {
    /// The feature names.
    public let names: [String]
    private let categorical: [Bool]
    private var numbers: [[Double]]
    private var labels: [[String]]
    private var schedule: ReservoirSchedule
    private var dropped = 0
    private var numberBuffer: [Double]
    private var labelBuffer: [String]

    /// An empty builder.
    ///
    /// - Parameters:
    ///   - features: Each feature's name and whether it is categorical.
    ///   - capacity: The most rows kept (a capacity below 1 is taken as 1).
    ///   - seed: Seeds which rows are kept.
    public init(features: [(name: String, categorical: Bool)], capacity: Int, seed: UInt64) {
        names = features.map(\.name)
        categorical = features.map(\.categorical)
        numbers = Array(repeating: [], count: features.count)
        labels = Array(repeating: [], count: features.count)
        numberBuffer = Array(repeating: 0, count: features.count)
        labelBuffer = Array(repeating: "", count: features.count)
        schedule = ReservoirSchedule(capacity: capacity, generator: SplitMix64(seed: seed))
    }

    /// Counts a row left out for a missing, NaN, infinite or unreadable cell without looking at it.
    ///
    /// - Complexity: O(1).
    public mutating func addIncompleteRow() {
        dropped += 1
    }

    /// Offers a row: `cell(feature)` gives feature `feature`'s cell, nil when it is missing.
    /// A row with a missing cell, a number that is not finite or a label in a numeric feature
    /// is counted as dropped; a number in a categorical feature is taken as its text.
    ///
    /// - Parameter cell: The row's cell for each feature index.
    /// - Complexity: O(features).
    public mutating func addRow(_ cell: (Int) -> MultivariateCell?) {
        for feature in names.indices {
            switch (cell(feature), categorical[feature]) {
            case (.number(let value), false) where value.isFinite:
                numberBuffer[feature] = value
            case (.number(let value), true) where value.isFinite:
                labelBuffer[feature] = "\(value)"
            case (.category(let label), true):
                labelBuffer[feature] = label
            default:
                dropped += 1
                return
            }
        }
        let decision = schedule.offer()
        for feature in names.indices {
            switch decision {
            case .append:
                if categorical[feature] { labels[feature].append(labelBuffer[feature]) } else { numbers[feature].append(numberBuffer[feature]) }
            case .replace(let slot):
                if categorical[feature] { labels[feature][slot] = labelBuffer[feature] } else { numbers[feature][slot] = numberBuffer[feature] }
            case .skip:
                return
            }
        }
    }

    /// The sample.
    ///
    /// - Complexity: O(capacity · features) (copies).
    public func build() -> MultivariateSample {
        let columns = names.indices.map { feature -> MultivariateColumn in
            categorical[feature] ? .categorical(labels[feature]) : .numeric(numbers[feature])
        }
        let rows = columns.first?.count ?? 0
        return MultivariateSample(
            unchecked: names, columns: columns, rowCount: rows, completeRows: schedule.seen, droppedRows: dropped)
    }
}
