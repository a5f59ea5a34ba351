import Foundation
import Logging

/// The alerts that link to the run's report: drift (feature and multivariate) and data health.
let reportLinkedAlerts: Set<String> = [
    "FeatureDrift", "MultivariateDrift", "ProductionVolumeAnomaly", "ProductionDataStale", "FeatureMissingSpike",
]

/// Writes the recorded run's HTML report when the configuration asks for one, prunes the
/// model's older pages to `keep`, and returns the page's link. A failure is a delivery
/// problem: it is logged and added to the result's delivery errors (exit 3, and the history
/// row's delivery error), the run stays recorded, and the alerts go out without a link.
///
/// - Parameters:
///   - configuration: The job configuration (its `report:` block).
///   - result: The job's result (a recorded, successful run).
///   - history: The run history the run was recorded in.
///   - logger: Where the page's path (info) or the failure (error) goes.
/// - Returns: The page's link, or nil when no page was written.
/// - Complexity: O(the page's size + pages in the model's folder).
func publishReport(_ configuration: CheckConfiguration, result: inout CheckJobResult, history: RunHistory, logger: Logger) -> String? {
    guard let report = configuration.report, result.run != nil, let id = result.historyID else { return nil }
    let path = report.path(model: configuration.model, run: id)
    do {
        let (html, _) = try runReportHTML(history: history, model: configuration.model, id: id, historyRuns: report.historyRuns)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(html.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        let removed = try pruneReports(in: folder, keep: report.keep)
        let url = report.url(model: configuration.model, run: id)
        result.reportURL = url
        logger.info("report written", metadata: ["path": "\(path)", "url": "\(url)", "pruned": "\(removed)"])
        return url
    } catch {
        result.deliveryErrors.append("report: \(path): \(error)")
        logger.error("report: cannot write \(path): \(String(describing: error))")
        return nil
    }
}

/// Deletes all but the newest `keep` pages (`<run id>.html`, newest = highest id) in a
/// model's report folder; other files are left alone.
///
/// - Returns: How many pages were deleted.
/// - Complexity: O(files in the folder · log).
func pruneReports(in folder: URL, keep: Int) throws -> Int {
    let pages = try FileManager.default.contentsOfDirectory(atPath: folder.path).compactMap { name -> (Int64, String)? in
        guard name.hasSuffix(".html"), let id = Int64(name.dropLast(5)), id >= 0 else { return nil }
        return (id, name)
    }.sorted { $0.0 > $1.0 }
    for (_, name) in pages.dropFirst(max(0, keep)) {
        try FileManager.default.removeItem(at: folder.appendingPathComponent(name))
    }
    return max(0, pages.count - keep)
}

/// The alerts with a `report_url` annotation on every drift and data-health alert.
///
/// - Complexity: O(alerts).
func linkingReport(_ alerts: [Alert], url: String) -> [Alert] {
    alerts.map { alert in
        guard let name = alert.labels["alertname"], reportLinkedAlerts.contains(name) else { return alert }
        var linked = alert
        linked.annotations["report_url"] = url
        return linked
    }
}
