import DriftReport

/// What a run keeps of one feature's production distribution, so that its report can be
/// drawn later without the production data: the counts in the profile's PSI bins (numeric),
/// or the counts per category (categorical), and where the Kolmogorov–Smirnov distance
/// occurred. The reference side comes from the profile version the run used.
///
/// Bounded by the profile: numeric features keep one count per PSI bin; categorical features
/// keep every category the reference has plus the ``unseenLimit`` largest unseen ones, the
/// rest counted in ``otherCategories`` and ``otherCount``. Stored in the run's result JSON
/// (`"distribution"` of each feature); runs recorded before it have none.
///
/// ```swift
/// if let counts = run.features[0].distribution?.binCounts { print(counts) }
/// ```
public struct RecordedDistribution: Sendable, Hashable, Codable {
    /// At most this many categories the reference lacks are kept by name.
    public static let unseenLimit = 20

    /// Production counts in the profile's PSI bins, in bin order (numeric features).
    public let binCounts: [Int]?
    /// The categories kept, in the comparison's (sorted) order (categorical features).
    public let categories: [String]?
    /// The production count of each kept category.
    public let categoryCounts: [Int]?
    /// Unseen production categories not kept by name.
    public let otherCategories: Int?
    /// Production values in those categories.
    public let otherCount: Int?
    /// The value where the KS distance is first reached (numeric features whose KS test ran).
    public let ksLocation: Double?
    /// `+1` when the reference's ECDF is above the production's there, `-1` below.
    public let ksSign: Int?

    /// What a decided feature report keeps, or nil when there is nothing to keep (PSI did not
    /// run).
    ///
    /// - Parameter report: The feature's report.
    /// - Complexity: O(categories log categories).
    init?(_ report: FeatureReport) {
        guard let psi = report.psi.value else { return nil }
        let ks = report.kolmogorovSmirnov?.value
        ksLocation = ks?.statisticLocation
        ksSign = ks?.statisticSign
        switch report.kind {
        case .numeric:
            binCounts = psi.productionCounts
            (categories, categoryCounts, otherCategories, otherCount) = (nil, nil, nil, nil)
        case .categorical:
            guard report.categories.count == psi.productionCounts.count else { return nil }
            let indices = report.categories.indices
            let unseen = indices.filter { psi.referenceCounts[$0] == 0 && psi.productionCounts[$0] > 0 }
                .sorted { psi.productionCounts[$0] > psi.productionCounts[$1] }
            let dropped = Set(unseen.dropFirst(Self.unseenLimit))
            let kept = indices.filter { !dropped.contains($0) }
            binCounts = nil
            categories = kept.map { report.categories[$0] }
            categoryCounts = kept.map { psi.productionCounts[$0] }
            otherCategories = dropped.isEmpty ? nil : dropped.count
            otherCount = dropped.isEmpty ? nil : dropped.reduce(0) { $0 + psi.productionCounts[$1] }
        }
    }
}
