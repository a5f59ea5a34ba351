import ArgumentParser
import DriftReport
import DriftStatistics
import DriftTables
import Foundation

/// `driftwatch compare REFERENCE PRODUCTION`: per-feature drift tests between two CSV files.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare a production CSV with a reference CSV, feature by feature.",
        discussion: """
            Both files need a header row (RFC 4180 quoting). A column whose non-empty cells all \
            parse as numbers is numeric (KS, Cramér–von Mises, Wasserstein, PSI), otherwise \
            categorical (chi-square, Jensen–Shannon, PSI). Empty, NaN and infinite cells are \
            counted as missing and left out of the tests. Exit status 0 when the comparison ran, \
            drift or not.
            """
    )

    @Argument(help: "The reference CSV (the data the model was trained or validated on).")
    var reference: String

    @Argument(help: "The production CSV (the window to check).")
    var production: String

    @Option(help: "Output format: table or json.")
    var format: OutputFormat = .table

    @Option(help: "A feature drifts when its primary p-value (KS or chi-square) is below this.")
    var alpha: Double = 0.01

    @Option(name: .customLong("psi-bins"), help: "Number of PSI bins for numeric features.")
    var psiBins: Int = 10

    @Option(name: .customLong("psi-binning"), help: "PSI bin edges: quantile (of the reference) or uniform.")
    var psiBinning: PSIBinning = .quantile

    @Option(help: "Multiple-testing correction across features: none, bonferroni, holm or bh.")
    var correction: PValueCorrection = .none

    @Option(help: "Comma-separated columns to compare (default: every column in both files).")
    var columns: String?

    @Option(help: "Comma-separated columns to treat as categorical even if they hold numbers.")
    var categorical: String?

    func validate() throws {
        guard alpha > 0, alpha < 1 else { throw ValidationError("--alpha must be in (0, 1), got \(alpha)") }
        guard psiBins >= 2 else { throw ValidationError("--psi-bins must be at least 2, got \(psiBins)") }
        if let columns, Self.split(columns).isEmpty { throw ValidationError("--columns is empty") }
    }

    func run() throws {
        let wanted = columns.map(Self.split)
        if let wanted {
            let known = Set(try CSVTable.header(path: reference) + CSVTable.header(path: production))
            let unknown = wanted.filter { !known.contains($0) }
            guard unknown.isEmpty else {
                throw ValidationError("--columns: no column named \(unknown.joined(separator: ", ")) in either file")
            }
        }
        let forced = Set(categorical.map(Self.split) ?? [])
        let referenceTable = try CSVTable.load(
            path: reference, columns: try present(wanted, in: reference), categorical: forced)
        let productionTable = try CSVTable.load(
            path: production, columns: try present(wanted, in: production), categorical: forced)
        var options = ComparisonOptions()
        options.alpha = alpha
        options.psiBins = psiBins
        options.psiBinning = psiBinning
        options.correction = correction
        let report = try compareTables(reference: referenceTable, production: productionTable, options: options)
        switch format {
        case .table:
            print(report.table(), terminator: "")
        case .json:
            print(report.json().rendered(indent: 2))
        }
    }

    /// The requested columns; every one must exist in at least one of the two files.
    private func present(_ wanted: [String]?, in path: String) throws -> [String]? {
        guard let wanted else { return nil }
        let header = try CSVTable.header(path: path)
        return wanted.filter(header.contains)
    }

    static func split(_ list: String) -> [String] {
        list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

/// How `compare` prints its report.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}

extension PSIBinning: ExpressibleByArgument {}
extension PValueCorrection: ExpressibleByArgument {}
