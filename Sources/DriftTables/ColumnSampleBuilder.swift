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

    /// Starts an empty column.
    ///
    /// - Parameters:
    ///   - name: The column name.
    ///   - expectedKind: `nil` to infer the kind from the cells (numeric until the first
    ///     text cell); `.categorical` to keep every cell as text; `.numeric` to keep the
    ///     column numeric and count text cells in ``textCount``.
    public init(name: String, expectedKind: ColumnKind? = nil) {
        self.name = name
        self.kind = expectedKind ?? .numeric
        self.locked = expectedKind != nil
    }

    /// Adds a missing cell (empty, or SQL NULL).
    public mutating func addMissing() {
        rows += 1
        missing.empty += 1
    }

    /// Adds a number (NaN and ±infinity are counted as missing).
    public mutating func addNumber(_ value: Double) {
        rows += 1
        if value.isNaN { missing.notANumber += 1; return }
        if value.isInfinite { missing.infinite += 1; return }
        switch kind {
        case .numeric:
            values.append(value)
        case .categorical:
            if !needsRescan { categories["\(value)", default: 0] += 1 }
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
            rows += 1
            missing.notANumber += 1
        case .infinite:
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
                rows += 1
                textCount += 1
                if firstText == nil { firstText = (rows, String(decoding: cell.prefix(40), as: UTF8.self)) }
                return
            }
            kind = .categorical
            needsRescan = !values.isEmpty
            values = []
        }
        rows += 1
        if !needsRescan {
            categories[String(decoding: cell, as: UTF8.self), default: 0] += 1
        }
    }

    /// The column read so far.
    ///
    /// - Complexity: O(1) (the arrays are moved, not copied, when the builder is discarded).
    public func build() -> ColumnSample {
        var sample = ColumnSample(
            name: name, kind: kind, values: values, categories: categories,
            missing: missing, rowCount: rows)
        sample.textCells = textCount
        sample.firstTextCell = firstText
        return sample
    }
}
