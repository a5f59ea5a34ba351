import DriftMultivariate

/// The multivariate part of a ``ComparisonReport``: MMD and PCA reconstruction error over all
/// compared features at once, or why they could not run.
///
/// ```swift
/// if let multivariate = report.multivariate, multivariate.drifted {
///     print("the joint distribution moved")
/// }
/// ```
public struct MultivariateReport: Sendable, Equatable {
    /// Whether MMD and the reconstruction error ran: their comparison, or why neither could.
    public enum TestResult: Sendable, Equatable {
        /// Both tests were attempted (each may still have failed on its own).
        case compared(MultivariateComparison)
        /// Neither could run: the reason (say, a profile without a multivariate reference).
        case unavailable(String)
    }

    /// The tests' result.
    public var testResult: TestResult
    /// MMD drifts when its p-value is below this (the comparison's alpha).
    public var alpha: Double
    /// The reference rows left out for a missing value (nil for a stored profile, which keeps
    /// only its sample's counts).
    public var referenceDroppedRows: Int?

    /// A report.
    ///
    /// - Parameters:
    ///   - testResult: The comparison or the reason there is none.
    ///   - alpha: The MMD threshold.
    ///   - referenceDroppedRows: Reference rows left out for a missing value.
    public init(testResult: TestResult, alpha: Double, referenceDroppedRows: Int?) {
        self.testResult = testResult
        self.alpha = alpha
        self.referenceDroppedRows = referenceDroppedRows
    }

    /// The MMD result, when it ran.
    public var mmd: MMDResult? {
        guard case .compared(let comparison) = testResult, case .success(let mmd) = comparison.mmd else { return nil }
        return mmd
    }

    /// The reconstruction-error result, when it ran.
    public var reconstruction: ReconstructionDrift? {
        guard case .compared(let comparison) = testResult, case .success(let drift) = comparison.reconstruction else { return nil }
        return drift
    }

    /// Whether the MMD p-value is below ``alpha``.
    public var mmdDrifted: Bool { mmd.map { $0.pValue < alpha } ?? false }

    /// Whether the production reconstruction error is outside the reference band.
    public var reconstructionDrifted: Bool { reconstruction?.isDrifted ?? false }

    /// Whether either test signals drift.
    public var drifted: Bool { mmdDrifted || reconstructionDrifted }
}
