import DriftHTML
import DriftProfiles
import Foundation

/// The HTML report of one recorded run, from the history and the profiles in one profile
/// database: what `driftwatch report --db` writes and the job publishes after each run.
///
/// ```swift
/// let html = try runReportHTML(history: RunHistory(store: store), model: "churn")
/// ```
///
/// - Parameters:
///   - history: The run history (its store holds the profiles too).
///   - model: The model.
///   - id: The run, or nil for the newest successful run.
///   - historyRuns: How many runs the p-value history panels go back, this one included.
/// - Returns: The page, and the run's record.
/// - Throws: ``RunReportError`` when there is no such run or it recorded no result;
///   ``ProfileError`` when the database cannot be read.
/// - Complexity: O(features × (bins + categories) + reference sample sizes + historyRuns × result size).
package func runReportHTML(history: RunHistory, model: String, id: Int64? = nil, historyRuns: Int = 48) throws -> (html: String, record: RunRecord) {
    guard let record = try history.run(model: model, id: id) else {
        throw RunReportError(message: id.map { "no run \($0) of model \(model) in \(history.store.path)" }
            ?? "no successful run of model \(model) in \(history.store.path)")
    }
    guard record.status == .success, let text = record.resultJSON else {
        throw RunReportError(message: "run \(record.id) of model \(model) failed (\(record.error ?? "no result recorded")); there is nothing to report")
    }
    let run: CheckRun
    do {
        run = try CheckRun.fromJSON(text)
    } catch {
        throw RunReportError(message: "run \(record.id) of model \(model): the recorded result cannot be read (\(error))")
    }
    var profile: ReferenceProfile?
    var problem: String?
    do {
        profile = try history.store.profile(model: model, version: run.profileVersion)
    } catch {
        problem = "profile \(model) v\(run.profileVersion) cannot be read (\(error))"
    }
    let series = try pValueHistory(of: run, through: record.id, history: history, runs: historyRuns)
    let page = ReportPage(run: run, record: record, profile: profile, profileProblem: problem, history: series)
    return (page.html(), record)
}

/// The deciding p-value (adjusted when the run corrected) of each drifted feature over the
/// model's last `runs` successful runs up to `id`.
private func pValueHistory(of run: CheckRun, through id: Int64, history: RunHistory, runs: Int) throws -> [PValueSeries] {
    let drifted = run.driftedFeatures.map(\.name)
    guard !drifted.isEmpty else { return [] }
    let records = try history.successfulRuns(model: run.model, through: id, limit: runs)
    let decoded: [(RunRecord, CheckRun?)] = records.map { record in (record, record.resultJSON.flatMap { try? CheckRun.fromJSON($0) }) }
    return drifted.map { name in
        PValueSeries(feature: name, points: decoded.map { record, past in
            let feature = past?.features.first { $0.name == name && $0.status == .tested }
            return PValueSeries.Point(run: record.id, time: past?.windowEnd ?? record.windowEnd ?? record.startedAt, pValue: feature?.primaryPValue)
        }, alpha: run.alpha)
    }
}

/// Why a run's report cannot be made (no such run, a failed run, an unreadable result).
package struct RunReportError: Error, CustomStringConvertible {
    /// One line naming the run and the database.
    package let message: String

    package var description: String { message }
}
