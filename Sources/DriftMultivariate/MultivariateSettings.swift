/// The knobs of the multivariate tests, with the defaults the issue tracker and the docs name.
///
/// ```swift
/// var settings = MultivariateSettings()
/// settings.permutations = 500
/// settings.bandwidth = .fixed(3)
/// ```
public struct MultivariateSettings: Sendable, Hashable {
    /// The most rows in each sample (reference and production): 2 000. The pooled kernel
    /// matrix (its upper triangle) takes about `4 · (2 · cap)²` bytes (68 MB at 2 000).
    public var sampleCap = 2_000
    /// The MMD permutations: 100 (so the smallest p-value is 1/101).
    public var permutations = 100
    /// The MMD kernel width: the median heuristic.
    public var bandwidth = KernelBandwidth.medianHeuristic
    /// The share of the standardized variance the PCA components explain: 0.65.
    public var varianceFraction = 0.65
    /// The most categories kept per categorical feature (the rest share `__other__`): 20.
    public var maxCategories = 20
    /// The bootstrap chunks for the reconstruction-error band: 1 000.
    public var bootstrap = 1_000
    /// The band's half-width in bootstrap standard deviations: 3.
    public var bandSigmas = 3.0

    /// The defaults.
    public init() {}

    /// Checks every knob.
    ///
    /// - Throws: ``MultivariateError/invalidArgument(name:reason:)`` naming the first knob out
    ///   of range.
    public func validate() throws {
        func fail(_ name: String, _ reason: String) -> MultivariateError { .invalidArgument(name: name, reason: reason) }
        guard sampleCap >= 4 else { throw fail("sample_cap", "\(sampleCap) is below 4 (the PCA fit needs 4 complete rows)") }
        guard sampleCap <= 50_000 else { throw fail("sample_cap", "\(sampleCap) is above 50000 (the MMD kernel matrix grows with its square)") }
        guard permutations >= 1 else { throw fail("permutations", "\(permutations) is below 1") }
        if case .fixed(let sigma) = bandwidth, !(sigma.isFinite && sigma > 0) { throw fail("bandwidth", "\(sigma) is not above 0") }
        guard varianceFraction > 0, varianceFraction < 1 else { throw fail("variance", "\(varianceFraction) is not in (0, 1)") }
        guard maxCategories >= 1 else { throw fail("max_categories", "\(maxCategories) is below 1") }
        guard bootstrap >= 2 else { throw fail("bootstrap", "\(bootstrap) is below 2") }
        guard bandSigmas.isFinite, bandSigmas > 0 else { throw fail("band_sigmas", "\(bandSigmas) is not above 0") }
    }
}
