import DriftMultivariate
import DriftProfiles
import Foundation
import Logging

/// The documented exit codes of `driftwatch check`.
public enum CheckExitCode: Int32, Sendable, CaseIterable {
    /// The run completed and found nothing: no drift, no data-health finding.
    case noDrift = 0
    /// The run completed and found something: a feature or multivariate test drifted, or a
    /// data-health check found an anomaly (volume, stale data, a missing-value spike).
    case driftFound = 1
    /// The configuration or the inputs could not be read (the failure was recorded and pushed where possible).
    case inputError = 2
    /// The run completed and was recorded, but the Pushgateway or Alertmanager did not accept
    /// it, or its HTML report could not be written.
    case deliveryFailed = 3
    /// Another run of the same job holds the lock; this one did nothing.
    case locked = 4
}

/// What one invocation of the job did.
public struct CheckJobResult: Sendable {
    /// The run's results (nil when the inputs could not be read).
    public var run: CheckRun?
    /// Why the inputs could not be read.
    public var inputFailure: String?
    /// Delivery errors (Pushgateway, Alertmanager, history), one line each.
    public var deliveryErrors: [String] = []
    /// The metrics body that was (or, in a dry run, would be) pushed.
    public var metricsBody: String?
    /// The alerts that were (or would be) posted.
    public var alerts: [Alert] = []
    /// The history row id, when the run was recorded.
    public var historyID: Int64?
    /// The link to the run's HTML report, when one was written (see ``ReportConfiguration``).
    public var reportURL: String?

    /// The exit code for this result.
    public var exitCode: CheckExitCode {
        if inputFailure != nil { return .inputError }
        if !deliveryErrors.isEmpty { return .deliveryFailed }
        guard let run else { return .noDrift }
        return run.hasDrift || run.hasHealthFindings ? .driftFound : .noDrift
    }
}

