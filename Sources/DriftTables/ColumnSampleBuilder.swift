/// Builds one ``ColumnSample`` cell by cell while a file or a query result streams past.
///
/// ```swift
/// var builder = ColumnSampleBuilder(name: "age")
/// builder.addNumber(42)
/// builder.addMissing()
/// builder.addText("unknown")        // the column turns categorical
/// let column = builder.build()
/// ```
///
/// A numeric column becomes categorical at its first non-numeric cell; its earlier numbers
/// are then no longer known as text, so ``needsRescan`` tells the caller to recount the
/// source (``CSVTable`` does this). With `expectedKind: .numeric` the column never turns
/// categorical: text cells are counted in ``textCount`` instead (see ``firstText``).
///
/// **Row tracking.** With `tracksRows: true` the built column also records which row each
/// value came from (``ColumnSample/rows``, a ``RowAlignment``), so that several columns can
/// be walked row by row (``LockstepRows``). It costs 4 bytes per row for a categorical
/// column (a code per row, plus the category names once) and 4 bytes per row without a
/// finite value for a numeric one (usually next to nothing); without tracking nothing is
/// recorded. Row numbers are `Int32`: past `Int32.max` rows tracking stops and the column
/// reports ``ColumnSample/rowsUnavailable``, as does an unlocked column that turned
/// categorical after numbers until it is recounted (a fresh tracking builder; ``CSVTable``
/// does this).
///
/// ```swift
/// var builder = ColumnSampleBuilder(name: "age", tracksRows: true)
/// builder.addNumber(42)
/// builder.addMissing()
/// builder.addNumber(.nan)
/// builder.addNumber(7)
/// builder.build().rows?.storage   // .numeric(missingRows: [1, 2])
/// ```
public struct ColumnSampleBuilder: Sendable {
    /// The column's name.
    public let name: String
    private(set) var kind: ColumnKind
    private let locked: Bool
    private var values: [Double] = []
    private var categories: [String: Int] = [:]
    private var missing = MissingCounts()
    private var rows = 0
    /// True when the column turned categorical after numeric cells: its counts need a rescan.
    public private(set) var needsRescan = false
    /// Text cells seen in a column locked to numeric (they are not tested).
    public private(set) var textCount = 0
    /// The first such text cell and its 1-based row, for the error message.
    public private(set) var firstText: (row: Int, text: String)?
    /// The rows recorded so far, when tracking.
    private var tracker: RowTracker?

    /// Whether the builder records which row each value came from (see
    /// ``init(name:expectedKind:tracksRows:)``).
    public var tracksRows: Bool { tracker != nil }

    /// Starts an empty column.
    ///
    /// - Parameters:
    ///   - name: The column name.
    ///   - expectedKind: `nil` to infer the kind from the cells (numeric until the first
    ///     text cell); `.categorical` to keep every cell as text; `.numeric` to keep the
    ///     column numeric and count text cells in ``textCount``.
    ///   - tracksRows: `true` to record each value's row in ``ColumnSample/rows`` (4 bytes per
    ///     row for a categorical column, 4 bytes per row without a finite value for a numeric
    ///     one); `false` (the default) records nothing and costs nothing.
    public init(name: String, expectedKind: ColumnKind? = nil, tracksRows: Bool = false) {
        self.init(name: name, expectedKind: expectedKind, tracker: tracksRows ? RowTracker() : nil)
    }

    /// A builder whose tracker (if any) is given, say with a small row limit in tests.
    init(name: String, expectedKind: ColumnKind?, tracker: RowTracker?) {
        self.name = name
        self.kind = expectedKind ?? .numeric
        self.locked = expectedKind != nil
        self.tracker = tracker
    }

    /// Adds a missing cell (empty, or SQL NULL).
    public mutating func addMissing() {
        tracker?.missing(row: rows, kind: kind)
        rows += 1
        missing.empty += 1
    }

    /// Adds a number (NaN and ±infinity are counted as missing).
    public mutating func addNumber(_ value: Double) {
        guard value.isFinite else {
            tracker?.missing(row: rows, kind: kind)
            rows += 1
            if value.isNaN { missing.notANumber += 1 } else { missing.infinite += 1 }
            return
        }
        rows += 1
        switch kind {
        case .numeric:
            values.append(value)
        case .categorical:
            if !needsRescan {
                let name = "\(value)"
                categories[name, default: 0] += 1
                tracker?.category(name, row: rows - 1)
            }
        }
    }

    /// Adds a raw cell: parsed as a number when it is one, else handled as text.
    ///
    /// - Complexity: O(cell length), no allocation for numeric cells.
    public mutating func addCell(_ cell: UnsafeBufferPointer<UInt8>) {
        if cell.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
            addMissing()
            return
        }
        switch parseDecimal(cell) {
        case .notANumber:
            tracker?.missing(row: rows, kind: kind)
            rows += 1
            missing.notANumber += 1
        case .infinite:
            tracker?.missing(row: rows, kind: kind)
            rows += 1
            missing.infinite += 1
        case .finite(let value):
            if kind == .numeric {
                rows += 1
                values.append(value)
            } else {
                addCategory(cell)
            }
        case .text:
            addCategory(cell)
        }
    }

    /// Adds a text cell (SQL TEXT); numbers written as text are parsed like CSV cells.
    public mutating func addText(_ text: String) {
        var text = text
        text.withUTF8 { addCell($0) }
    }

    private mutating func addCategory(_ cell: UnsafeBufferPointer<UInt8>) {
        if kind == .numeric {
            if locked {
                tracker?.missing(row: rows, kind: kind)
                rows += 1
                textCount += 1
                if firstText == nil { firstText = (rows, String(decoding: cell.prefix(40), as: UTF8.self)) }
                return
            }
            kind = .categorical
            needsRescan = !values.isEmpty
            values = []
            tracker?.turnCategorical(rows: rows, needsRescan: needsRescan)
        }
        rows += 1
        if !needsRescan {
            let category = String(decoding: cell, as: UTF8.self)
            categories[category, default: 0] += 1
            tracker?.category(category, row: rows - 1)
        }
    }

    /// The column read so far.
    ///
    /// - Complexity: O(1) (the arrays are moved, not copied, when the builder is discarded;
    ///   the tracked rows too).
    public func build() -> ColumnSample {
        var sample = ColumnSample(
            name: name, kind: kind, values: values, categories: categories,
            missing: missing, rowCount: rows)
        sample.textCells = textCount
        sample.firstTextCell = firstText
        sample.tracksRows = tracker != nil
        sample.rows = tracker?.alignment(kind: kind, rowCount: rows)
        return sample
    }
}
