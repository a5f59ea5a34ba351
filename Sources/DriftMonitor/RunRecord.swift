import Foundation

/// One row of the run history (`driftwatch history`): what one hourly run found and whether
/// its results were delivered.
///
/// ```swift
/// let runs = try RunHistory(store: store).history(model: "churn", limit: 24)
/// for run in runs { print(run.startedAt, run.status, run.driftedFeatures) }
/// ```
public struct RunRecord: Sendable, Hashable {
    /// Whether the run read its inputs and tested the features.
    public enum Status: String, Sendable, Hashable {
        /// The features were tested.
        case success
        /// The run could not read its inputs (``error`` says why).
        case failure
    }

    /// The row id (0 before it is recorded).
    public var id: Int64
    /// The model.
    public var model: String
    /// The profile version compared against (nil when the profile could not be read).
    public var profileVersion: Int?
    /// When the run started.
    public var startedAt: Date
    /// The production window `[windowStart, windowEnd)` (nil when not determined).
    public var windowStart: Date?
    /// End of the window (exclusive).
    public var windowEnd: Date?
    /// Success or failure.
    public var status: Status
    /// Why the run failed.
    public var error: String?
    /// Features tested.
    public var featuresChecked: Int
    /// The drifted features with their alert test, `feature -> test`; a drifted multivariate
    /// test is listed as `multivariate:<test> -> <test>` (`mmd`, `pca_reconstruction`).
    public var driftedFeatures: [String: String]
    /// The run's full result as JSON (nil for a failure).
    public var resultJSON: String?
    /// Whether the metrics reached the Pushgateway (nil: not attempted).
    public var metricsDelivered: Bool?
    /// Whether the alerts reached Alertmanager (nil: not attempted).
    public var alertsDelivered: Bool?
    /// The delivery error, if any.
    public var deliveryError: String?
    /// The Driftwatch version that produced the run (nil for runs recorded before versions
    /// were kept).
    public var driftwatchVersion: String?
    /// The production window's row count (successful runs; nil for failures and for runs
    /// recorded before `"v5-run-rows"` without it in their result).
    public var productionRows: Int?

    /// Creates a record to be written with ``RunHistory/record(_:)``.
    public init(
        model: String, profileVersion: Int?, startedAt: Date, windowStart: Date?, windowEnd: Date?,
        status: Status, error: String? = nil, featuresChecked: Int = 0, driftedFeatures: [String: String] = [:],
        resultJSON: String? = nil, driftwatchVersion: String? = nil, productionRows: Int? = nil
    ) {
        self.productionRows = productionRows
        self.id = 0
        self.model = model
        self.profileVersion = profileVersion
        self.startedAt = startedAt
        self.windowStart = windowStart
        self.windowEnd = windowEnd
        self.status = status
        self.error = error
        self.featuresChecked = featuresChecked
        self.driftedFeatures = driftedFeatures
        self.resultJSON = resultJSON
        self.driftwatchVersion = driftwatchVersion
    }
}