/// Runs the hourly job once: lock, check, record in the history table, write the run's HTML
/// report (when configured), then push metrics and post alerts.
///
/// The run is recorded before anything is sent, so an outage of the Pushgateway or
/// Alertmanager loses nothing (`driftwatch history` shows it, with the delivery error). The
/// report is written after the run is recorded; drift and data-health alerts carry its link as
/// `report_url`, and a report that cannot be written is a delivery error (exit 3). A run
/// that cannot read its inputs is recorded as a failure, pushes only a failure timestamp (POST,
/// so the last success stays) and raises the job-level alert. In a dry run nothing is locked,
/// recorded or sent: the result carries the exact body and alerts instead.
///
/// ```swift
/// let result = await performCheck(configuration, windowEnd: Date(), logger: logger)
/// exit(result.exitCode.rawValue)
/// ```
///
/// - Parameters:
///   - configuration: The job configuration.
///   - windowEnd: End of the production window (exclusive).
///   - window: Overrides the configured window length, in seconds.
///   - dryRun: Compute and render, but do not record or send.
///   - logger: One line per feature at info; delivery problems at error.
/// - Returns: What happened; ``CheckJobResult/exitCode`` is the process's exit status.
/// - Throws: ``RunLockError`` when another run holds the lock.
public func performCheck(
    _ configuration: CheckConfiguration, windowEnd: Date, window: TimeInterval? = nil, dryRun: Bool = false,
    logger: Logger
) async throws -> CheckJobResult {
    let lock = dryRun ? nil : try RunLock(path: configuration.lockFile)
    defer { lock?.release() }
    let startedAt = Date()
    var result = CheckJobResult()
    logger.info("driftwatch check", metadata: [
        "version": "\(DriftwatchVersion.current)", "model": "\(configuration.model)",
        "window_end": "\(RFC3339.format(windowEnd))", "dry_run": "\(dryRun)",
    ])
    if configuration.multivariate != nil, let advice = BLASRuntime.current.advice {
        logger.warning("\(advice)")
    }
    do {
        var run = try runCheck(configuration, windowEnd: windowEnd, window: window, startedAt: startedAt)
        run.duration = Date().timeIntervalSince(startedAt)
        result.run = run
        log(run, logger: logger)
    } catch {
        result.inputFailure = String(describing: error)
        logger.error("input failure: \(String(describing: error))")
    }
    let history = dryRun ? nil : openHistory(configuration, result: &result, logger: logger)
    var previouslyDrifted: [String: String] = [:]
    var previouslyUnmonitored: [String: String] = [:]
    var previousHealth: DataHealth?
    var previousFailed = false
    if let history {
        do {
            let id = try history.record(record(for: result, configuration: configuration, startedAt: startedAt, windowEnd: windowEnd))
            result.historyID = id
            previouslyDrifted = try history.lastDrifted(model: configuration.model, before: id)
            // The previous run's untested features, from its recorded result (an unreadable
            // result resolves nothing: the alerts then end on their own after resolve_after).
            if let text = try history.lastSuccessfulResult(model: configuration.model, before: id),
               let previous = try? CheckRun.fromJSON(text) {
                previouslyUnmonitored = previous.unmonitoredFeatures
                previousHealth = previous.health
            }
            previousFailed = try history.history(model: configuration.model, limit: 2).dropFirst().first?.status == .failure
        } catch {
            result.deliveryErrors.append("history: \(error)")
            logger.error("could not record the run: \(String(describing: error))")
        }
    }

    let reportURL = history.flatMap { publishReport(configuration, result: &result, history: $0, logger: logger) }

    let now = Date()
    if let run = result.run {
        result.metricsBody = renderMetrics(run)
        if let alertmanager = configuration.alertmanager {
            result.alerts = driftAlerts(
                for: run, previouslyDrifted: previouslyDrifted, previouslyUnmonitored: previouslyUnmonitored,
                previousHealth: previousHealth, configuration: alertmanager, now: now)
            if previousFailed {
                result.alerts.append(jobFailureAlert(model: configuration.model, error: "", configuration: alertmanager, now: now, resolved: true))
            }
        }
    } else if let failure = result.inputFailure {
        result.metricsBody = renderFailureMetrics(at: now)
        if let alertmanager = configuration.alertmanager {
            result.alerts = [jobFailureAlert(model: configuration.model, error: failure, configuration: alertmanager, now: now)]
        }
    }
    if let reportURL { result.alerts = linkingReport(result.alerts, url: reportURL) }
    if configuration.alertmanager == nil, let run = result.run, let health = run.health, health.hasFindings {
        logger.warning("no alertmanager configured; data-health findings: \(health.findings.joined(separator: ", "))")
    }
    if configuration.alertmanager == nil, let run = result.run, run.hasDrift {
        let names = run.driftedFeatures.map(\.name) + (run.multivariate?.driftedTests ?? []).map { "multivariate \($0)" }
        logger.warning("no alertmanager configured; drifted: \(names.joined(separator: ", "))")
    }
    guard !dryRun else { return result }

    var metricsDelivered: Bool?
    var alertsDelivered: Bool?
    if let pushgateway = configuration.pushgateway {
        let client = PushgatewayClient(configuration: pushgateway, retryPolicy: configuration.retries)
        do {
            if let run = result.run {
                try await client.push(run)
            } else {
                try await client.pushFailure(model: configuration.model, at: now)
            }
            metricsDelivered = true
        } catch {
            metricsDelivered = false
            result.deliveryErrors.append("pushgateway: \(error)")
            logger.error("pushgateway: \(String(describing: error))")
        }
    }
    if let alertmanager = configuration.alertmanager, !result.alerts.isEmpty {
        let client = AlertmanagerClient(configuration: alertmanager, retryPolicy: configuration.retries)
        do {
            try await client.post(result.alerts)
            alertsDelivered = true
        } catch {
            alertsDelivered = false
            result.deliveryErrors.append("alertmanager: \(error)")
            logger.error("alertmanager: \(String(describing: error))")
        }
    }
    if let history, let id = result.historyID {
        let errors = result.deliveryErrors.filter { !$0.hasPrefix("history:") }
        do {
            try history.markDelivered(id, metrics: metricsDelivered, alerts: alertsDelivered,
                                    error: errors.isEmpty ? nil : errors.joined(separator: "; "))
        } catch {
            result.deliveryErrors.append("history: \(error)")
        }
    }
    return result
}

