import DriftMultivariate
import DriftReport
import DriftSources
import DriftStatistics
import Foundation

/// Everything `driftwatch check` needs for one model, loaded from a YAML file.
///
/// ```yaml
/// model: churn
/// profiles: profiles.db            # SQLite file with reference profiles (active version used)
/// production:
///   sqlite: production.db
///   table: predictions             # or  query: "SELECT ..."
///   timestamp_column: ts
///   window: 1h
/// features: all                    # or a list, with per-feature overrides
/// alpha: 0.01
/// correction: none                 # bonferroni | holm | bh
/// min_samples: 50
/// pushgateway:
///   url: http://127.0.0.1:9091
///   job: driftwatch
/// alertmanager:
///   url: http://127.0.0.1:9093
///   runbook_url: https://runbooks.example.com/drift/{model}/{feature}
/// multivariate:                    # or  multivariate: false
///   permutations: 100
///   bandwidth: median              # or a kernel width in standardized units
///   sample_cap: 2000
/// report:                          # an HTML page per run, linked from the alerts
///   dir: reports
///   url: https://reports.example.com/{model}/{run}.html
/// ```
///
/// Unknown keys are rejected with the key's name; relative paths resolve against the file's
/// folder; `DRIFTWATCH_PUSHGATEWAY_URL` and `DRIFTWATCH_ALERTMANAGER_URL` override the URLs.
public struct CheckConfiguration: Sendable, Hashable {
    /// The model whose active profile is used.
    public var model: String
    /// The profile database (absolute path).
    public var profiles: String
    /// Where production rows come from.
    public var production: ProductionConfiguration
    /// The features to check: `nil` for all of the profile's features.
    public var features: [FeatureConfiguration]?
    /// Significance level. Default 0.01.
    public var alpha: Double = 0.01
    /// Multiple-testing correction across features. Default none.
    public var correction: PValueCorrection = .none
    /// Fewer values than this (in production or the reference) and a feature is reported as
    /// insufficient instead of tested. Default 50.
    public var minSamples: Int = 50
    /// Optional effect-size gate: a feature alerts only if p < alpha AND its PSI or normalized
    /// Wasserstein exceeds a threshold.
    public var effectSize: EffectSizeGate?
    /// Where metrics go (nil: not pushed).
    public var pushgateway: PushgatewayConfiguration?
    /// Where alerts go (nil: drifted features are logged and listed in the summary).
    public var alertmanager: AlertmanagerConfiguration?
    /// Retries for both deliveries.
    public var retries = RetryPolicy()
    /// The multivariate tests (MMD and PCA reconstruction error) against the profile's
    /// multivariate reference; nil when switched off (`multivariate: false`).
    public var multivariate: MultivariateSettings? = MultivariateSettings()
    /// Seeds the production row sample, the MMD permutations and the band's bootstrap.
    public var seed: UInt64 = SplitMix64.defaultSeed
    /// The lock file that keeps overlapping runs apart (default: next to the profile database).
    public var lockFile: String
    /// The data-health checks (volume, freshness, missing-value spikes), all on by default.
    public var health = HealthConfiguration()
    /// Where each run's HTML report goes (nil: no report).
    public var report: ReportConfiguration?

    /// Creates a configuration in code (the YAML loader is ``load(path:environment:)``).
    public init(model: String, profiles: String, production: ProductionConfiguration, lockFile: String? = nil) {
        self.model = model
        self.profiles = profiles
        self.production = production
        self.lockFile = lockFile ?? CheckConfiguration.defaultLockFile(profiles: profiles, model: model)
    }

    static func defaultLockFile(profiles: String, model: String) -> String {
        let safe = model.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" }
        return profiles + ".\(String(safe)).lock"
    }
}

/// The production source of the job (the `production:` block).
public struct ProductionConfiguration: Sendable, Hashable {
    /// The SQLite database (absolute path).
    public var sqlite: String
    /// A table, or a SELECT statement.
    public var source: SQLiteSource
    /// The timestamp column: ISO-8601 text (no zone = UTC) or Unix seconds.
    public var timestampColumn: String
    /// The window length in seconds. Default one hour.
    public var window: TimeInterval = 3_600

    /// Creates a production source.
    public init(sqlite: String, source: SQLiteSource, timestampColumn: String, window: TimeInterval = 3_600) {
        self.sqlite = sqlite
        self.source = source
        self.timestampColumn = timestampColumn
        self.window = window
    }
}

/// One entry of the `features:` list, with its overrides.
///
/// ```yaml
/// features:
///   - age
///   - name: income
///     test: cramer_von_mises
///     min_samples: 200
/// ```
public struct FeatureConfiguration: Sendable, Hashable {
    /// The feature name (as in the profile and the production table).
    public var name: String
    /// The test whose p-value decides drift: `ks` or `cramer_von_mises` for numeric features,
    /// `chi_square` for categorical ones. Default: `ks` / `chi_square`.
    public var test: DriftTest?
    /// Overrides the job's `min_samples` for this feature.
    public var minSamples: Int?

    /// Creates a feature entry.
    public init(name: String, test: DriftTest? = nil, minSamples: Int? = nil) {
        self.name = name
        self.test = test
        self.minSamples = minSamples
    }
}

