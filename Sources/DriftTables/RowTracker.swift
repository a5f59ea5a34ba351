/// The rows a ``ColumnSampleBuilder`` records when it tracks rows (the parts of a
/// ``RowAlignment``): for a numeric column the rows without a finite value, for a categorical
/// one a code per row.
///
/// Row numbers are `Int32`; at the first row that does not fit (`row >= rowLimit`) the tracker
/// frees what it holds and is ``lost`` for good, as it is when a column turns categorical
/// after numbers (its earlier rows are unknown until the source is read again).
struct RowTracker: Sendable {
    /// Rows numbered `rowLimit` or above cannot be stored.
    let rowLimit: Int
    /// Numeric column: ascending rows that gave no finite value.
    private var missingRows: [Int32] = []
    /// Categorical column: per row the index into `names`, or -1.
    private var codes: [Int32] = []
    /// Categorical column: the category names in first-appearance order.
    private var names: [String] = []
    private var index: [String: Int32] = [:]
    /// True once the rows can no longer be recorded.
    private(set) var lost = false

    /// A tracker storing row numbers below `rowLimit` (at most `Int32.max`).
    init(rowLimit: Int = Int(Int32.max)) {
        self.rowLimit = min(max(rowLimit, 0), Int(Int32.max))
    }

    /// Records that `row` gave no tested value in a column of kind `kind`.
    mutating func missing(row: Int, kind: ColumnKind) {
        guard !lost else { return }
        guard row < rowLimit, let stored = Int32(exactly: row) else { return lose() }
        switch kind {
        case .numeric: missingRows.append(stored)
        case .categorical: codes.append(-1)
        }
    }

    /// Records that `row` of a categorical column holds `name`.
    mutating func category(_ name: String, row: Int) {
        guard !lost else { return }
        guard row < rowLimit, Int32(exactly: names.count) != nil else { return lose() }
        if let code = index[name] {
            codes.append(code)
        } else {
            let code = Int32(names.count)
            index[name] = code
            names.append(name)
            codes.append(code)
        }
    }

    /// The column turned categorical after `rows` rows: if they were all missing (no rescan)
    /// they become code -1, otherwise the rows are lost until the source is read again.
    mutating func turnCategorical(rows: Int, needsRescan: Bool) {
        guard !lost else { return }
        guard !needsRescan, missingRows.count == rows else { return lose() }
        missingRows = []
        codes = Array(repeating: -1, count: rows)
    }

    /// The recorded rows of a column of kind `kind` with `rowCount` rows, or `nil` when lost.
    func alignment(kind: ColumnKind, rowCount: Int) -> RowAlignment? {
        guard !lost, rowCount <= rowLimit else { return nil }
        switch kind {
        case .numeric:
            return RowAlignment(rowCount: rowCount, storage: .numeric(missingRows: missingRows))
        case .categorical:
            guard codes.count == rowCount else { return nil }
            return RowAlignment(rowCount: rowCount, storage: .categorical(codes: codes, categoryNames: names))
        }
    }

    private mutating func lose() {
        lost = true
        missingRows = []
        codes = []
        names = []
        index = [:]
    }
}
