import DriftMultivariate
import DriftStatistics
import DriftTables

/// What a reference profile keeps of one feature: counts, a summary, the sorted sample for the
/// sort-based tests, the PSI bins, or the category frequencies.
///
/// ```swift
/// let profile = try store.profile(model: "churn")
/// for feature in profile.features where feature.kind == .numeric {
///     print(feature.name, feature.summary.mean, feature.sample.count, feature.sampleIsExact)
/// }
/// ```
public struct FeatureProfile: Sendable, Hashable {
    /// The category that pools every category beyond ``ProfileSettings/categoryCap``: the
    /// same label as the multivariate encoding's pooled column,
    /// `OneHotEncoding.otherCategory` (`"__other__"`).
    public static var otherCategory: String { OneHotEncoding.otherCategory }

    /// The feature (column) name.
    public let name: String
    /// Numeric or categorical.
    public let kind: ColumnKind
    /// Rows read for this feature (tested values plus missing ones).
    public let rowCount: Int
    /// Missing cells: empty/NULL, NaN, ±infinity.
    public let missing: MissingCounts
    /// Count, mean, variance, minimum and maximum of the finite values (numeric features;
    /// empty for categorical ones). Mergeable (Welford/Chan).
    public let summary: SummaryStatistics
    /// The reference values in ascending order (numeric features): every value when
    /// ``sampleIsExact``, otherwise a seeded uniform reservoir sample of
    /// ``ProfileSettings/sampleCap`` values.
    public let sample: [Double]
    /// Whether ``sample`` holds every finite value of the feature.
    public let sampleIsExact: Bool
    /// PSI bin edges from the reference quantiles, with the reference counts over all values
    /// (numeric features with at least two distinct values; `nil` otherwise).
    public let psiBins: PSIBins?
    /// Category frequencies (categorical features), with the remainder beyond the cap under
    /// ``otherCategory``.
    public let categories: [String: Int]

    /// Creates a feature profile from its parts.
    public init(
        name: String, kind: ColumnKind, rowCount: Int, missing: MissingCounts,
        summary: SummaryStatistics, sample: [Double], sampleIsExact: Bool,
        psiBins: PSIBins?, categories: [String: Int]
    ) {
        self.name = name
        self.kind = kind
        self.rowCount = rowCount
        self.missing = missing
        self.summary = summary
        self.sample = sample
        self.sampleIsExact = sampleIsExact
        self.psiBins = psiBins
        self.categories = categories
    }

    /// The number of non-missing values (the ones the tests use).
    public var testedCount: Int {
        kind == .numeric ? summary.count : categories.values.reduce(0, +)
    }
}
