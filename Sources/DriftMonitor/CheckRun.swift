import DriftProfiles
import DriftReport
import DriftStatistics
import DriftTables
import Foundation

/// The result of one run of the hourly drift check: every feature's results and verdicts,
/// ready to be recorded, rendered as metrics and turned into alerts.
///
/// ```swift
/// let run = try runCheck(configuration, at: Date())
/// for feature in run.driftedFeatures { print(feature.name, feature.primaryPValue ?? .nan) }
/// ```
public struct CheckRun: Sendable, Hashable, Codable {
    /// The model checked.
    public let model: String
    /// The reference profile version compared against.
    public let profileVersion: Int
    /// Start of the production window (inclusive).
    public let windowStart: Date
    /// End of the production window (exclusive).
    public let windowEnd: Date
    /// When the run started.
    public let startedAt: Date
    /// Wall-clock seconds the run took (reading, testing, rendering; set when it finishes).
    public var duration: TimeInterval
    /// The significance level.
    public let alpha: Double
    /// The multiple-testing correction across features (`none`, `bonferroni`, `holm`, `bh`).
    public let correction: String
    /// Production rows in the window.
    public let productionRows: Int
    /// One entry per configured feature, in profile order.
    public let features: [FeatureCheck]
    /// The multivariate tests of the window, or nil when they are switched off.
    public var multivariate: MultivariateCheck?
    /// The data-health findings (volume, freshness, missing-value spikes), nil when every
    /// check is off.
    public var health: DataHealth?

    /// Creates a run from its parts.
    public init(
        model: String, profileVersion: Int, windowStart: Date, windowEnd: Date, startedAt: Date,
        duration: TimeInterval, alpha: Double, correction: String, productionRows: Int, features: [FeatureCheck]
    ) {
        self.model = model
        self.profileVersion = profileVersion
        self.windowStart = windowStart
        self.windowEnd = windowEnd
        self.startedAt = startedAt
        self.duration = duration
        self.alpha = alpha
        self.correction = correction
        self.productionRows = productionRows
        self.features = features
    }

    /// The features that met the alert condition.
    public var driftedFeatures: [FeatureCheck] { features.filter(\.drifted) }

    /// Whether any feature or multivariate test drifted (the job's exit status 1).
    public var hasDrift: Bool { !driftedFeatures.isEmpty || (multivariate?.drifted ?? false) }

    /// Whether the data-health checks found something (see ``DataHealth/hasFindings``).
    public var hasHealthFindings: Bool { health?.hasFindings ?? false }

    /// The features that were tested (status ``FeatureStatus/tested``).
    public var checkedFeatures: [FeatureCheck] { features.filter { $0.status == .tested } }
}

/// One statistical test's result for one feature.
public struct TestResult: Sendable, Hashable, Codable {
    /// `ks`, `cramer_von_mises` or `chi_square`.
    public let test: DriftTest
    /// The test statistic.
    public let statistic: Double
    /// The p-value (never NaN: a test that cannot produce one is not listed).
    public let pValue: Double
    /// The p-value after the run's correction, when one is configured (primary test only).
    public let pValueAdjusted: Double?

    /// Creates a test result.
    public init(test: DriftTest, statistic: Double, pValue: Double, pValueAdjusted: Double? = nil) {
        self.test = test
        self.statistic = statistic
        self.pValue = pValue
        self.pValueAdjusted = pValueAdjusted
    }
}

/// Everything one run found for one feature.
public struct FeatureCheck: Sendable, Hashable, Codable {
    /// The feature name.
    public let name: String
    /// `numeric` or `categorical`.
    public let kind: ColumnKind
    /// Whether it was tested.
    public let status: FeatureStatus
    /// Why it was not tested (nil when tested).
    public let reason: String?
    /// Reference values (non-missing) in the profile.
    public let referenceCount: Int
    /// Production values (non-missing) in the window.
    public let productionCount: Int
    /// Missing reference cells / all reference rows (0 when there are none).
    public let referenceMissingRatio: Double
    /// Missing production cells / production rows in the window (0 when there are none).
    public let productionMissingRatio: Double
    /// The deciding test first (``primary``), then the others; every initializer keeps that order.
    public let tests: [TestResult]
    /// Population Stability Index, when it could be computed.
    public let psi: Double?
    /// Wasserstein-1 distance (numeric).
    public let wasserstein: Double?
    /// Wasserstein distance / reference standard deviation (numeric).
    public let wassersteinNormalized: Double?
    /// Jensen–Shannon distance, base 2 (categorical).
    public let jensenShannon: Double?
    /// True when the feature meets the alert condition: primary (adjusted) p-value below alpha
    /// and, when an effect-size gate is configured, PSI or normalized Wasserstein above it.
    public let drifted: Bool
    /// The production side of the feature's distribution, for the run's report (nil for runs
    /// recorded before it was kept, and for features PSI could not run on).
    public var distribution: RecordedDistribution?

    /// Creates a feature check.
    public init(
        name: String, kind: ColumnKind, status: FeatureStatus, reason: String?, referenceCount: Int,
        productionCount: Int, referenceMissingRatio: Double, productionMissingRatio: Double,
        tests: [TestResult], psi: Double?, wasserstein: Double?, wassersteinNormalized: Double?,
        jensenShannon: Double?, drifted: Bool
    ) {
        self.name = name
        self.kind = kind
        self.status = status
        self.reason = reason
        self.referenceCount = referenceCount
        self.productionCount = productionCount
        self.referenceMissingRatio = referenceMissingRatio
        self.productionMissingRatio = productionMissingRatio
        self.tests = tests
        self.psi = psi
        self.wasserstein = wasserstein
        self.wassersteinNormalized = wassersteinNormalized
        self.jensenShannon = jensenShannon
        self.drifted = drifted
    }

    /// The deciding test (`ks` or `chi_square` unless configured otherwise), when it ran:
    /// `tests[0]` by construction.
    public var primary: TestResult? { tests.first }

    /// The primary test's p-value (adjusted when a correction is on), when it ran.
    public var primaryPValue: Double? { primary.map { $0.pValueAdjusted ?? $0.pValue } }
}
