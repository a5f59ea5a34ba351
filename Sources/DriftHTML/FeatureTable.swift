/// The feature table: named columns and one row per feature, every number kept unrounded
/// beside the text shown (sorting and tests use the exact value; the page writes `none` for
/// a missing number).
///
/// ```swift
/// let table = FeatureTable(columns: ["feature", "p-value"], rows: [
///     FeatureTable.Row(feature: "age", drifted: true, cells: [.text("age"), .number(1.2e-5)]),
/// ])
/// ```
package struct FeatureTable: Sendable, Hashable {
    /// One cell: its text and, for numbers, the exact value.
    package struct Cell: Sendable, Hashable {
        /// What the page shows.
        package let text: String
        /// The exact value (nil for text and missing numbers).
        package let value: Double?

        /// A text cell.
        package static func text(_ text: String) -> Cell { Cell(text: text, value: nil) }

        /// A number shown with ``displayNumber(_:)`` (`-` when nil).
        package static func number(_ value: Double?) -> Cell { Cell(text: displayNumber(value), value: value) }

        /// A count.
        package static func count(_ value: Int) -> Cell { Cell(text: String(value), value: Double(value)) }

        /// A share shown as a percentage.
        package static func percent(_ share: Double) -> Cell { Cell(text: displayPercent(share), value: share) }
    }

    /// One feature's row.
    package struct Row: Sendable, Hashable {
        /// The feature (the row's anchor).
        package let feature: String
        /// Whether it drifted (drifted rows come first and are marked).
        package let drifted: Bool
        /// One cell per column.
        package let cells: [Cell]

        /// A row.
        package init(feature: String, drifted: Bool, cells: [Cell]) {
            self.feature = feature
            self.drifted = drifted
            self.cells = cells
        }
    }

    /// The column headings (units included).
    package let columns: [String]
    /// The rows, drifted first.
    package let rows: [Row]

    /// The report's column headings: the adjusted p-value's column only with a correction, and
    /// the missing values' unit (`cells` for a comparison's counts, `share` for a run's ratios).
    ///
    /// - Parameters:
    ///   - correction: The correction's name, or nil when none is on.
    ///   - missingUnit: What the missing columns hold.
    /// - Returns: The headings, in the cells' order.
    package static func columns(correction: String?, missingUnit: String) -> [String] {
        ["feature", "kind", "deciding test", "p-value"] + (correction.map { ["p-value (\($0)-adjusted)"] } ?? [])
            + ["statistic", "PSI", "Wasserstein (normalized)", "n ref", "n prod",
               "missing ref (\(missingUnit))", "missing prod (\(missingUnit))", "status"]
    }

    /// A table whose rows are reordered: drifted features first, each group in the given order.
    ///
    /// - Parameters:
    ///   - columns: The headings.
    ///   - rows: The rows, in input order.
    package init(columns: [String], rows: [Row]) {
        self.columns = columns
        self.rows = rows.filter(\.drifted) + rows.filter { !$0.drifted }
    }
}
