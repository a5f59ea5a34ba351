import DriftStatistics

extension DriftPolicy {
    /// Decides every feature: its deciding test, whether it could be tested, the corrected
    /// p-values and `drifted`.
    ///
    /// Features already marked untested (too few values, a missing column) keep their status. A
    /// compared feature whose deciding test gave no p-value becomes ``FeatureStatus/failed``
    /// with that test's error as the reason. The correction runs across the tested features'
    /// deciding p-values, in feature order; a tested feature drifts when its (adjusted) p-value
    /// is below ``alpha`` and it passes the ``effectSize`` gate, if any.
    ///
    /// ```swift
    /// var features = pairs.map { compareFeatures(reference: $0, production: $1, options: options) }
    /// try options.policy.decide(&features)
    /// ```
    ///
    /// - Parameter features: The per-feature reports, updated in place.
    /// - Throws: ``StatisticsError`` if a p-value is outside [0, 1].
    /// - Complexity: O(k log k) for k features.
    public func decide(_ features: inout [FeatureReport]) throws {
        for index in features.indices {
            let test = decidingTest(for: features[index].name, kind: features[index].kind)
            features[index].decidingTest = test
            guard features[index].status == .tested, features[index].pValue(of: test) == nil else { continue }
            let failures = features[index].failures
            features[index].status = .failed
            features[index].statusReason = failures.first { $0.test == test.rawValue }?.reason
                ?? failures.first?.reason ?? "the test did not run"
        }
        let tested = features.indices.filter { features[$0].status == .tested }
        let raw = tested.compactMap { features[$0].primaryPValue }
        let adjusted = correction == .none ? raw : try adjustedPValues(raw, method: correction)
        for (slot, index) in tested.enumerated() {
            if correction != .none { features[index].pValueAdjusted = adjusted[slot] }
            var drifted = adjusted[slot] < alpha
            if drifted, let effectSize { drifted = effectSize.passes(features[index]) }
            features[index].drifted = drifted
        }
    }
}
