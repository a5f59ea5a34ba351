import DriftProfiles
import DriftReport
import DriftSources
import DriftStatistics
import DriftTables
import Foundation

/// Why a run could not read its inputs; the job records it, pushes a failure timestamp and
/// raises the job-level alert.
public struct InputFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// What failed, in one line (the underlying error's description).
    public let message: String

    /// Creates a failure.
    public init(_ message: String) { self.message = message }

    /// The message.
    public var description: String { message }
}

/// Runs one drift check: reads the model's active profile and the production window, tests
/// every configured feature and decides which ones drifted.
///
/// Features run in parallel. A feature whose column is missing, that has fewer values than
/// `min_samples`, or whose tests cannot run (text in a numeric column) is reported with its
/// status and reason; the other features still run. The multiple-testing correction covers
/// the tested features' decision p-values; a feature drifts when its (adjusted) decision
/// p-value is below alpha and, if configured, the effect-size gate passes.
///
/// ```swift
/// let run = try runCheck(configuration, windowEnd: Date())
/// print(run.driftedFeatures.map(\.name))
/// ```
///
/// - Parameters:
///   - configuration: The job configuration.
///   - windowEnd: The end of the window (exclusive); the start is `windowEnd - window`.
///   - window: Overrides the configured window length, in seconds.
///   - startedAt: When the run started (for `duration`).
/// - Returns: The run's results.
/// - Throws: ``InputFailure`` when the profile or the production table cannot be read, or a
///   configured feature is not in the profile.
/// - Complexity: O(production values · log) plus O(reference sample sizes), then the
///   multivariate tests: O((2 · sampleCap)² · (d + permutations)) time and
///   O((2 · sampleCap)²) memory, allocated after the window's columns and the per-feature
///   reference samples are freed.
public func runCheck(
    _ configuration: CheckConfiguration, windowEnd: Date, window: TimeInterval? = nil, startedAt: Date = Date()
) throws -> CheckRun {
    // The per-feature part holds the window and the profile; only the small multivariate
    // inputs outlive it, so the kernel matrix never coexists with them.
    var (run, inputs) = try checkFeatures(configuration, windowEnd: windowEnd, window: window, startedAt: startedAt)
    if let settings = configuration.multivariate, let inputs {
        run.multivariate = MultivariateCheck(inputs.compare(settings: settings, seed: configuration.seed))
    }
    run.duration = Date().timeIntervalSince(startedAt)
    return run
}

