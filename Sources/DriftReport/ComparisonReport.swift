import DriftMultivariate
import DriftStatistics

/// The result of comparing a production sample with a reference, feature by feature.
///
/// ```swift
/// let report = try compareTables(reference: reference, production: production)
/// print(report.driftedFeatures.map(\.name))
/// print(report.json().rendered(indent: 2))
/// ```
public struct ComparisonReport: Sendable {
    /// The significance level used for `drifted`.
    public let alpha: Double
    /// The multiple-testing correction applied across features.
    public let correction: PValueCorrection
    /// One report per compared feature, in reference column order.
    public let features: [FeatureReport]
    /// Columns found only in the reference file.
    public let referenceOnlyColumns: [String]
    /// Columns found only in the production file.
    public let productionOnlyColumns: [String]
    /// The multivariate tests over the compared features, or nil when they were not requested.
    public internal(set) var multivariate: MultivariateReport?

    /// The features whose primary p-value is below alpha.
    public var driftedFeatures: [FeatureReport] { features.filter(\.drifted) }
}
