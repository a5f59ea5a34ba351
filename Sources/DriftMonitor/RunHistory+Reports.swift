import Foundation
import GRDB

extension RunHistory {
    /// One recorded run of a model: the one with `id`, or the newest successful one.
    ///
    /// ```swift
    /// let latest = try history.run(model: "churn")
    /// ```
    ///
    /// - Parameters:
    ///   - model: The model.
    ///   - id: The run's id, or nil for the model's newest successful run.
    /// - Returns: The run, or nil when there is no such run of that model.
    /// - Throws: ``ProfileError/database(path:message:)``.
    /// - Complexity: O(log runs) with the primary key and the `(model, started_at)` index.
    package func run(model: String, id: Int64? = nil) throws -> RunRecord? {
        try wrappingErrors {
            try pool.read { db in
                let row: Row?
                if let id {
                    row = try Row.fetchOne(db, sql: "SELECT * FROM check_run WHERE model = ? AND id = ?", arguments: [model, id])
                } else {
                    row = try Row.fetchOne(
                        db, sql: "SELECT * FROM check_run WHERE model = ? AND status = 'success' ORDER BY started_at DESC, id DESC LIMIT 1",
                        arguments: [model])
                }
                return row.map(Self.runRecord)
            }
        }
    }

    /// The model's successful runs up to and including run `id`, oldest first: the p-value
    /// history panels' runs.
    ///
    /// - Parameters:
    ///   - model: The model.
    ///   - id: The last run.
    ///   - limit: At most this many runs (the newest).
    /// - Returns: The runs, oldest first.
    /// - Throws: ``ProfileError/database(path:message:)``.
    /// - Complexity: O(log runs + limit) with the primary key.
    package func successfulRuns(model: String, through id: Int64, limit: Int) throws -> [RunRecord] {
        try wrappingErrors {
            try pool.read { db in
                try Row.fetchAll(
                    db,
                    sql: "SELECT * FROM check_run WHERE model = ? AND status = 'success' AND id <= ? ORDER BY id DESC LIMIT ?",
                    arguments: [model, id, max(0, limit)]
                ).map(Self.runRecord).reversed()
            }
        }
    }
}
