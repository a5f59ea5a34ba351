import DriftMultivariate
import Foundation

extension MultivariateReport {
    /// The multivariate lines under the `compare` table.
    ///
    /// ```text
    /// multivariate (5 features, 7 encoded columns; rows 2000 reference, 2000 production, 12 dropped)
    ///   mmd                 MMD² 0.0123, p 0.0099 (100 permutations, bandwidth 2.41)   DRIFT
    ///   pca_reconstruction  error 1.31, band [1.02, 1.18] (3 components)               DRIFT
    /// ```
    ///
    /// - Complexity: O(features).
    public func tableLines() -> [String] {
        let comparison: MultivariateComparison
        switch testResult {
        case .unavailable(let reason): return ["multivariate: not run: \(reason)"]
        case .compared(let compared): comparison = compared
        }
        var lines = [
            "multivariate (\(comparison.features.count) feature\(comparison.features.count == 1 ? "" : "s"), "
                + "\(comparison.encodedColumns) encoded column\(comparison.encodedColumns == 1 ? "" : "s"); rows "
                + "\(comparison.referenceRows) reference, \(comparison.productionRows) production, "
                + "\(comparison.productionDroppedRows) production row\(comparison.productionDroppedRows == 1 ? "" : "s") dropped for missing values)",
        ]
        switch comparison.mmd {
        case .success(let mmd):
            lines.append("  mmd                 MMD² \(Self.format(mmd.statistic)), p \(Self.format(mmd.pValue)) "
                + "(\(mmd.permutations) permutations, bandwidth \(Self.format(mmd.bandwidth)))  \(mmdDrifted ? "DRIFT" : "-")")
        case .failure(let error):
            lines.append("  mmd                 n/a: \(error)")
        }
        switch comparison.reconstruction {
        case .success(let drift):
            lines.append("  pca_reconstruction  error \(Self.format(drift.error)), band [\(Self.format(drift.lower)), "
                + "\(Self.format(drift.upper))] (\(drift.components) component\(drift.components == 1 ? "" : "s"))  \(drift.isDrifted ? "DRIFT" : "-")")
        case .failure(let error):
            lines.append("  pca_reconstruction  n/a: \(error)")
        }
        return lines
    }

    private static func format(_ value: Double) -> String {
        if value == 0 { return "0" }
        let magnitude = abs(value)
        return magnitude < 1e-3 || magnitude >= 1e6 ? String(format: "%.3e", value) : String(format: "%.4f", value)
    }
}