private func openHistory(_ configuration: CheckConfiguration, result: inout CheckJobResult, logger: Logger) -> RunHistory? {
    do {
        return RunHistory(store: try ProfileStore(path: configuration.profiles, createIfMissing: false))
    } catch {
        // The profile database itself is unreadable: the input failure already says so.
        if result.inputFailure == nil { result.deliveryErrors.append("history: \(error)") }
        logger.error("cannot record the run in \(configuration.profiles): \(String(describing: error))")
        return nil
    }
}

private func record(for result: CheckJobResult, configuration: CheckConfiguration, startedAt: Date, windowEnd: Date) -> RunRecord {
    guard let run = result.run else {
        return RunRecord(
            model: configuration.model, profileVersion: nil, startedAt: startedAt,
            windowStart: windowEnd.addingTimeInterval(-configuration.production.window), windowEnd: windowEnd,
            status: .failure, error: result.inputFailure, driftwatchVersion: DriftwatchVersion.current)
    }
    var drifted: [String: String] = [:]
    for feature in run.driftedFeatures { drifted[feature.name] = feature.primary?.test.rawValue ?? "none" }
    for test in run.multivariate?.driftedTests ?? [] { drifted[MultivariateAlertKey.prefix + test] = test }
    return RunRecord(
        model: run.model, profileVersion: run.profileVersion, startedAt: startedAt,
        windowStart: run.windowStart, windowEnd: run.windowEnd, status: .success,
        featuresChecked: run.checkedFeatures.count, driftedFeatures: drifted, resultJSON: try? run.jsonText(),
        driftwatchVersion: DriftwatchVersion.current, productionRows: run.productionRows)
}

private func log(_ run: CheckRun, logger: Logger) {
    for feature in run.features {
        var metadata: Logger.Metadata = [
            "feature": "\(feature.name)", "status": "\(feature.status.rawValue)",
            "production": "\(feature.productionCount)", "drifted": "\(feature.drifted)",
        ]
        if let primary = feature.primary {
            metadata["test"] = "\(primary.test)"
            metadata["p"] = "\(feature.primaryPValue ?? primary.pValue)"
        }
        if let psi = feature.psi { metadata["psi"] = "\(psi)" }
        if let reason = feature.reason { metadata["reason"] = "\(reason)" }
        logger.info("feature checked", metadata: metadata)
    }
    if let multivariate = run.multivariate {
        var metadata: Logger.Metadata = [
            "features": "\(multivariate.features.count)", "rows": "\(multivariate.productionRows)",
            "dropped": "\(multivariate.productionDroppedRows)", "drifted": "\(multivariate.drifted)",
        ]
        if let mmd = multivariate.mmd { metadata["mmd_p"] = "\(mmd.pValue)" }
        if let reconstruction = multivariate.reconstruction {
            metadata["reconstruction_error"] = "\(reconstruction.error)"
            metadata["band"] = "[\(reconstruction.lower), \(reconstruction.upper)]"
        }
        if let reason = multivariate.reason { metadata["reason"] = "\(reason)" }
        logger.info("multivariate checked", metadata: metadata)
    }
    if let health = run.health {
        for line in health.summaryLines(windowEnd: run.windowEnd) { logger.info("health \(line.trimmingCharacters(in: .whitespaces))") }
    }
    logger.info("run finished", metadata: [
        "model": "\(run.model)", "profile_version": "\(run.profileVersion)",
        "rows": "\(run.productionRows)", "checked": "\(run.checkedFeatures.count)",
        "drifted": "\(run.driftedFeatures.count)",
    ])
}
