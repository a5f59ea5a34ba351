import DriftStatistics
import DriftTables

/// What counts as drift: the one rule `driftwatch compare` and the hourly `driftwatch check`
/// both apply.
///
/// A feature is tested when both sides hold at least its `min_samples` values; its deciding
/// test (``DriftTest/default(for:)`` unless chosen per feature) gives a p-value; the
/// multiple-testing correction runs across the tested features' deciding p-values; a feature
/// drifts when its (adjusted) p-value is below `alpha` and, with an effect-size gate, its PSI or
/// normalized Wasserstein distance exceeds the gate's threshold.
///
/// ```swift
/// var policy = DriftPolicy()
/// policy.alpha = 0.01
/// policy.correction = .holm
/// policy.minSamples = 50
/// policy.decidingTests["income"] = .cramerVonMises
/// policy.effectSize = EffectSizeGate(psi: 0.1)
/// try policy.decide(&features)
/// ```
public struct DriftPolicy: Sendable, Hashable {
    /// Significance level, in (0, 1). Default 0.01.
    public var alpha: Double = 0.01
    /// Multiple-testing correction across the tested features. Default none.
    public var correction: PValueCorrection = .none
    /// Fewer values than this on either side and a feature is ``FeatureStatus/insufficientSamples``,
    /// not tested. Default 0: off (`compare` tests whatever it is given and a test that cannot
    /// run says why; the job's default is 50).
    public var minSamples: Int = 0
    /// Per-feature `min_samples` overrides.
    public var minSamplesByFeature: [String: Int] = [:]
    /// Per-feature deciding tests; other features use ``DriftTest/default(for:)``.
    public var decidingTests: [String: DriftTest] = [:]
    /// Optional effect-size gate.
    public var effectSize: EffectSizeGate?

    /// Creates the default policy: alpha 0.01, no correction, no `min_samples`, default tests, no gate.
    public init() {}

    /// The test that decides `feature`.
    ///
    /// - Complexity: O(1) on average.
    public func decidingTest(for feature: String, kind: ColumnKind) -> DriftTest {
        decidingTests[feature] ?? .default(for: kind)
    }

    /// The `min_samples` that applies to `feature`.
    ///
    /// - Complexity: O(1) on average.
    public func minSamples(for feature: String) -> Int { minSamplesByFeature[feature] ?? minSamples }

    /// Why `feature` must not be tested for too few values, or nil when it has enough.
    ///
    /// ```swift
    /// policy.insufficiency(of: "age", referenceCount: 5_000, productionCount: 12)
    /// // "production has 12 values, min_samples is 50"
    /// ```
    ///
    /// - Complexity: O(1) on average.
    public func insufficiency(of feature: String, referenceCount: Int, productionCount: Int) -> String? {
        let minimum = minSamples(for: feature)
        if productionCount < minimum { return "production has \(productionCount) values, min_samples is \(minimum)" }
        if referenceCount < minimum { return "reference has \(referenceCount) values, min_samples is \(minimum)" }
        return nil
    }

    /// Checks the knobs' ranges, and that each chosen test fits its feature's kind when the
    /// kinds are known.
    ///
    /// - Parameter kinds: Feature kinds (say, a profile's); tests of features not listed are
    ///   not checked.
    /// - Throws: ``ComparisonError/invalidPolicy(_:)`` with a one-line reason.
    /// - Complexity: O(overrides).
    public func validate(kinds: [String: ColumnKind] = [:]) throws {
        guard alpha > 0, alpha < 1 else { throw ComparisonError.invalidPolicy("alpha must be in (0, 1), got \(alpha)") }
        guard minSamples >= 0 else { throw ComparisonError.invalidPolicy("min_samples must be at least 0, got \(minSamples)") }
        for (feature, minimum) in minSamplesByFeature.sorted(by: { $0.key < $1.key }) where minimum < 0 {
            throw ComparisonError.invalidPolicy("min_samples of \(feature) must be at least 0, got \(minimum)")
        }
        try effectSize?.validate()
        for (feature, test) in decidingTests.sorted(by: { $0.key < $1.key }) {
            guard let kind = kinds[feature], !test.fits(kind) else { continue }
            let allowed = DriftTest.allowed(for: kind).map(\.rawValue).joined(separator: " or ")
            throw ComparisonError.invalidPolicy(
                "feature \(feature) is \(kind.rawValue); test \(test) does not apply (use \(allowed))")
        }
    }
}
