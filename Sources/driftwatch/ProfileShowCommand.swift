import ArgumentParser
import DriftProfiles
import DriftReport
import DriftTables
import Foundation

/// `driftwatch profile show`: one profile's features, as a table or JSON.
struct ProfileShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a reference profile (the active version unless --version).")

    @Option(help: "The profile database.")
    var db: String

    @Option(help: "The model.")
    var model: String

    @Option(parsing: .unconditional, help: "The version (default: the active one).")
    var version: Int?

    @Option(help: "Output format: table or json.")
    var format: OutputFormat = .table

    func validate() throws {
        if let version, version < 1 { throw ValidationError("--version must be at least 1, got \(version)") }
    }

    func run() throws {
        let store = try ProfileStore(path: db, createIfMissing: false)
        let profile = try store.profile(model: model, version: version)
        let active = try store.activeVersion(model: model) == profile.version
        switch format {
        case .json:
            print(profileJSON(profile, active: active).rendered(indent: 2))
        case .table:
            print(profileTable(profile, active: active))
        }
    }
}

func profileTable(_ profile: ReferenceProfile, active: Bool) -> String {
    var lines = [
        "\(profile.model) version \(profile.version)\(active ? " (active)" : ""), created \(formatTimestamp(profile.createdAt))",
        "source: \(profile.source.description), \(profile.source.rowCount) rows, \(profile.source.contentHash)",
        "settings: sample cap \(profile.settings.sampleCap), \(profile.settings.psiBins) PSI bins, category cap \(profile.settings.categoryCap), seed \(profile.settings.seed)",
        "",
    ]
    let rows = profile.features.map { feature -> [String] in
        let missing = "\(feature.missing.total)"
        switch feature.kind {
        case .numeric:
            let summary = feature.summary
            let sample = feature.sampleIsExact ? "exact \(feature.sample.count)" : "reservoir \(feature.sample.count) of \(summary.count)"
            return [feature.name, "numeric", String(feature.rowCount), missing, short(summary.mean),
                    short(summary.standardDeviation), short(summary.minimum), short(summary.maximum), sample,
                    feature.psiBins.map { "\($0.referenceCounts.count)" } ?? "none"]
        case .categorical:
            let top = feature.categories.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
            let listed = top.prefix(3).map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            return [feature.name, "categorical", String(feature.rowCount), missing, "", "", "", "",
                    "\(feature.categories.count) categories", listed + (top.count > 3 ? ", …" : "")]
        }
    }
    lines.append(alignedTable(
        header: ["feature", "kind", "rows", "missing", "mean", "sd", "min", "max", "sample", "psi bins / top categories"],
        rows: rows, rightAligned: [2, 3, 4, 5, 6, 7]))
    lines.append("")
    lines += multivariateLines(profile)
    return lines.joined(separator: "\n")
}

/// One line on the multivariate reference, for `profile create`: rows sampled, complete and
/// dropped, encoded columns, components and the variance they explain; or why there is none.
func multivariateSummary(_ profile: ReferenceProfile) -> String {
    guard let reference = profile.multivariate else { return "none (\(profile.multivariateProblem ?? "not built"))" }
    let sample = reference.sample
    let model = reference.model
    return "\(sample.rowCount) rows sampled of \(sample.completeRows) complete (\(sample.droppedRows) dropped), "
        + "\(model.featureCount) encoded columns, \(model.componentCount) PCA component\(model.componentCount == 1 ? "" : "s") "
        + "(\(percent(cumulativeVariance(model.explainedVarianceRatio, kept: model.componentCount).last ?? 0)) of the variance)"
}

/// The multivariate section of `profile show`.
func multivariateLines(_ profile: ReferenceProfile) -> [String] {
    let settings = profile.settings
    guard let reference = profile.multivariate else {
        return ["multivariate: none (\(profile.multivariateProblem ?? "not built"))"]
    }
    let sample = reference.sample
    let model = reference.model
    let categorical = sample.columns.filter(\.isCategorical).count
    let cumulative = cumulativeVariance(model.explainedVarianceRatio, kept: model.componentCount)
    return [
        "multivariate: \(sample.rowCount) rows sampled of \(sample.completeRows) complete, \(sample.droppedRows) dropped (cap \(settings.multivariateSampleCap), seed \(settings.seed))",
        "  features: \(sample.names.count) (\(sample.names.count - categorical) numeric, \(categorical) categorical), \(model.featureCount) encoded columns (at most \(settings.multivariateMaxCategories) categories per feature)",
        "  PCA: \(model.componentCount) component\(model.componentCount == 1 ? "" : "s") for \(percent(settings.pcaVarianceFraction)) of the variance; cumulative explained variance \(cumulative.map(percent).joined(separator: ", "))",
    ]
}

