import DriftMultivariate
import DriftStatistics

/// How ``compareFeatures(reference:production:options:)`` tests each feature.
///
/// ```swift
/// var options = ComparisonOptions()
/// options.alpha = 0.05
/// options.correction = .holm
/// ```
public struct ComparisonOptions: Sendable, Hashable {
    /// What counts as drift: alpha, the correction, `min_samples`, deciding tests and the
    /// effect-size gate, as the hourly job applies them.
    public var policy = DriftPolicy()
    /// A feature drifts when its deciding p-value (KS for numeric, chi-square for categorical
    /// unless the policy chooses; adjusted when ``correction`` is on) is below this level.
    /// Default 0.01. The same as `policy.alpha`.
    public var alpha: Double {
        get { policy.alpha }
        set { policy.alpha = newValue }
    }
    /// PSI bins for numeric features. Default 10.
    public var psiBins: Int = 10
    /// PSI bin edges from reference quantiles (default) or uniform over the reference range.
    public var psiBinning: PSIBinning = .quantile
    /// The correction for testing many features at once. Default none. The same as `policy.correction`.
    public var correction: PValueCorrection {
        get { policy.correction }
        set { policy.correction = newValue }
    }
    /// The multivariate tests (MMD and PCA reconstruction error) over all compared features,
    /// or nil to skip them. On by default with ``MultivariateSettings``' defaults.
    public var multivariate: MultivariateSettings? = MultivariateSettings()
    /// Seeds the multivariate row samples, the MMD permutations and the band's bootstrap; the
    /// same default as `ProfileSettings.seed`, so that a CSV reference and a profile built from
    /// it with default settings sample the same rows.
    public var seed: UInt64 = SplitMix64.defaultSeed

    /// The defaults: alpha 0.01, 10 quantile PSI bins, no correction.
    public init() {}

    /// Checks every option, naming the first one out of range.
    ///
    /// - Throws: ``StatisticsError/invalidArgument(name:reason:)``;
    ///   ``ComparisonError/invalidPolicy(_:)`` for the policy's knobs.
    public func validate() throws {
        guard alpha > 0, alpha < 1 else {
            throw StatisticsError.invalidArgument(name: "alpha", reason: "\(alpha) is not in (0, 1)")
        }
        guard psiBins >= 2 else {
            throw StatisticsError.tooFewBins(requested: psiBins, minimum: 2)
        }
        if let multivariate {
            do {
                try multivariate.validate()
            } catch let error as MultivariateError {
                throw StatisticsError.invalidArgument(name: "multivariate", reason: error.description)
            }
        }
        try policy.validate()
    }
}
