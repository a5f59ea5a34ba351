import DriftMultivariate
import DriftProfiles
import DriftStatistics
import DriftTables

/// Compares a production column with a feature of a stored reference profile.
///
/// The profile's sorted sample is wrapped without re-sorting (``SortedSample/init(presorted:label:)``
/// checks the order in O(n)); its PSI bins and category frequencies are used as stored. Under the
/// profile's sample cap the results are identical, bit for bit, to comparing the raw reference
/// column (``compareFeatures(reference:production:options:)``).
///
/// The production column must have been read with the profile's kind (see
/// ``CSVTable/load(path:columns:categorical:kinds:)``); text in a numeric column is reported as
/// every test's error. For a profile whose categories were capped, production categories the
/// profile does not know are pooled into ``FeatureProfile/otherCategory`` like the reference's.
///
/// ```swift
/// let profile = try store.profile(model: "churn")
/// let production = try CSVTable.load(path: "hour.csv", kinds: profile.kinds)
/// let report = try compareProfile(profile, production: production.columns)
/// ```
///
/// - Parameters:
///   - reference: The profile's feature.
///   - production: The production column of the same name.
///   - options: Alpha and correction are applied across features by the caller; PSI uses the
///     profile's stored bins whatever `options.psiBins` says.
/// - Returns: The feature's report, `drifted` not yet decided.
/// - Complexity: O(n + m log m): the reference is never re-sorted.
public func compareFeatures(
    reference: FeatureProfile, production: ColumnSample, options: ComparisonOptions
) -> FeatureReport {
    if let failed = textInNumericColumn(
        name: reference.name, kind: reference.kind, referenceCount: reference.testedCount,
        referenceMissing: reference.missing, production: production
    ) {
        return failed
    }
    switch reference.kind {
    case .numeric:
        let referenceSample = TestOutcome { try SortedSample(presorted: reference.sample, label: "reference") }
        return compareNumeric(
            name: reference.name, referenceSample: referenceSample, referenceCount: reference.testedCount,
            referenceMissing: reference.missing, production: production,
            psiBins: { _ in
                guard let bins = reference.psiBins else {
                    throw StatisticsError.degenerateReference(reason: "reference has fewer than two distinct values; no PSI bins")
                }
                return bins
            },
            options: options)
    case .categorical:
        var productionCategories = production.categories
        if reference.categories[FeatureProfile.otherCategory] != nil {
            productionCategories = [:]
            for (category, count) in production.categories {
                let key = reference.categories[category] == nil ? FeatureProfile.otherCategory : category
                productionCategories[key, default: 0] += count
            }
        }
        return compareCategorical(
            name: reference.name, referenceCategories: reference.categories, referenceMissing: reference.missing,
            productionCategories: productionCategories, productionMissing: production.missing)
    }
}

/// Compares production columns with every feature of a reference profile.
///
/// Features run in parallel and are reported in the profile's order; production columns the
/// profile does not have, and profile features missing from production, are listed in the
/// report. Drift is decided with the options' alpha and correction.
///
/// ```swift
/// let profile = try ProfileStore(path: "profiles.db").profile(model: "churn")
/// let production = try CSVTable.load(path: "hour.csv", kinds: profile.kinds)
/// let report = try compareProfile(profile, production: production.columns)
/// ```
///
/// - Parameters:
///   - profile: The reference profile.
///   - production: The production columns, read with the profile's kinds.
///   - options: Alpha and the multiple-testing correction.
/// - Returns: The report.
/// - Throws: ``ComparisonError/noCommonColumns(reference:production:)`` when no feature is in
///   production; ``StatisticsError`` for invalid options.
/// - Complexity: O(total production values · log) plus O(reference sample sizes).
public func compareProfile(
    _ profile: ReferenceProfile, production: [ColumnSample], options: ComparisonOptions = ComparisonOptions()
) throws -> ComparisonReport {
    var report = try compareEach(
        profile.features, names: profile.features.map(\.name), production: production, options: options,
        sources: ("profile \(profile.model) v\(profile.version)", "production")
    ) { compareFeatures(reference: $0, production: $1, options: options) } summary: { ($0.kind, $0.testedCount, $0.missing) }
    if let settings = options.multivariate {
        report.multivariate = compareMultivariate(
            profile: profile, production: production, settings: settings, alpha: options.alpha, seed: options.seed)
    }
    return report
}

extension ReferenceProfile {
    /// Each feature's kind, to read production data the way the profile was built.
    public var kinds: [String: ColumnKind] {
        Dictionary(features.map { ($0.name, $0.kind) }, uniquingKeysWith: { first, _ in first })
    }
}
