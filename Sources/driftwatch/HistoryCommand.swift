import ArgumentParser
import DriftMonitor
import DriftProfiles
import DriftReport
import Foundation

/// `driftwatch history`: past runs of the hourly job, from the profile database.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "Show the past runs of the drift check for a model.")

    @Option(help: "The profile database (the job's `profiles:`).")
    var db: String

    @Option(help: "The model.")
    var model: String

    @Option(parsing: .unconditional, help: "How many runs to show, newest first.")
    var limit: Int = 24

    @Option(help: "Output format: table or json.")
    var format: OutputFormat = .table

    func validate() throws {
        guard limit >= 1 else { throw ValidationError("--limit must be at least 1, got \(limit)") }
    }

    func run() throws {
        let history = RunHistory(store: try ProfileStore(path: db, createIfMissing: false))
        let runs = try history.history(model: model, limit: limit)
        switch format {
        case .json:
            let items: [JSONValue] = runs.map { run in
                .object([
                    ("id", .int(Int(run.id))),
                    ("started", .string(formatTimestamp(run.startedAt))),
                    ("window_start", run.windowStart.map { .string(formatTimestamp($0)) } ?? .null),
                    ("window_end", run.windowEnd.map { .string(formatTimestamp($0)) } ?? .null),
                    ("status", .string(run.status.rawValue)),
                    ("error", run.error.map(JSONValue.string) ?? .null),
                    ("profile_version", run.profileVersion.map(JSONValue.int) ?? .null),
                    ("production_rows", run.productionRows.map(JSONValue.int) ?? .null),
                    ("features_checked", .int(run.featuresChecked)),
                    ("drifted", .object(run.driftedFeatures.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.string($0.value)) })),
                    ("metrics_delivered", run.metricsDelivered.map(JSONValue.bool) ?? .null),
                    ("alerts_delivered", run.alertsDelivered.map(JSONValue.bool) ?? .null),
                    ("delivery_error", run.deliveryError.map(JSONValue.string) ?? .null),
                    ("driftwatch_version", run.driftwatchVersion.map(JSONValue.string) ?? .null),
                ])
            }
            print(JSONValue.array(items).rendered(indent: 2))
        case .table:
            guard !runs.isEmpty else {
                print("no runs recorded for model \(model) in \(db)")
                return
            }
            let rows = runs.map { run -> [String] in
                let window = run.windowEnd.map { formatTimestamp($0) } ?? "-"
                let delivered = [run.metricsDelivered.map { $0 ? "metrics" : "metrics FAILED" },
                                 run.alertsDelivered.map { $0 ? "alerts" : "alerts FAILED" }].compactMap { $0 }
                let drifted = run.driftedFeatures.keys.sorted().joined(separator: ",")
                return [String(run.id), formatTimestamp(run.startedAt), window, run.status.rawValue,
                        run.profileVersion.map(String.init) ?? "-", run.productionRows.map(String.init) ?? "-",
                        String(run.featuresChecked),
                        drifted.isEmpty ? "-" : drifted,
                        delivered.isEmpty ? "not sent" : delivered.joined(separator: ", "),
                        run.error ?? run.deliveryError ?? ""]
            }
            print(alignedTable(header: ["id", "started", "window end", "status", "profile", "rows", "checked", "drifted", "delivery", "error"],
                               rows: rows, rightAligned: [0, 4, 5, 6]))
        }
    }
}
