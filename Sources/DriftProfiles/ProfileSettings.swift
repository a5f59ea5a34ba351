/// The caps and binning a reference profile is built with; stored with the profile.
///
/// ```swift
/// var settings = ProfileSettings()
/// settings.sampleCap = 50_000
/// settings.categorical = ["zip_code"]
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
    /// Seed of the reservoir sampler, so a profile is reproducible. Default 0x5EED.
    public var seed: UInt64 = 0x5EED
    /// Columns read as categorical even when every value is a number.
    public var categorical: Set<String> = []

    /// The defaults: 100 000 values, 10 PSI bins, 1 000 categories.
    public init() {}
}
