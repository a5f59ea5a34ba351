import Foundation
import DriftTables

/// Production rows in a CSV file that holds one window (an export of it): every data row is
/// read. This is `driftwatch compare`'s production file.
///
/// ```swift
/// let source = CSVProductionSource(path: "Fixtures/churn/production-drifted.csv")
/// let sample = try source.read(window: nil, features: [(name: "age", kind: .numeric)])
/// sample.rowCount   // the file's data rows
/// ```
///
/// The file needs a header row (RFC 4180 quoting); cells are read as `CSVTable` reads them with
/// the given kinds: a numeric feature never turns categorical, its text cells become a problem;
/// a categorical feature keeps numbers as text. The file has no timestamps, so a window passed
/// to ``read(window:features:trackRows:)`` is recorded in the sample but selects nothing:
/// the file is taken to be that window's rows.
public struct CSVProductionSource: ProductionSource, Hashable {
    /// The CSV file.
    public var path: String

    /// A source reading the CSV file at `path`.
    ///
    /// - Parameter path: The file; nothing is opened until ``read(window:features:trackRows:)``.
    /// - Complexity: O(1).
    public init(path: String) {
        self.path = path
    }

    /// `csv:PATH`.
    public var description: String { "csv:\(path)" }

    /// Reads the features' columns from every data row of the file.
    ///
    /// - Parameters:
    ///   - window: The window the file stands for (recorded in the sample), or nil.
    ///   - features: The features to read and their kinds; those not in the header become
    ///     problems, and a repeated name is read once (as `CSVTable` reads it).
    ///   - trackRows: Features whose rows are recorded (``ColumnSample/rows``).
    /// - Returns: The file's columns in header order, problems and row count (no invalid
    ///   timestamps: the file has none).
    /// - Throws: `TableError` for an unreadable or malformed file, naming the line.
    /// - Complexity: O(file size), one pass (two for a column that turns categorical); memory
    ///   O(loaded values + distinct categories).
    public func read(
        window: TimeWindow?, features: [(name: String, kind: ColumnKind)], trackRows: Set<String>
    ) throws -> ProductionSample {
        let header = try CSVTable.header(path: path)
        let table = try CSVTable.load(
            path: path, columns: features.map(\.name).filter(header.contains),
            kinds: Dictionary(features.map { ($0.name, $0.kind) }, uniquingKeysWith: { first, _ in first }),
            trackRows: trackRows)
        var problems: [String: String] = [:]
        for feature in features where !header.contains(feature.name) {
            problems[feature.name] = ColumnProblem.missing(feature.name, in: path, columns: header)
        }
        for column in table.columns {
            if let problem = ColumnProblem.text(in: column) { problems[column.name] = problem }
        }
        return ProductionSample(
            window: window, rowCount: table.rowCount, columns: table.columns, problems: problems, invalidTimestamps: 0)
    }

    /// A CSV export has no timestamps: the newest row's time is unknown (nil) and nothing is
    /// searched.
    ///
    /// - Parameters:
    ///   - end: Ignored.
    ///   - step: Ignored.
    ///   - limit: Ignored.
    /// - Returns: `(nil, 0)`.
    /// - Complexity: O(1).
    public func newestTimestamp(before end: Date, step: TimeInterval, limit: TimeInterval) throws -> (newest: Date?, searched: TimeInterval) {
        (nil, 0)
    }
}
