import DriftProfiles
import Foundation
import GRDB

/// The hourly job's run history: one row per run in the `check_run` table of the model's
/// profile database, written before anything is sent and updated with the delivery outcome.
///
/// The profile database creates and migrates the table (`"v2-history"`, `"v4-run-version"`, `"v5-run-rows"`),
/// so every profile database, old or new, has it; this type is the only code that reads or
/// writes it.
///
/// ```swift
/// let history = RunHistory(store: try ProfileStore(path: "profiles.db"))
/// let id = try history.record(RunRecord(model: "churn", profileVersion: 3, startedAt: Date(),
///                                       windowStart: nil, windowEnd: nil, status: .success))
/// try history.markDelivered(id, metrics: true, alerts: true, error: nil)
/// let last24 = try history.history(model: "churn", limit: 24)
/// ```
///
/// Safe to share between threads, like the store.
public struct RunHistory: Sendable {
    /// The profile database holding the table.
    public let store: ProfileStore

    /// The history kept in `store`'s database.
    ///
    /// - Parameter store: An open profile database.
    /// - Complexity: O(1).
    public init(store: ProfileStore) {
        self.store = store
    }

    var pool: DatabasePool { store.pool }

    func wrappingErrors<T>(_ body: () throws -> T) throws -> T {
        try store.wrappingErrors(body)
    }
    /// Records a run in the history table, in one transaction, before anything is sent.
    ///
    /// ```swift
    /// let id = try history.record(RunRecord(model: "churn", profileVersion: 3, startedAt: Date(), …))
    /// ```
    ///
    /// - Parameter record: The run.
    /// - Returns: The new row's id, for ``markDelivered(_:metrics:alerts:error:)``.
    /// - Throws: ``ProfileError/database(path:message:)``.
    /// - Complexity: O(size of the result JSON).
    public func record(_ record: RunRecord) throws -> Int64 {
        let drifted = try JSONSerialization.data(withJSONObject: record.driftedFeatures, options: [.sortedKeys])
        return try wrappingErrors {
            try pool.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO check_run (model, profile_version, started_at, window_start, window_end, status,
                                               error, features_checked, features_drifted, drifted, result,
                                               driftwatch_version, production_rows)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        record.model, record.profileVersion, record.startedAt.timeIntervalSince1970,
                        record.windowStart?.timeIntervalSince1970, record.windowEnd?.timeIntervalSince1970,
                        record.status.rawValue, record.error, record.featuresChecked, record.driftedFeatures.count,
                        String(decoding: drifted, as: UTF8.self), record.resultJSON, record.driftwatchVersion,
                        record.productionRows,
                    ])
                return db.lastInsertedRowID
            }
        }
    }

    /// Records whether a run's metrics and alerts were delivered.
    ///
    /// - Parameters:
    ///   - id: The run's id from ``record(_:)``.
    ///   - metrics: Whether the Pushgateway accepted the metrics (nil: not attempted).
    ///   - alerts: Whether Alertmanager accepted the alerts (nil: not attempted).
    ///   - error: The delivery error, if any.
    /// - Throws: ``ProfileError/database(path:message:)``.
    public func markDelivered(_ id: Int64, metrics: Bool?, alerts: Bool?, error: String?) throws {
        try wrappingErrors {
            try pool.write { db in
                try db.execute(
                    sql: "UPDATE check_run SET metrics_delivered = ?, alerts_delivered = ?, delivery_error = ? WHERE id = ?",
                    arguments: [metrics, alerts, error, id])
            }
        }
    }

    /// The most recent runs of a model, newest first.
    ///
    /// - Parameters:
    ///   - model: The model.
    ///   - limit: At most this many runs.
    /// - Returns: The runs (empty when the model never ran).
    /// - Throws: ``ProfileError/database(path:message:)``.
    /// - Complexity: O(limit) with the (model, started_at) index.
    public func history(model: String, limit: Int = 50) throws -> [RunRecord] {
        try wrappingErrors {
            try pool.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT * FROM check_run WHERE model = ? ORDER BY started_at DESC, id DESC LIMIT ?
                        """,
                    arguments: [model, max(0, limit)]
                ).map(Self.runRecord)
            }
        }
    }

    /// The drifted features (`feature -> test`) of the model's last successful run, for
    /// resolving the alerts of features that recovered.
    ///
    /// - Parameters:
    ///   - model: The model.
    ///   - before: Only runs recorded before this id (the current run's).
    /// - Returns: The features, empty when there was no earlier successful run.
    /// - Throws: ``ProfileError/database(path:message:)``.
    public func lastDrifted(model: String, before id: Int64) throws -> [String: String] {
        let text: String? = try wrappingErrors {
            try pool.read { db in
                try String.fetchOne(
                    db,
                    sql: "SELECT drifted FROM check_run WHERE model = ? AND status = 'success' AND id < ? ORDER BY id DESC LIMIT 1",
                    arguments: [model, id])
            }
        }
        guard let text, let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String] else {
            return [:]
        }
        return object
    }

    /// The result JSON of the model's last successful run before `id` (what
    /// ``RunRecord/resultJSON`` holds), for resolving alerts against the previous run's state.
    ///
    /// ```swift
    /// let previous = try history.lastSuccessfulResult(model: "churn", before: currentID)
    /// ```
    ///
    /// - Parameters:
    ///   - model: The model.
    ///   - before: Only runs recorded before this id (the current run's).
    /// - Returns: The JSON text, or nil when there was no earlier successful run.
    /// - Throws: ``ProfileError/database(path:message:)``.
    /// - Complexity: O(log runs) with the primary key, plus the size of the result.
    public func lastSuccessfulResult(model: String, before id: Int64) throws -> String? {
        try wrappingErrors {
            try pool.read { db in
                try String.fetchOne(
                    db,
                    sql: "SELECT result FROM check_run WHERE model = ? AND status = 'success' AND id < ? ORDER BY id DESC LIMIT 1",
                    arguments: [model, id])
            }
        }
    }

    /// The row counts of the model's successful runs whose window ended in `[since, until]`,
    /// newest first: the volume baseline's raw material (``VolumeBaseline``).
    ///
    /// - Parameters:
    ///   - model: The model.
    ///   - since: The earliest window end to return.
    ///   - until: The latest window end to return (a run's own window start, so a backfill sees
    ///     only what came before it).
    /// - Returns: One observation per run that recorded its row count.
    /// - Throws: ``ProfileError`` when the database cannot be read.
    /// - Complexity: O(log runs + returned runs) with the `(model, window_end)` index.
    package func volumeObservations(model: String, since: Date, until: Date) throws -> [VolumeObservation] {
        try wrappingErrors {
            try pool.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT window_start, window_end, production_rows FROM check_run
                        WHERE model = ? AND status = 'success' AND production_rows IS NOT NULL
                          AND window_start IS NOT NULL AND window_end >= ? AND window_end <= ?
                        ORDER BY window_end DESC, id DESC
                        """,
                    arguments: [model, since.timeIntervalSince1970, until.timeIntervalSince1970]
                ).map { row in
                    VolumeObservation(
                        windowStart: Date(timeIntervalSince1970: row["window_start"]),
                        windowEnd: Date(timeIntervalSince1970: row["window_end"]), rows: row["production_rows"])
                }
            }
        }
    }

    static func runRecord(_ row: Row) -> RunRecord {
        func date(_ column: String) -> Date? {
            (row[column] as Double?).map { Date(timeIntervalSince1970: $0) }
        }
        let driftedText: String = row["drifted"] ?? "{}"
        let drifted = (try? JSONSerialization.jsonObject(with: Data(driftedText.utf8)) as? [String: String]) ?? [:]
        var record = RunRecord(
            model: row["model"] ?? "", profileVersion: row["profile_version"],
            startedAt: date("started_at") ?? Date(timeIntervalSince1970: 0),
            windowStart: date("window_start"), windowEnd: date("window_end"),
            status: RunRecord.Status(rawValue: row["status"] ?? "") ?? .failure,
            error: row["error"], featuresChecked: row["features_checked"] ?? 0,
            driftedFeatures: drifted, resultJSON: row["result"], driftwatchVersion: row["driftwatch_version"])
        record.id = row["id"] ?? 0
        record.metricsDelivered = row["metrics_delivered"]
        record.alertsDelivered = row["alerts_delivered"]
        record.deliveryError = row["delivery_error"]
        record.productionRows = row["production_rows"]
        return record
    }
}
