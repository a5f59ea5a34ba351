/// Plain-text columns for a terminal: the one table renderer behind `compare`'s table, the
/// `profile`/`history` listings and `check`'s summary.
///
/// Every cell is padded to its column's width (the longest cell, at least
/// ``minimumWidths``), left-aligned unless its column is in ``rightAligned``; cells are joined by
/// ``separator`` after ``indent``; trailing spaces are trimmed. With a header, a rule of dashes
/// follows it.
///
/// ```swift
/// let table = TextTable(header: ["feature", "p"], rows: [["age", "0.41"], ["income", "0.002"]], rightAligned: [1])
/// print(table.lines().joined(separator: "\n"))
/// // feature      p
/// // -------  -----
/// // age       0.41
/// // income   0.002
/// ```
package struct TextTable {
    /// The header cells, or nil for a table without one.
    package var header: [String]?
    /// The rows; each has as many cells as the widest row (missing cells are empty).
    package var rows: [[String]]
    /// Columns whose cells are padded on the left (numbers).
    package var rightAligned: Set<Int> = []
    /// The narrowest each column may be, by index (columns beyond the list: no minimum).
    package var minimumWidths: [Int] = []
    /// Between two cells.
    package var separator = "  "
    /// Before the first cell of every line.
    package var indent = ""

    /// Creates a table.
    package init(header: [String]? = nil, rows: [[String]], rightAligned: Set<Int> = []) {
        self.header = header
        self.rows = rows
        self.rightAligned = rightAligned
    }

    /// The rendered lines.
    ///
    /// - Complexity: O(total characters).
    package func lines() -> [String] {
        let all = (header.map { [$0] } ?? []) + rows
        let columns = all.map(\.count).max() ?? 0
        let widths = (0..<columns).map { column in
            max(column < minimumWidths.count ? minimumWidths[column] : 0,
                all.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0)
        }
        func line(_ cells: [String]) -> String {
            var text = indent + (0..<columns).map { column in
                let cell = column < cells.count ? cells[column] : ""
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return rightAligned.contains(column) ? pad + cell : cell + pad
            }.joined(separator: separator)
            while text.last == " " { text.removeLast() }
            return text
        }
        var output: [String] = []
        if let header {
            output.append(line(header))
            output.append(line(widths.map { String(repeating: "-", count: $0) }))
        }
        return output + rows.map(line)
    }
}
