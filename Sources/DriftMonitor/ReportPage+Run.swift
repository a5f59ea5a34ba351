import DriftHTML
import DriftProfiles
import DriftReport
import Foundation

extension ReportPage {
    /// The page of one recorded run of the hourly job: the summary (window, profile version,
    /// multivariate verdicts, data-health findings), the feature table with the run's numbers,
    /// each feature's plots (the production side from what the run kept, the reference side
    /// from the profile version it used) and the drifted features' p-value history.
    ///
    /// - Parameters:
    ///   - run: The run.
    ///   - record: Its history row (id, version, delivery).
    ///   - profile: The profile version the run used, or nil with `profileProblem` saying why.
    ///   - profileProblem: Why the profile could not be read.
    ///   - history: The p-value series of the drifted features.
    /// - Complexity: O(features × (bins + categories) + reference sample sizes).
    package init(run: CheckRun, record: RunRecord, profile: ReferenceProfile?, profileProblem: String?, history: [PValueSeries]) {
        self.init(title: "Drift report: \(run.model), run \(record.id)")
        facts = [
            Fact("model", run.model),
            Fact("run", "\(record.id), started \(RFC3339.format(run.startedAt))"),
            Fact("window", window(run)),
            Fact("reference profile", "version \(run.profileVersion)"),
            Fact("production rows", String(run.productionRows)),
            Fact("alpha", displayNumber(run.alpha)),
            Fact("correction", run.correction),
        ]
        if let version = record.driftwatchVersion { facts.append(Fact("driftwatch", version)) }
        featureCount = run.features.count
        checkedCount = run.checkedFeatures.count
        driftedCount = run.driftedFeatures.count
        if let multivariate = run.multivariate { self.multivariate = Self.lines(multivariate) }
        if let health = run.health {
            let findings = Set(health.findings)
            self.health = health.summaryLines(windowEnd: run.windowEnd).map { line in
                StatusLine(line, alarm: !findings.isEmpty && ["LOW", "HIGH", "STALE", "SPIKE"].contains { line.contains($0) })
            }
        }
        if let profileProblem { notes.append("The plots' reference side is missing: \(profileProblem)") }

        let corrected = run.correction != "none"
        let columns = FeatureTable.columns(correction: corrected ? run.correction : nil, missingUnit: "share")
        let ordered = run.features.filter(\.drifted) + run.features.filter { !$0.drifted }
        table = FeatureTable(columns: columns, rows: ordered.map { feature in
            var cells: [FeatureTable.Cell] = [
                .text(feature.name), .text(feature.kind.rawValue), .text(feature.primary?.test.rawValue ?? "-"),
                .number(feature.primary?.pValue),
            ]
            if corrected { cells.append(.number(feature.primary?.pValueAdjusted)) }
            cells += [
                .number(feature.primary?.statistic), .number(feature.psi), .number(feature.wassersteinNormalized),
                .count(feature.referenceCount), .count(feature.productionCount),
                .percent(feature.referenceMissingRatio), .percent(feature.productionMissingRatio),
                .text(Self.status(drifted: feature.drifted, status: feature.status.rawValue, reason: feature.reason)),
            ]
            return FeatureTable.Row(feature: feature.name, drifted: feature.drifted, cells: cells)
        })
        sections = ordered.map { feature in
            let (plot, caption) = Self.plot(of: feature, reference: profile?.feature(named: feature.name), profileProblem: profileProblem)
            return FeatureSection(
                name: feature.name, kind: feature.kind.rawValue,
                verdict: Self.verdict(
                    drifted: feature.drifted, tested: feature.status == .tested, test: feature.primary?.test.rawValue ?? "-",
                    pValue: feature.primary?.pValue, adjusted: feature.primary?.pValueAdjusted,
                    status: feature.status.rawValue, reason: feature.reason),
                drifted: feature.drifted, plot: plot, caption: caption)
        }
        self.history = history
        if history.isEmpty { historyNote = run.driftedFeatures.isEmpty ? "No feature drifted in this run." : "No earlier runs recorded." }
    }

