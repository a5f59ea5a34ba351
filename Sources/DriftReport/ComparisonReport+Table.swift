import DriftStatistics
import DriftTables
import Foundation

extension ComparisonReport {
    /// The report as an aligned plain-text table, one row per feature, for a terminal.
    ///
    /// Columns: feature, kind, tested reference/production values, missing cells, the
    /// primary test with its statistic and p-value (adjusted when a correction is on), PSI,
    /// normalized Wasserstein (numeric; the raw distance, marked `W`, when the reference is
    /// constant) or Jensen–Shannon (categorical), and the verdict. A test that could not run
    /// shows `n/a` and its reason is listed under the table.
    ///
    /// ```swift
    /// print(report.table())
    /// ```
    ///
    /// - Complexity: O(features).
    public func table() -> String {
        var header = ["feature", "kind", "n_ref", "n_prod", "missing", "test", "statistic", "p_value"]
        if correction != .none { header.append("p_adj") }
        header += ["psi", "distance", "drift"]
        var rows: [[String]] = []
        var notes: [String] = []
        for feature in features {
            var row = [
                feature.name,
                feature.kind.rawValue,
                String(feature.referenceCount),
                String(feature.productionCount),
                "\(feature.referenceMissing.total)/\(feature.productionMissing.total)",
                feature.primaryTest,
                format(feature.primaryStatistic),
                format(feature.primaryPValue),
            ]
            if correction != .none { row.append(format(feature.pValueAdjusted)) }
            row.append(format(feature.psi.value?.value))
            switch feature.kind {
            case .numeric:
                // The normalized distance when the reference varies, the raw one when it is constant.
                if let wasserstein = feature.wasserstein?.value, wasserstein.normalized == nil {
                    row.append(format(wasserstein.distance, suffix: " W"))
                } else {
                    row.append(format(feature.wasserstein?.value?.normalized, suffix: " W/sd"))
                }
            case .categorical: row.append(format(feature.jensenShannon?.value, suffix: " JS"))
            }
            row.append(feature.drifted ? "DRIFT" : feature.status == .tested ? "-" : feature.status.rawValue)
            rows.append(row)
            for (test, failure) in feature.failures { notes.append("\(feature.name): \(test): \(failure)") }
        }
        let numericColumns: Set<Int> = Set(2..<header.count).subtracting([header.count - 1, 5])
        var output = TextTable(header: header, rows: rows, rightAligned: numericColumns).lines()
        let drifted = driftedFeatures.count
        var summary = "\(drifted) of \(features.count) feature\(features.count == 1 ? "" : "s") drifted (alpha \(alpha)"
        summary += correction == .none ? ")" : ", \(correction.rawValue) correction)"
        output.append("")
        output.append(summary)
        if !referenceOnlyColumns.isEmpty {
            output.append("only in reference, not compared: " + referenceOnlyColumns.joined(separator: ", "))
        }
        if !productionOnlyColumns.isEmpty {
            output.append("only in production, not compared: " + productionOnlyColumns.joined(separator: ", "))
        }
        output += notes
        if let multivariate { output += multivariate.tableLines() }
        return output.joined(separator: "\n") + "\n"
    }

    private func format(_ value: Double?, suffix: String = "") -> String {
        guard let value else { return "n/a" }
        if value == 0 { return "0" + suffix }
        let magnitude = abs(value)
        if magnitude < 1e-3 || magnitude >= 1e6 {
            return String(format: "%.3e", value) + suffix
        }
        return String(format: "%.4f", value) + suffix
    }
}

extension FeatureReport {
    /// The tests (and parts of tests, like the normalized Wasserstein distance of a constant
    /// reference) that could not run, with their reasons.
    public var failures: [(test: String, reason: String)] {
        var result: [(String, String)] = []
        if let failure = kolmogorovSmirnov?.failure { result.append(("ks", failure)) }
        if let failure = cramerVonMises?.failure { result.append(("cramer_von_mises", failure)) }
        if let failure = wasserstein?.failure { result.append(("wasserstein", failure)) }
        if let reason = wasserstein?.value?.normalizedUnavailableReason {
            result.append(("wasserstein_normalized", reason))
        }
        if let failure = chiSquare?.failure { result.append(("chi_square", failure)) }
        if let failure = jensenShannon?.failure { result.append(("jensen_shannon", failure)) }
        if let failure = psi.failure { result.append(("psi", failure)) }
        return result
    }
}
