import DriftMultivariate
import DriftReport

/// The multivariate part of a ``CheckRun``: MMD and PCA reconstruction error over the
/// profile's multivariate features, as recorded in the history and pushed as
/// `drift_multivariate_*` metrics.
///
/// ```swift
/// if let multivariate = run.multivariate, multivariate.drifted {
///     print(multivariate.mmd?.pValue ?? .nan)
/// }
/// ```
public struct MultivariateCheck: Sendable, Hashable, Codable {
    /// How one multivariate test went.
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        /// The test ran.
        case tested
        /// The test ran into an error on this window's data (too few rows, say).
        case failed
        /// The profile has no multivariate reference, or the rows could not be read whole.
        case unavailable
    }

    /// The MMD test's numbers.
    public struct MMD: Sendable, Hashable, Codable {
        /// The unbiased MMD².
        public let statistic: Double
        /// The permutation p-value.
        public let pValue: Double
        /// The permutations drawn.
        public let permutations: Int
        /// The kernel width.
        public let bandwidth: Double
        /// Whether the p-value is below the run's alpha.
        public let drifted: Bool

        /// The MMD numbers of a run.
        ///
        /// - Parameters:
        ///   - statistic: MMD².
        ///   - pValue: The permutation p-value.
        ///   - permutations: The permutations drawn.
        ///   - bandwidth: The kernel width.
        ///   - drifted: Whether the p-value is below alpha.
        public init(statistic: Double, pValue: Double, permutations: Int, bandwidth: Double, drifted: Bool) {
            (self.statistic, self.pValue, self.permutations, self.bandwidth, self.drifted) = (statistic, pValue, permutations, bandwidth, drifted)
        }
    }

    /// The reconstruction-error comparison's numbers.
    public struct Reconstruction: Sendable, Hashable, Codable {
        /// The production sample's mean reconstruction error.
        public let error: Double
        /// The band's lower end.
        public let lower: Double
        /// The band's upper end.
        public let upper: Double
        /// The PCA components.
        public let components: Int
        /// Whether the error is outside the band.
        public let drifted: Bool

        /// The reconstruction numbers of a run.
        ///
        /// - Parameters:
        ///   - error: The production mean error.
        ///   - lower: The band's lower end.
        ///   - upper: The band's upper end.
        ///   - components: The PCA components.
        ///   - drifted: Whether the error is outside the band.
        public init(error: Double, lower: Double, upper: Double, components: Int, drifted: Bool) {
            (self.error, self.lower, self.upper, self.components, self.drifted) = (error, lower, upper, components, drifted)
        }
    }

    /// The features the tests covered (empty when unavailable).
    public let features: [String]
    /// The MMD test's status.
    public let mmdStatus: Status
    /// The reconstruction comparison's status.
    public let reconstructionStatus: Status
    /// Why a test did not run (the first reason), or nil.
    public let reason: String?
    /// The MMD numbers when it ran.
    public let mmd: MMD?
    /// The reconstruction numbers when it ran.
    public let reconstruction: Reconstruction?
    /// The reference sample's rows.
    public let referenceRows: Int
    /// The production sample's rows.
    public let productionRows: Int
    /// The production window's rows left out for a missing value.
    public let productionDroppedRows: Int

    /// Whether either test signals drift.
    public var drifted: Bool { (mmd?.drifted ?? false) || (reconstruction?.drifted ?? false) }

    /// The drifted tests by their metric/alert label: `mmd`, `pca_reconstruction`.
    public var driftedTests: [String] {
        (mmd?.drifted == true ? ["mmd"] : []) + (reconstruction?.drifted == true ? ["pca_reconstruction"] : [])
    }

    /// A check from its parts (for tests and tools that replay history).
    ///
    /// - Parameters:
    ///   - features: The features covered.
    ///   - mmdStatus: The MMD test's status.
    ///   - reconstructionStatus: The reconstruction comparison's status.
    ///   - reason: Why a test did not run.
    ///   - mmd: The MMD numbers.
    ///   - reconstruction: The reconstruction numbers.
    ///   - referenceRows: The reference sample's rows.
    ///   - productionRows: The production sample's rows.
    ///   - productionDroppedRows: Production rows left out for a missing value.
    public init(
        features: [String], mmdStatus: Status, reconstructionStatus: Status, reason: String?, mmd: MMD?,
        reconstruction: Reconstruction?, referenceRows: Int, productionRows: Int, productionDroppedRows: Int
    ) {
        (self.features, self.mmdStatus, self.reconstructionStatus, self.reason) = (features, mmdStatus, reconstructionStatus, reason)
        (self.mmd, self.reconstruction) = (mmd, reconstruction)
        (self.referenceRows, self.productionRows, self.productionDroppedRows) = (referenceRows, productionRows, productionDroppedRows)
    }

    /// The check recorded from a comparison report.
    ///
    /// - Parameter report: The multivariate report of the window.
    public init(_ report: MultivariateReport) {
        switch report.testResult {
        case .unavailable(let reason):
            (features, mmdStatus, reconstructionStatus, self.reason) = ([], .unavailable, .unavailable, reason)
            (mmd, reconstruction, referenceRows, productionRows, productionDroppedRows) = (nil, nil, 0, 0, 0)
        case .compared(let comparison):
            features = comparison.features
            referenceRows = comparison.referenceRows
            productionRows = comparison.productionRows
            productionDroppedRows = comparison.productionDroppedRows
            var reasons: [String] = []
            switch comparison.mmd {
            case .success(let result):
                mmdStatus = .tested
                mmd = MMD(statistic: result.statistic, pValue: result.pValue, permutations: result.permutations,
                          bandwidth: result.bandwidth, drifted: report.mmdDrifted)
            case .failure(let error):
                (mmdStatus, mmd) = (.failed, nil)
                reasons.append("mmd: \(error)")
            }
            switch comparison.reconstruction {
            case .success(let result):
                reconstructionStatus = .tested
                reconstruction = Reconstruction(error: result.error, lower: result.lower, upper: result.upper,
                                                components: result.components, drifted: result.isDrifted)
            case .failure(let error):
                (reconstructionStatus, reconstruction) = (.failed, nil)
                reasons.append("pca_reconstruction: \(error)")
            }
            reason = reasons.isEmpty ? nil : reasons.joined(separator: "; ")
        }
    }
}