/// The per-feature part of ``runCheck(_:windowEnd:window:startedAt:)``, and the multivariate
/// tests' inputs (nil when they are switched off).
private func checkFeatures(
    _ configuration: CheckConfiguration, windowEnd: Date, window: TimeInterval?, startedAt: Date
) throws -> (CheckRun, MultivariateInputs?) {
    let profile: ReferenceProfile
    let timeWindow: TimeWindow
    let sample: ProductionSample
    let store: ProfileStore
    do {
        store = try ProfileStore(path: configuration.profiles, createIfMissing: false)
        profile = try store.profile(model: configuration.model)
        timeWindow = try TimeWindow(end: windowEnd, duration: window ?? configuration.production.window)
    } catch {
        throw InputFailure(String(describing: error))
    }
    let selected: [(FeatureProfile, FeatureConfiguration)]
    if let features = configuration.features {
        let unknown = features.map(\.name).filter { profile.feature(named: $0) == nil }
        guard unknown.isEmpty else {
            throw InputFailure("features \(unknown.joined(separator: ", ")) are not in profile \(profile.model) v\(profile.version)")
        }
        selected = features.compactMap { entry in profile.feature(named: entry.name).map { ($0, entry) } }
    } else {
        selected = profile.features.map { ($0, FeatureConfiguration(name: $0.name)) }
    }
    let policy = configuration.policy
    do {
        try policy.validate(kinds: profile.kinds)
    } catch {
        throw InputFailure(String(describing: error))
    }
    // The multivariate tests need every feature of the profile's multivariate reference, read
    // whole (row-tracked), whether or not each is also checked on its own.
    let multivariateNames = configuration.multivariate == nil ? [] : (profile.multivariate?.sample.names ?? [])
    var read = selected.map { (name: $0.0.name, kind: $0.0.kind) }
    for name in multivariateNames where !read.contains(where: { $0.name == name }) {
        if let feature = profile.feature(named: name) { read.append((name: name, kind: feature.kind)) }
    }
    let source = configuration.production.productionSource
    do {
        sample = try source.read(window: timeWindow, features: read, trackRows: Set(multivariateNames))
    } catch {
        throw InputFailure(String(describing: error))
    }

    var options = ComparisonOptions()
    options.policy = policy
    let comparison = options
    let columns = Dictionary(sample.columns.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    let evaluations = concurrentMap(selected) { feature, _ in
        evaluate(feature, production: columns[feature.name], problem: sample.problems[feature.name], options: comparison)
    }
    var reports = evaluations.map(\.report)
    do {
        try policy.decide(&reports)
    } catch {
        throw InputFailure(String(describing: error))
    }
    let checks = zip(selected, zip(reports, evaluations)).map { selection, pair in
        FeatureCheck(pair.0, reference: selection.0, productionMissingRatio: pair.1.productionMissingRatio)
    }
    var run = CheckRun(
        model: profile.model, profileVersion: profile.version,
        windowStart: timeWindow.start, windowEnd: timeWindow.end, startedAt: startedAt,
        duration: Date().timeIntervalSince(startedAt), alpha: configuration.alpha,
        correction: configuration.correction.rawValue, productionRows: sample.rowCount, features: checks)
    do {
        run.health = try checkHealth(
            configuration, profile: profile, features: selected.map(\.0), sample: sample, window: timeWindow,
            source: source, history: RunHistory(store: store))
    } catch {
        throw InputFailure(String(describing: error))
    }
    let inputs = configuration.multivariate.map { settings in
        MultivariateInputs(profile: profile, production: sample.columns, settings: settings, alpha: configuration.alpha,
                           seed: configuration.seed)
    }
    return (run, inputs)
}

/// One feature's report before the drift decision, and its production missing share.
/// The data-health findings of the window, nil when every check is off.
private func checkHealth(
    _ configuration: CheckConfiguration, profile: ReferenceProfile, features: [FeatureProfile],
    sample: ProductionSample, window: TimeWindow, source: any ProductionSource, history: RunHistory
) throws -> DataHealth? {
    let rules = configuration.health
    guard rules.volume != nil || rules.freshness != nil || rules.missing != nil else { return nil }
    var health = DataHealth()
    if let rule = rules.volume {
        health.volume = DataHealth.volume(rows: sample.rowCount, model: profile.model, window: window, history: history, rule: rule)
    }
    if let rule = rules.freshness {
        health.freshness = try DataHealth.freshness(source: source, sample: sample, window: window, rule: rule)
    }
    if let rule = rules.missing {
        health.missing = features.compactMap { feature in
            // A feature the window lacks is FeatureUnmonitored's; text in a numeric column is
            // a failed test, not missing values.
            guard let column = sample.column(named: feature.name), column.textCells == 0 else { return nil }
            return DataHealth.missingCheck(
                feature: feature.name, reference: (feature.missing.total, feature.rowCount),
                production: (column.missing.total, column.rowCount), rule: rule, alpha: configuration.alpha)
        }
    }
    return health
}

struct Evaluation: Sendable {
    let report: FeatureReport
    let productionMissingRatio: Double
}

/// Tests one feature unless its column is missing, unreadable or too small (the policy's
/// `min_samples`, checked before any test runs).
private func evaluate(
    _ feature: FeatureProfile, production: ColumnSample?, problem: String?, options: ComparisonOptions
) -> Evaluation {
    func untested(_ status: FeatureStatus, _ reason: String, count: Int = 0, missing: MissingCounts = MissingCounts(),
                  missingRatio: Double = 0) -> Evaluation {
        Evaluation(
            report: FeatureReport(
                untested: status, reason: reason, name: feature.name, kind: feature.kind,
                referenceCount: feature.testedCount, productionCount: count,
                referenceMissing: feature.missing, productionMissing: missing),
            productionMissingRatio: missingRatio)
    }
    guard let production else {
        return untested(.missingColumn, problem ?? "column \(feature.name) is not in the production data")
    }
    let count = production.testedCount
    let missingRatio = production.rowCount > 0 ? Double(production.missing.total) / Double(production.rowCount) : 0
    if let problem, production.textCells == 0 {
        return untested(.failed, problem, count: count, missing: production.missing, missingRatio: missingRatio)
    }
    if let reason = options.policy.insufficiency(
        of: feature.name, referenceCount: feature.testedCount, productionCount: count) {
        return untested(.insufficientSamples, reason, count: count, missing: production.missing, missingRatio: missingRatio)
    }
    return Evaluation(
        report: compareFeatures(reference: feature, production: production, options: options),
        productionMissingRatio: missingRatio)
}
