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
    /// The gate's keys as users write them, in the YAML `effect_size:` block and in
    /// `--effect-size`: `psi` and `wasserstein_normalized`.
    package static let keys = ["psi", "wasserstein_normalized"]

    /// Sets the threshold named `key` (one of ``keys``); the one place the thresholds' range
    /// rule lives, used by the YAML loader, `compare`'s flag and ``DriftPolicy/validate(kinds:)``.
    ///
    /// - Throws: ``ComparisonError/invalidPolicy(_:)`` naming the key when it is unknown or the
    ///   value is negative or not finite.
    package mutating func set(_ key: String, to value: Double) throws {
        if let problem = Self.rangeProblem(value) { throw ComparisonError.invalidPolicy("effect-size \(key) \(problem)") }
        switch key {
        case "psi": psi = value
        case "wasserstein_normalized": wassersteinNormalized = value
        default: throw ComparisonError.invalidPolicy("effect-size: '\(key)' is not psi or wasserstein_normalized")
        }
    }

    /// Why `value` cannot be a threshold (negative, infinite or NaN), or nil when it can.
    package static func rangeProblem(_ value: Double) -> String? {
        value >= 0 && value.isFinite ? nil : "must be a number of at least 0, got \(value)"
    }

    /// Checks that at least one threshold is set and each is in range.
    ///
    /// - Throws: ``ComparisonError/invalidPolicy(_:)`` with a one-line reason.
    package func validate() throws {
        guard psi != nil || wassersteinNormalized != nil else {
            throw ComparisonError.invalidPolicy("effect-size needs psi and/or wasserstein_normalized")
        }
        var copy = EffectSizeGate()
        for (key, value) in zip(Self.keys, [psi, wassersteinNormalized]) {
            if let value { try copy.set(key, to: value) }
        }
    }

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
