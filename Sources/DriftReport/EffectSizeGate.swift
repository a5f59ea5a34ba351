/// The effect-size gate: "KS flags everything at large n". With a gate, a feature drifts only
/// when its deciding p-value is below alpha **and** its PSI or its normalized Wasserstein
/// distance exceeds a threshold. The YAML `effect_size:` block and `compare --effect-size`.
///
/// ```yaml
/// effect_size:
///   psi: 0.1
///   wasserstein_normalized: 0.1
/// ```
public struct EffectSizeGate: Sendable, Hashable {
    /// A drifted feature must also have PSI above this (when set) …
    public var psi: Double?
    /// … or a normalized Wasserstein distance above this (when set).
    public var wassersteinNormalized: Double?

    /// Creates a gate; a feature passes when either configured threshold is exceeded.
    ///
    /// - Parameters:
    ///   - psi: The PSI a feature must exceed, or nil.
    ///   - wassersteinNormalized: The normalized Wasserstein distance it must exceed, or nil.
    public init(psi: Double? = nil, wassersteinNormalized: Double? = nil) {
        self.psi = psi
        self.wassersteinNormalized = wassersteinNormalized
    }

    /// Whether a feature with these effect sizes passes the gate.
    ///
    /// ```swift
    /// EffectSizeGate(psi: 0.1).passes(psi: 0.34, wassersteinNormalized: nil)   // true
    /// ```
    ///
    /// - Parameters:
    ///   - featurePSI: The feature's PSI, nil when it could not be computed.
    ///   - featureW: The feature's normalized Wasserstein distance, nil when undefined.
    /// - Returns: True when a configured threshold is exceeded.
    /// - Complexity: O(1).
    public func passes(psi featurePSI: Double?, wassersteinNormalized featureW: Double?) -> Bool {
        if let psi, let featurePSI, featurePSI > psi { return true }
        if let wassersteinNormalized, let featureW, featureW > wassersteinNormalized { return true }
        return false
    }

    /// Whether a compared feature passes the gate. A constant reference has no scale, so its
    /// normalized distance is undefined: any move of it (raw distance above 0) counts as an
    /// unbounded shift in reference standard deviations.
    ///
    /// - Parameter feature: The feature's report.
    /// - Returns: True when a configured threshold is exceeded.
    /// - Complexity: O(1).
    public func passes(_ feature: FeatureReport) -> Bool {
        let wasserstein = feature.wasserstein?.value
        let shift = wasserstein.map { $0.normalized ?? ($0.distance > 0 ? .infinity : 0) }
        return passes(psi: feature.psi.value?.value, wassersteinNormalized: shift)
    }
}
