import DriftReport

extension CheckConfiguration {
    /// The job's drift rule as the one ``DriftPolicy`` that `driftwatch compare` applies too:
    /// alpha, correction, `min_samples` (with per-feature overrides), the per-feature deciding
    /// tests and the effect-size gate.
    ///
    /// ```swift
    /// let policy = try CheckConfiguration.load(path: "churn.yml").policy
    /// ```
    ///
    /// - Complexity: O(configured features).
    public var policy: DriftPolicy {
        var policy = DriftPolicy()
        policy.alpha = alpha
        policy.correction = correction
        policy.minSamples = minSamples
        policy.effectSize = effectSize
        for entry in features ?? [] {
            if let test = entry.test { policy.decidingTests[entry.name] = test }
            if let minimum = entry.minSamples { policy.minSamplesByFeature[entry.name] = minimum }
        }
        return policy
    }
}
