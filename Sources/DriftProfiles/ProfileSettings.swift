import DriftMultivariate
import DriftStatistics

/// The caps and binning a reference profile is built with; stored with the profile.
///
/// ```swift
/// var settings = ProfileSettings()
/// settings.sampleCap = 50_000
/// settings.categorical = ["zip_code"]
/// settings.multivariateSampleCap = 5_000
/// ```
public struct ProfileSettings: Sendable, Hashable {
    /// Values kept per numeric feature for KS, Cramér–von Mises and Wasserstein: every value up
    /// to this many, above it a seeded uniform reservoir sample of this size. Default 100 000.
    public var sampleCap: Int = 100_000
    /// PSI quantile bins per numeric feature. Default 10.
    public var psiBins: Int = 10
    /// Distinct categories kept per categorical feature; the rest are pooled as
    /// ``FeatureProfile/otherCategory``. Default 1 000.
    public var categoryCap: Int = 1_000
    /// Seed of the reservoir samplers (per feature, and of the multivariate sample), so a
    /// profile is reproducible. Default ``SplitMix64/defaultSeed`` (24301).
    public var seed: UInt64 = SplitMix64.defaultSeed
    /// Columns read as categorical even when every value is a number.
    public var categorical: Set<String> = []

    /// Whether to build the multivariate reference (``ReferenceProfile/multivariate``): a
    /// seeded sample of complete rows over every profiled feature and its PCA model. Default
    /// `true`. A profile read from a database written before multivariate profiles existed has
    /// `false`.
    public var multivariate: Bool = true
    /// The most complete rows kept in the multivariate sample (a seeded uniform reservoir above
    /// it): 4 … 50 000, default 2 000.
    public var multivariateSampleCap: Int = 2_000
    /// The most categories kept per categorical feature in the multivariate one-hot encoding
    /// (the rest share `__other__`): at least 1, default 20.
    public var multivariateMaxCategories: Int = 20
    /// The share of the standardized variance the kept PCA components explain: in (0, 1),
    /// default 0.65.
    public var pcaVarianceFraction: Double = 0.65

    /// The defaults: 100 000 values, 10 PSI bins, 1 000 categories; a multivariate sample of
    /// 2 000 rows, 20 categories per feature, PCA components for 65 % of the variance.
    public init() {}

    /// The multivariate knobs as DriftMultivariate takes them: ``multivariateSampleCap``,
    /// ``multivariateMaxCategories`` and ``pcaVarianceFraction`` over `MultivariateSettings`'
    /// defaults (the test-time knobs, permutations and bootstrap, keep their defaults).
    ///
    /// ```swift
    /// let reference = try MultivariateReference.fit(sample: sample, settings: profile.settings.multivariateSettings)
    /// ```
    ///
    /// - Complexity: O(1).
    public var multivariateSettings: MultivariateSettings {
        var settings = MultivariateSettings()
        settings.sampleCap = multivariateSampleCap
        settings.maxCategories = multivariateMaxCategories
        settings.varianceFraction = pcaVarianceFraction
        return settings
    }
}
