import ArgumentParser
import DriftMonitor
import DriftReport
import DriftSources
import Foundation
import Logging

/// `driftwatch check --config FILE`: the hourly job.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run the drift check once: compare the production window with the active profile, push metrics, fire alerts.",
        discussion: """
            Put it in cron hourly. Every run is recorded in the profile database's history before \
            anything is sent. Exit status: 0 no drift, 1 drift found, 2 configuration or input \
            error, 3 delivery failure (recorded; see `driftwatch history`), 4 another run holds \
            the lock, 64 invalid options.
            """
    )

    @Option(help: "The job's YAML configuration.")
    var config: String

    @Option(help: "End of the window (ISO-8601, e.g. 2019-06-01T00:00:00Z; default now). The window is [at - window, at).")
    var at: String?

    @Option(help: "Window length, Prometheus style (30m, 1h, 7d); default from the configuration.")
    var window: String?

    @Flag(name: .customLong("dry-run"), help: "Print the exact Pushgateway body and the alerts instead of recording and sending them.")
    var dryRun = false

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = "info"

    func validate() throws {
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level: \"\(logLevel)\" is not one of trace, debug, info, notice, warning, error, critical")
        }
    }

    func run() async throws {
        var logger = Logger(label: "driftwatch.check") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let configuration: CheckConfiguration
        let end: Date
        let windowOverride: TimeInterval?
        do {
            configuration = try CheckConfiguration.load(path: config)
            end = try at.map(parseTimestamp) ?? Date()
            windowOverride = try window.map(parseDuration)
        } catch {
            printError(error)
            throw ExitCode(CheckExitCode.inputError.rawValue)
        }
        let result: CheckJobResult
        do {
            result = try await performCheck(configuration, windowEnd: end, window: windowOverride, dryRun: dryRun, logger: logger)
        } catch let error as RunLockError {
            printError(error)
            throw ExitCode(CheckExitCode.locked.rawValue)
        }
        if dryRun { printDryRun(result, configuration: configuration) }
        print(summary(result, configuration: configuration))
        for line in result.deliveryErrors { printError(line) }
        let code = result.exitCode
        if code != .noDrift { throw ExitCode(code.rawValue) }
    }
}

private func printError(_ error: Any) {
    FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
}

private func printDryRun(_ result: CheckJobResult, configuration: CheckConfiguration) {
    if let pushgateway = configuration.pushgateway {
        let group = (try? PushgatewayClient(configuration: pushgateway).groupURL(model: configuration.model).absoluteString) ?? pushgateway.url.absoluteString
        print("# dry run: would \(result.run == nil ? "POST" : "PUT") \(group)")
    } else {
        print("# dry run: no pushgateway configured; this is the body a run pushes")
    }
    print(result.metricsBody ?? "", terminator: "")
    if let alertmanager = configuration.alertmanager {
        print("# dry run: would POST \(result.alerts.count) alert\(result.alerts.count == 1 ? "" : "s") to \(alertmanager.url.absoluteString)/api/v2/alerts")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        if let data = try? encoder.encode(result.alerts) { print(String(decoding: data, as: UTF8.self)) }
    } else {
        print("# dry run: no alertmanager configured; drifted features are listed below")
    }
}

private func summary(_ result: CheckJobResult, configuration: CheckConfiguration) -> String {
    guard let run = result.run else {
        return "\(configuration.model): input failure: \(result.inputFailure ?? "unknown")"
    }
    let window = "[\(formatTimestamp(run.windowStart)), \(formatTimestamp(run.windowEnd)))"
    var lines = ["\(run.model) v\(run.profileVersion) \(window): \(run.productionRows) rows, \(run.checkedFeatures.count) of \(run.features.count) features tested, \(run.driftedFeatures.count) drifted\(run.multivariate?.drifted == true ? ", multivariate drift" : "")\(run.hasHealthFindings ? ", data-health findings" : "")"]
    var table = TextTable(rows: run.features.map { feature in
        let p = feature.primaryPValue.map { String(format: "%.3g", $0) } ?? "-"
        let test = feature.primary?.test.rawValue ?? "-"
        var verdict = feature.drifted ? "DRIFT" : (feature.status == .tested ? "ok" : feature.status.rawValue)
        if let reason = feature.reason { verdict += " (\(reason))" }
        let psi = feature.psi.map { String(format: "%.3g", $0) } ?? "-"
        return [feature.name, test, "p=" + p, "psi=" + psi, verdict]
    })
    table.indent = "  "
    table.separator = " "
    table.minimumWidths = [20, 17, 12, 12]   // long names widen their column instead of being cut
    lines += table.lines()
    if let multivariate = run.multivariate {
        lines.append("  multivariate (\(multivariate.features.count) features, \(multivariate.productionRows) production rows sampled, \(multivariate.productionDroppedRows) dropped for missing values)")
        let mmd = multivariate.mmd.map { "p=\(String(format: "%.3g", $0.pValue)) MMD²=\(String(format: "%.3g", $0.statistic)) \($0.drifted ? "DRIFT" : "ok")" }
        let pca = multivariate.reconstruction.map {
            "error=\(String(format: "%.4g", $0.error)) band=[\(String(format: "%.4g", $0.lower)), \(String(format: "%.4g", $0.upper))] \($0.drifted ? "DRIFT" : "ok")"
        }
        lines.append("    mmd                 \(mmd ?? multivariate.mmdStatus.rawValue)")
        lines.append("    pca_reconstruction  \(pca ?? multivariate.reconstructionStatus.rawValue)")
        if let reason = multivariate.reason { lines.append("    (\(reason))") }
    }
    if let health = run.health {
        lines.append("  health")
        lines += health.summaryLines(windowEnd: run.windowEnd).map { "    " + $0 }
    }
    return lines.joined(separator: "\n")
}
