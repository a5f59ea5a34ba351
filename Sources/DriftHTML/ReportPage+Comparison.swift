import DriftMultivariate
import DriftReport
import DriftStatistics

/// The values of one numeric feature on both sides of a comparison, for its ECDF panel.
package struct FeatureValues: Sendable {
    /// The reference values (any order; missing values already left out).
    package let reference: [Double]
    /// The production values.
    package let production: [Double]

    /// Both sides' values.
    package init(reference: [Double], production: [Double]) {
        self.reference = reference
        self.production = production
    }
}

extension ReportPage {
    /// The page of a comparison (`driftwatch report` with `compare`'s inputs): the summary, the
    /// feature table with the numbers of `compare --format json`, and each feature's plots.
    ///
    /// ```swift
    /// let report = try compareTables(reference: reference, production: production)
    /// let page = ReportPage(comparison: report, values: values, title: "Drift report", facts: [])
    /// ```
    ///
    /// - Parameters:
    ///   - report: The decided comparison.
    ///   - values: Each numeric feature's values (features without an entry get a note
    ///     instead of their ECDF panel).
    ///   - title: The page title.
    ///   - facts: What was compared (inputs, window, profile version), shown first; alpha and
    ///     the correction follow.
    /// - Complexity: O(features × (bins + categories)) plus sorting each feature's values.
    package init(comparison report: ComparisonReport, values: [String: FeatureValues], title: String, facts: [Fact]) {
        self.init(title: title)
        self.facts = facts + [Fact("alpha", displayNumber(report.alpha)), Fact("correction", report.correction.rawValue)]
        featureCount = report.features.count
        checkedCount = report.features.filter { $0.status == .tested }.count
        driftedCount = report.driftedFeatures.count
        if let multivariate = report.multivariate {
            self.multivariate = multivariate.tableLines().map { StatusLine($0.trimmingCharacters(in: .whitespaces), alarm: $0.hasSuffix("DRIFT")) }
        }
        if !report.referenceOnlyColumns.isEmpty {
            notes.append("Only in the reference, not compared: \(report.referenceOnlyColumns.joined(separator: ", "))")
        }
        if !report.productionOnlyColumns.isEmpty {
            notes.append("Only in production, not compared: \(report.productionOnlyColumns.joined(separator: ", "))")
        }
        let corrected = report.correction != .none
        let columns = FeatureTable.columns(correction: corrected ? report.correction.rawValue : nil, missingUnit: "cells")
        let ordered = report.features.filter(\.drifted) + report.features.filter { !$0.drifted }
        table = FeatureTable(columns: columns, rows: ordered.map { feature in
            var cells: [FeatureTable.Cell] = [
                .text(feature.name), .text(feature.kind.rawValue), .text(feature.primaryTest), .number(feature.primaryPValue),
            ]
            if corrected { cells.append(.number(feature.pValueAdjusted)) }
            cells += [
                .number(feature.primaryStatistic), .number(feature.psi.value?.value),
                .number(feature.wasserstein?.value?.normalized),
                .count(feature.referenceCount), .count(feature.productionCount),
                .count(feature.referenceMissing.total), .count(feature.productionMissing.total),
                .text(Self.status(drifted: feature.drifted, status: feature.status.rawValue, reason: feature.statusReason)),
            ]
            return FeatureTable.Row(feature: feature.name, drifted: feature.drifted, cells: cells)
        })
        sections = ordered.map { feature in
            let (plot, caption) = Self.plot(of: feature, values: values[feature.name])
            return FeatureSection(
                name: feature.name, kind: feature.kind.rawValue,
                verdict: Self.verdict(
                    drifted: feature.drifted, tested: feature.status == .tested, test: feature.primaryTest,
                    pValue: feature.primaryPValue, adjusted: feature.pValueAdjusted, status: feature.status.rawValue,
                    reason: feature.statusReason),
                drifted: feature.drifted, plot: plot, caption: caption)
        }
    }

    private static func plot(of feature: FeatureReport, values: FeatureValues?) -> (FeaturePlot, String?) {
        guard feature.status == .tested else {
            return (.note("Not tested (\(feature.status.rawValue)): \(feature.statusReason ?? "no reason recorded")"), nil)
        }
        switch feature.kind {
        case .numeric:
            guard let values, let reference = CumulativeCurve.sorting(values.reference),
                  let production = CumulativeCurve.sorting(values.production) else {
                return (.note("No plot: the values of \(feature.name) are not available"), nil)
            }
            var bins: BinnedShares?
            var binsNote: String?
            switch feature.psi {
            case .value(let psi):
                bins = BinnedShares(edges: psi.edges, reference: psi.referenceCounts, production: psi.productionCounts)
            case .failed(let message):
                binsNote = message
            }
            let ks = feature.kolmogorovSmirnov?.value.map {
                KSMark(statistic: $0.statistic, location: $0.statisticLocation, sign: $0.statisticSign)
            }
            return (.numeric(bins: bins, binsNote: binsNote, reference: reference, production: production, ks: ks), nil)
        case .categorical:
            guard case .value(let psi) = feature.psi,
                  let shares = CategoryShares(
                    names: feature.categories, reference: psi.referenceCounts, production: psi.productionCounts,
                    pooled: OneHotEncoding.otherCategory) else {
                return (.note("No plot: \(feature.psi.failure ?? "no category counts")"), nil)
            }
            return (.categorical(shares), categoryCaption(shares))
        }
    }
}

extension ReportPage {
    /// The status column's text: `DRIFT`, `ok`, or the status with its reason.
    package static func status(drifted: Bool, status: String, reason: String?) -> String {
        if drifted { return "DRIFT" }
        if status == "tested" { return "ok" }
        return status + (reason.map { ": \($0)" } ?? "")
    }

    /// A feature's verdict in words.
    package static func verdict(
        drifted: Bool, tested: Bool, test: String, pValue: Double?, adjusted: Double?, status: String, reason: String?
    ) -> String {
        guard tested else { return "Not tested (\(status))" + (reason.map { ": \($0)" } ?? "") }
        let p = "\(test) p-value \(displayNumber(pValue))" + (adjusted.map { ", adjusted \(displayNumber($0))" } ?? "")
        return (drifted ? "Drifted: " : "No drift: ") + p
    }

    /// The caption under a category plot: folded and unseen categories.
    package static func categoryCaption(_ shares: CategoryShares) -> String? {
        var parts: [String] = []
        if !shares.folded.isEmpty {
            let reference = shares.folded.reduce(0) { $0 + $1.reference }
            let production = shares.folded.reduce(0) { $0 + $1.production }
            parts.append("\(shares.folded.count) smaller categories not drawn (reference \(displayPercent(Double(reference) / Double(shares.referenceTotal))), production \(displayPercent(Double(production) / Double(shares.productionTotal))))")
        }
        let unseen = shares.unseen
        if !unseen.isEmpty {
            parts.append("not in the reference: \(unseen.prefix(10).joined(separator: ", "))\(unseen.count > 10 ? " and \(unseen.count - 10) more" : "")")
        }
        return parts.isEmpty ? nil : parts.joined(separator: "; ") + "."
    }
}