/// The running sums of the first `kept` components' explained-variance shares.
private func cumulativeVariance(_ ratios: [Double], kept: Int) -> [Double] {
    var total = 0.0
    return ratios.prefix(kept).map { total += $0; return total }
}

private func percent(_ share: Double) -> String {
    String(format: "%.1f%%", share * 100)
}

private func short(_ value: Double) -> String {
    guard value.isFinite else { return "n/a" }
    return String(format: "%.6g", value)
}

func profileJSON(_ profile: ReferenceProfile, active: Bool) -> JSONValue {
    .object([
        ("model", .string(profile.model)),
        ("version", .int(profile.version)),
        ("active", .bool(active)),
        ("created", .string(formatTimestamp(profile.createdAt))),
        ("source", .object([
            ("description", .string(profile.source.description)),
            ("rows", .int(profile.source.rowCount)),
            ("content_hash", .string(profile.source.contentHash)),
        ])),
        ("settings", .object([
            ("sample_cap", .int(profile.settings.sampleCap)),
            ("psi_bins", .int(profile.settings.psiBins)),
            ("category_cap", .int(profile.settings.categoryCap)),
            ("seed", .string(String(profile.settings.seed))),
            ("categorical", .array(profile.settings.categorical.sorted().map(JSONValue.string))),
        ])),
        ("features", .array(profile.features.map(featureJSON))),
        ("multivariate", multivariateJSON(profile)),
    ])
}

/// The multivariate section of `profile show --format json`: the build settings, then the
/// sample's counts, features and encoding, the PCA components' explained variance; or the
/// problem (with `"problem"` non-null and no reference members).
private func multivariateJSON(_ profile: ReferenceProfile) -> JSONValue {
    let settings = profile.settings
    var members: [(String, JSONValue)] = [
        ("enabled", .bool(settings.multivariate)),
        ("sample_cap", .int(settings.multivariateSampleCap)),
        ("max_categories", .int(settings.multivariateMaxCategories)),
        ("pca_variance", .double(settings.pcaVarianceFraction)),
        ("problem", profile.multivariateProblem.map(JSONValue.string) ?? .null),
    ]
    guard let reference = profile.multivariate else { return .object(members) }
    let sample = reference.sample
    let model = reference.model
    let components = model.componentCount
    members += [
        ("sample_rows", .int(sample.rowCount)),
        ("complete_rows", .int(sample.completeRows)),
        ("dropped_rows", .int(sample.droppedRows)),
        ("features", .array(reference.encoding.features.map { feature in
            var entry: [(String, JSONValue)] = [
                ("name", .string(feature.name)),
                ("kind", .string(feature.categories == nil ? "numeric" : "categorical")),
            ]
            if let categories = feature.categories { entry.append(("categories", .array(categories.map(JSONValue.string)))) }
            return .object(entry)
        })),
        ("encoded_columns", .int(model.featureCount)),
        ("components", .int(components)),
        ("explained_variance_ratio", .array(model.explainedVarianceRatio.prefix(components).map(JSONValue.double))),
        ("cumulative_explained_variance", .array(cumulativeVariance(model.explainedVarianceRatio, kept: components).map(JSONValue.double))),
    ]
    return .object(members)
}

private func featureJSON(_ feature: FeatureProfile) -> JSONValue {
    var members: [(String, JSONValue)] = [
        ("name", .string(feature.name)),
        ("kind", .string(feature.kind.rawValue)),
        ("rows", .int(feature.rowCount)),
        ("missing", .object([
            ("empty", .int(feature.missing.empty)),
            ("nan", .int(feature.missing.notANumber)),
            ("infinite", .int(feature.missing.infinite)),
        ])),
    ]
    switch feature.kind {
    case .numeric:
        let summary = feature.summary
        members += [
            ("summary", .object([
                ("count", .int(summary.count)), ("mean", .double(summary.mean)),
                ("variance", .double(summary.variance)), ("min", .double(summary.minimum)),
                ("max", .double(summary.maximum)),
            ])),
            ("sample", .object([
                ("size", .int(feature.sample.count)),
                ("method", .string(feature.sampleIsExact ? "exact" : "reservoir")),
            ])),
            ("psi", feature.psiBins.map { bins in
                .object([
                    ("edges", .array(bins.edges.map(JSONValue.double))),
                    ("reference_counts", .array(bins.referenceCounts.map(JSONValue.int))),
                ])
            } ?? .null),
        ]
    case .categorical:
        let sorted = feature.categories.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
        members.append(("categories", .object(sorted.map { ($0.key, JSONValue.int($0.value)) })))
    }
    return .object(members)
}
