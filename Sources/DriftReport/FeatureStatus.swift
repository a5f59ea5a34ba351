/// Whether a feature could be tested, and if not, why: the same states in `driftwatch compare`
/// and in the hourly job (`drift_feature_status{status}`, `FeatureUnmonitored`'s `reason`).
///
/// ```swift
/// for feature in report.features where feature.status != .tested {
///     print(feature.name, feature.status.rawValue, feature.statusReason ?? "")
/// }
/// ```
public enum FeatureStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// The tests ran and the deciding test gave a p-value.
    case tested
    /// Fewer production (or reference) values than `min_samples`: reported, not tested.
    case insufficientSamples = "insufficient_samples"
    /// The production data has no column of that name.
    case missingColumn = "missing_column"
    /// The deciding test could not run (say, text in a numeric column); the reason says why.
    case failed
}