    private static func plot(of feature: FeatureCheck, reference: FeatureProfile?, profileProblem: String?) -> (FeaturePlot, String?) {
        guard feature.status == .tested else {
            return (.note("Not tested (\(feature.status.rawValue)): \(feature.reason ?? "no reason recorded")"), nil)
        }
        guard let distribution = feature.distribution else {
            return (.note("No plot: this run was recorded before runs kept their production distributions; its numbers are in the table."), nil)
        }
        guard let reference else {
            return (.note("No plot: \(profileProblem ?? "the profile has no feature \(feature.name)")"), nil)
        }
        switch feature.kind {
        case .numeric:
            guard let referenceCurve = CumulativeCurve.sorting(reference.sample) else {
                return (.note("No plot: the profile keeps no reference values for \(feature.name)"), nil)
            }
            var bins: BinnedShares?
            var production: CumulativeCurve?
            if let psiBins = reference.psiBins, let counts = distribution.binCounts {
                bins = BinnedShares(edges: psiBins.edges, reference: psiBins.referenceCounts, production: counts)
                production = CumulativeCurve.binned(edges: psiBins.edges, counts: counts)
            }
            guard let production else {
                return (.note("No plot: the run's production counts do not match the profile's PSI bins"), nil)
            }
            let ks = feature.tests.first { $0.test == .kolmogorovSmirnov }
            var mark: KSMark?
            if let ks, let location = distribution.ksLocation, let sign = distribution.ksSign {
                mark = KSMark(statistic: ks.statistic, location: location, sign: sign)
            }
            return (.numeric(bins: bins, binsNote: nil, reference: referenceCurve, production: production, ks: mark), nil)
        case .categorical:
            guard let names = distribution.categories, let counts = distribution.categoryCounts,
                  let shares = CategoryShares(
                    names: names, reference: names.map { reference.categories[$0] ?? 0 }, production: counts,
                    pooled: FeatureProfile.otherCategory,
                    extra: distribution.otherCategories.map { ($0, distribution.otherCount ?? 0) }) else {
                return (.note("No plot: the run kept no category counts for \(feature.name)"), nil)
            }
            return (.categorical(shares), categoryCaption(shares))
        }
    }

    /// The multivariate verdicts of a run, one line per test.
    private static func lines(_ multivariate: MultivariateCheck) -> [StatusLine] {
        var lines: [StatusLine] = []
        if let mmd = multivariate.mmd {
            lines.append(StatusLine(
                "mmd: MMD² \(displayNumber(mmd.statistic)), permutation p-value \(displayNumber(mmd.pValue)) "
                    + "(\(mmd.permutations) permutations, bandwidth \(displayNumber(mmd.bandwidth))) \(mmd.drifted ? "DRIFT" : "ok")",
                alarm: mmd.drifted))
        } else {
            lines.append(StatusLine("mmd: \(multivariate.mmdStatus.rawValue)", alarm: false))
        }
        if let reconstruction = multivariate.reconstruction {
            lines.append(StatusLine(
                "pca_reconstruction: error \(displayNumber(reconstruction.error)), band [\(displayNumber(reconstruction.lower)), "
                    + "\(displayNumber(reconstruction.upper))] (\(reconstruction.components) components) \(reconstruction.drifted ? "DRIFT" : "ok")",
                alarm: reconstruction.drifted))
        } else {
            lines.append(StatusLine("pca_reconstruction: \(multivariate.reconstructionStatus.rawValue)", alarm: false))
        }
        if let reason = multivariate.reason { lines.append(StatusLine(reason, alarm: false)) }
        if !multivariate.features.isEmpty {
            lines.append(StatusLine(
                "\(multivariate.features.count) features; rows reference \(multivariate.referenceRows), production \(multivariate.productionRows) "
                    + "(\(multivariate.productionDroppedRows) dropped for missing values)", alarm: false))
        }
        return lines
    }
}
