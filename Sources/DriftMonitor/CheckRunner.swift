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
    do {
        let store = try ProfileStore(path: configuration.profiles, createIfMissing: false)
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
    for (feature, entry) in selected {
        if let test = entry.test, !allowedTests(feature.kind).contains(test) {
            throw InputFailure("feature \(feature.name) is \(feature.kind.rawValue); test \(test) does not apply (use \(allowedTests(feature.kind).joined(separator: " or ")))")
        }
    }
    // The multivariate tests need every feature of the profile's multivariate reference, read
    // whole (row-tracked), whether or not each is also checked on its own.
    let multivariateNames = configuration.multivariate == nil ? [] : (profile.multivariate?.sample.names ?? [])
    var read = selected.map { (name: $0.0.name, kind: $0.0.kind) }
    for name in multivariateNames where !read.contains(where: { $0.name == name }) {
        if let feature = profile.feature(named: name) { read.append((name: name, kind: feature.kind)) }
    }
    do {
        sample = try configuration.production.productionSource.read(
            window: timeWindow, features: read, trackRows: Set(multivariateNames))
    } catch {
        throw InputFailure(String(describing: error))
    }

    var comparison = ComparisonOptions()
    comparison.alpha = configuration.alpha
    let options = comparison
    let columns = Dictionary(sample.columns.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    let minimum = configuration.minSamples
    let evaluations = concurrentMap(selected) { feature, entry in
        evaluate(feature, entry: entry, production: columns[feature.name], problem: sample.problems[feature.name],
                 productionRows: sample.rowCount, minSamples: entry.minSamples ?? minimum, options: options)
    }
    let checks = try decide(evaluations, configuration: configuration)
    let run = CheckRun(
        model: profile.model, profileVersion: profile.version,
        windowStart: timeWindow.start, windowEnd: timeWindow.end, startedAt: startedAt,
        duration: Date().timeIntervalSince(startedAt), alpha: configuration.alpha,
        correction: configuration.correction.rawValue, productionRows: sample.rowCount, features: checks)
    let inputs = configuration.multivariate.map { settings in
        MultivariateInputs(profile: profile, production: sample.columns, settings: settings, alpha: configuration.alpha,
                           seed: configuration.seed)
    }
    return (run, inputs)
}

private func allowedTests(_ kind: ColumnKind) -> [String] {
    kind == .numeric ? ["ks", "cramer_von_mises"] : ["chi_square"]
}

/// One feature's tests before the correction and the drift decision.
struct Evaluation: Sendable {
    let feature: FeatureProfile
    let decisionTest: String
    let status: FeatureStatus
    let reason: String?
    let productionCount: Int
    let productionMissingRatio: Double
    let report: FeatureReport?
}

private func evaluate(
    _ feature: FeatureProfile, entry: FeatureConfiguration, production: ColumnSample?, problem: String?,
    productionRows: Int, minSamples: Int, options: ComparisonOptions
) -> Evaluation {
    let decisionTest = entry.test ?? (feature.kind == .numeric ? "ks" : "chi_square")
    func skipped(_ status: FeatureStatus, _ reason: String, count: Int = 0, missingRatio: Double = 0) -> Evaluation {
        Evaluation(feature: feature, decisionTest: decisionTest, status: status, reason: reason,
                   productionCount: count, productionMissingRatio: missingRatio, report: nil)
    }
    guard let production else {
        return skipped(.missingColumn, problem ?? "column \(feature.name) is not in the production data")
    }
    let productionCount = production.kind == .numeric ? production.values.count : production.testedCount
    let missingRatio = production.rowCount > 0 ? Double(production.missing.total) / Double(production.rowCount) : 0
    if let problem, production.textCells == 0 {
        return skipped(.failed, problem, count: productionCount, missingRatio: missingRatio)
    }
    if productionCount < minSamples || feature.testedCount < minSamples {
        let which = productionCount < minSamples ? "production has \(productionCount)" : "reference has \(feature.testedCount)"
        return skipped(.insufficientSamples, "\(which) values, min_samples is \(minSamples)",
                       count: productionCount, missingRatio: missingRatio)
    }
    let report = compareFeatures(reference: feature, production: production, options: options)
    let tested = Evaluation(feature: feature, decisionTest: decisionTest, status: .tested, reason: nil,
                            productionCount: productionCount, productionMissingRatio: missingRatio, report: report)
    guard tested.decisionPValue == nil else { return tested }
    let failure = report.failures.first { $0.test == decisionTest }?.reason ?? report.failures.first?.reason ?? "the test did not run"
    return Evaluation(feature: feature, decisionTest: decisionTest, status: .failed, reason: failure,
                      productionCount: productionCount, productionMissingRatio: missingRatio, report: report)
}

/// Applies the correction across tested features and builds the feature checks.
private func decide(_ evaluations: [Evaluation], configuration: CheckConfiguration) throws -> [FeatureCheck] {
    let tested = evaluations.indices.filter { evaluations[$0].status == .tested }
    let raw = tested.compactMap { evaluations[$0].decisionPValue }
    let adjusted = configuration.correction == .none ? raw : try adjustedPValues(raw, method: configuration.correction)
    var adjustedByIndex: [Int: Double] = [:]
    for (slot, index) in tested.enumerated() where slot < adjusted.count { adjustedByIndex[index] = adjusted[slot] }

    return evaluations.enumerated().map { index, evaluation in
        let feature = evaluation.feature
        let report = evaluation.report
        let referenceRows = feature.rowCount
        var tests: [TestResult] = []
        let corrected = configuration.correction == .none ? nil : adjustedByIndex[index]
        if let ks = report?.kolmogorovSmirnov?.value {
            tests.append(TestResult(test: "ks", statistic: ks.statistic, pValue: ks.pValue,
                                    pValueAdjusted: evaluation.decisionTest == "ks" ? corrected : nil))
        }
        if let cvm = report?.cramerVonMises?.value {
            tests.append(TestResult(test: "cramer_von_mises", statistic: cvm.statistic, pValue: cvm.pValue,
                                    pValueAdjusted: evaluation.decisionTest == "cramer_von_mises" ? corrected : nil))
        }
        if let chi = report?.chiSquare?.value {
            tests.append(TestResult(test: "chi_square", statistic: chi.statistic, pValue: chi.pValue, pValueAdjusted: corrected))
        }
        // The decision test first.
        tests.sort { ($0.test == evaluation.decisionTest ? 0 : 1) < ($1.test == evaluation.decisionTest ? 0 : 1) }
        let psi = report?.psi.value?.value
        let wasserstein = report?.wasserstein?.value
        var drifted = false
        if evaluation.status == .tested, let p = adjustedByIndex[index] ?? evaluation.decisionPValue {
            drifted = p < configuration.alpha
            if drifted, let gate = configuration.effectSize {
                // A constant reference has no scale: any move of it is an unbounded shift in
                // reference standard deviations, so it passes a Wasserstein gate.
                let shift = wasserstein.map { $0.normalized ?? ($0.distance > 0 ? .infinity : 0) }
                drifted = gate.passes(psi: psi, wassersteinNormalized: shift)
            }
        }
        return FeatureCheck(
            name: feature.name, kind: feature.kind, status: evaluation.status, reason: evaluation.reason,
            referenceCount: feature.testedCount, productionCount: evaluation.productionCount,
            referenceMissingRatio: referenceRows > 0 ? Double(feature.missing.total) / Double(referenceRows) : 0,
            productionMissingRatio: evaluation.productionMissingRatio,
            tests: tests, psi: psi, wasserstein: wasserstein?.distance,
            wassersteinNormalized: wasserstein?.normalized,
            jensenShannon: report?.jensenShannon?.value, drifted: drifted)
    }
}

extension Evaluation {
    /// The p-value of the test that decides drift for this feature, when it ran.
    var decisionPValue: Double? {
        guard let report else { return nil }
        switch decisionTest {
        case "cramer_von_mises": return report.cramerVonMises?.value?.pValue
        case "chi_square": return report.chiSquare?.value?.pValue
        default: return report.kolmogorovSmirnov?.value?.pValue
        }
    }
}
