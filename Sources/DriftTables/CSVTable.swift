/// The columns of a CSV file, read in one streaming pass and typed as numeric or categorical.
///
/// ```swift
/// let reference = try CSVTable.load(path: "Fixtures/churn/reference.csv")
/// for column in reference.columns {
///     print(column.name, column.kind, column.testedCount, "tested,", column.missing.total, "missing")
/// }
/// ```
///
/// Empty cells, NaN and ±infinity are counted in ``ColumnSample/missing`` and kept out of the
/// values. A column becomes categorical at its first non-numeric cell; if numbers came before,
/// the file is read once more for that column so its category counts are exact.
public struct CSVTable: Sendable {
    /// The file the table was read from.
    public let path: String
    /// The header's column names, in file order (all of them, also those not loaded).
    public let header: [String]
    /// The loaded columns, in header order.
    public internal(set) var columns: [ColumnSample]
    /// The number of data rows (header and blank lines excluded).
    public let rowCount: Int

    /// The loaded column called `name`, if any.
    public func column(named name: String) -> ColumnSample? {
        columns.first { $0.name == name }
    }

    /// Reads a CSV file with a header row.
    ///
    /// - Parameters:
    ///   - path: The file.
    ///   - columns: The columns to load (all when `nil`); an unknown name is an error.
    ///   - categorical: Columns to read as categorical even when every cell is a number
    ///     (say, integer-coded categories).
    ///   - kinds: Columns whose kind is already known (say, from a reference profile): a
    ///     categorical one keeps numbers as text; a numeric one never turns categorical, its
    ///     text cells are counted in ``ColumnSample/textCells`` instead.
    ///   - trackRows: Columns whose rows are recorded (``ColumnSample/rows``), so they can be
    ///     walked row by row together (``LockstepRows``); names not loaded are ignored. Costs
    ///     4 bytes per row of a categorical column and 4 bytes per missing cell of a numeric one.
    /// - Returns: The typed columns.
    /// - Throws: ``TableError`` for an unreadable or malformed file, naming the line.
    /// - Complexity: O(file size), one pass (two for a column that turns categorical after
    ///   numbers); memory O(loaded values + distinct categories).
    public static func load(
        path: String, columns wanted: [String]? = nil, categorical: Set<String> = [],
        kinds: [String: ColumnKind] = [:], trackRows: Set<String> = []
    ) throws -> CSVTable {
        let reader = try CSVReader(path: path)
        var row = CSVRow()
        guard try reader.nextRow(into: &row) else { throw TableError.emptyFile(path: path) }
        let header = try readHeader(row, path: path)
        let selected = try selectColumns(header: header, wanted: wanted, path: path)

        var accumulators = selected.map {
            ColumnSampleBuilder(
                name: header[$0], expectedKind: categorical.contains(header[$0]) ? .categorical : kinds[header[$0]],
                tracksRows: trackRows.contains(header[$0]))
        }
        let rowCount = try accumulate(reader, fields: header.count, columns: selected, into: &accumulators)

        var table = CSVTable(
            path: path, header: header,
            columns: accumulators.map { $0.build() },
            rowCount: rowCount)
        let rescan = zip(selected, accumulators).filter { $0.1.needsRescan }.map { header[$0.0] }
        if !rescan.isEmpty { try table.recountAsCategorical(rescan) }
        return table
    }

    /// Re-reads the named columns as categorical, replacing their values with exact category counts.
    ///
    /// Used when a column holds only numbers in one file but text in the other, so both
    /// sides are compared as categories. A column loaded with row tracking is tracked again.
    ///
    /// - Parameter names: Loaded columns to recount.
    /// - Throws: ``TableError`` if the file changed or cannot be read.
    /// - Complexity: O(file size).
    public mutating func recountAsCategorical(_ names: [String]) throws {
        let slots = names.compactMap { name in columns.firstIndex { $0.name == name } }
        guard !slots.isEmpty else { return }
        let headerIndices = slots.compactMap { slot in header.firstIndex(of: columns[slot].name) }
        let reader = try CSVReader(path: path)
        var row = CSVRow()
        guard try reader.nextRow(into: &row) else { throw TableError.emptyFile(path: path) }
        var accumulators = slots.map {
            ColumnSampleBuilder(name: columns[$0].name, expectedKind: .categorical, tracksRows: columns[$0].tracksRows)
        }
        _ = try CSVTable.accumulate(reader, fields: header.count, columns: headerIndices, into: &accumulators)
        for (slot, accumulator) in zip(slots, accumulators) {
            columns[slot] = accumulator.build()
        }
    }

    /// Streams the rest of `reader` (the header already read), feeding field `columns[slot]`
    /// of every row to `accumulators[slot]`; returns the number of data rows.
    private static func accumulate(
        _ reader: CSVReader, fields: Int, columns: [Int], into accumulators: inout [ColumnSampleBuilder]
    ) throws -> Int {
        var row = CSVRow()
        var rowCount = 0
        while try reader.nextRow(into: &row) {
            guard row.count == fields else {
                throw TableError.fieldCountMismatch(path: reader.path, line: reader.line, found: row.count, expected: fields)
            }
            rowCount += 1
            row.bytes.withUnsafeBufferPointer { bytes in
                for slot in accumulators.indices {
                    let index = columns[slot]
                    let start = index == 0 ? 0 : row.ends[index - 1]
                    accumulators[slot].addCell(UnsafeBufferPointer(rebasing: bytes[start..<row.ends[index]]))
                }
            }
        }
        return rowCount
    }

    /// The column names in the header row of `path`, without reading the data.
    ///
    /// - Throws: ``TableError`` for an unreadable file, an empty file or a bad header.
    /// - Complexity: O(header size).
    public static func header(path: String) throws -> [String] {
        let reader = try CSVReader(path: path)
        var row = CSVRow()
        guard try reader.nextRow(into: &row) else { throw TableError.emptyFile(path: path) }
        return try readHeader(row, path: path)
    }

    private static func readHeader(_ row: CSVRow, path: String) throws -> [String] {
        var header: [String] = []
        var seen: Set<String> = []
        for index in 0..<row.count {
            let name = row.string(at: index).trimmingSpaces()
            guard !name.isEmpty else { throw TableError.emptyColumnName(path: path, index: index) }
            guard seen.insert(name).inserted else { throw TableError.duplicateColumn(path: path, name: name) }
            header.append(name)
        }
        return header
    }

    private static func selectColumns(header: [String], wanted: [String]?, path: String) throws -> [Int] {
        guard let wanted else { return Array(header.indices) }
        let unknown = wanted.filter { !header.contains($0) }
        guard unknown.isEmpty else { throw TableError.unknownColumns(path: path, names: unknown) }
        let wantedSet = Set(wanted)
        return header.indices.filter { wantedSet.contains(header[$0]) }
    }
}

extension String {
    func trimmingSpaces() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
