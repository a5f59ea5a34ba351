import DriftMonitor
import DriftProfiles
import DriftTestSupport
import Foundation
import GRDB
import Testing

/// The run history in the profile database's `check_run` table: written and read by the job,
/// created by the store's migrations, also in databases written by earlier versions.
@Suite("RunHistory")
struct RunHistoryTests {
    /// A private copy of a fixture database (opening migrates it, which writes).
    private func copy(_ fixture: String) throws -> String {
        let path = try temporaryDirectory().appendingPathComponent("profiles.db").path
        try FileManager.default.copyItem(atPath: fixtures.appendingPathComponent(fixture).path, toPath: path)
        return path
    }

    private func migrations(_ path: String) throws -> [String] {
        try DatabaseQueue(path: path).read { db in
            try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid")
        }
    }

    @Test("the v2 and v3 fixture databases open, read their profile and keep a history", arguments: [
        ("legacy/profiles-v2.db", ["v1-profiles", "v2-history"]),
        ("job/profiles.db", ["v1-profiles", "v2-history", "v3-multivariate"]),
    ])
    func fixtureDatabasesOpenAndRead(fixture: String, before: [String]) throws {
        let path = try copy(fixture)
        #expect(try migrations(path) == before)
        let store = try ProfileStore(path: path, createIfMissing: false)
        #expect(try migrations(path) == ["v1-profiles", "v2-history", "v3-multivariate", "v4-run-version", "v5-run-rows"])
        let profile = try store.profile(model: "churn")
        #expect(profile.version == 1 && profile.features.count == 10)
        let history = RunHistory(store: store)
        #expect(try history.history(model: "churn").isEmpty)
        let id = try history.record(RunRecord(
            model: "churn", profileVersion: profile.version, startedAt: Date(timeIntervalSince1970: 1_556_625_600),
            windowStart: Date(timeIntervalSince1970: 1_556_618_400), windowEnd: Date(timeIntervalSince1970: 1_556_622_000),
            status: .success, featuresChecked: 10, driftedFeatures: ["age": "ks"], resultJSON: "{}",
            driftwatchVersion: "test"))
        let record = try #require(try history.history(model: "churn").first)
        #expect(record.id == id && record.profileVersion == 1 && record.driftwatchVersion == "test")
        #expect(record.driftedFeatures == ["age": "ks"] && record.featuresChecked == 10)
    }

    @Test("record, delivery outcome, newest first, and the previous successful run")
    func roundTrip() throws {
        let history = RunHistory(store: try ProfileStore(path: try copy("job/profiles.db")))
        func run(_ seconds: Double, _ status: RunRecord.Status, drifted: [String: String] = [:], result: String? = nil) -> RunRecord {
            RunRecord(
                model: "churn", profileVersion: 1, startedAt: Date(timeIntervalSince1970: seconds), windowStart: nil,
                windowEnd: nil, status: status, error: status == .failure ? "no such table" : nil,
                driftedFeatures: drifted, resultJSON: result)
        }
        let first = try history.record(run(100, .success, drifted: ["age": "ks", "multivariate:mmd": "mmd"], result: #"{"n":1}"#))
        let failed = try history.record(run(200, .failure))
        let current = try history.record(run(300, .success, result: #"{"n":3}"#))
        try history.markDelivered(current, metrics: true, alerts: false, error: "alertmanager: HTTP 500")

        let runs = try history.history(model: "churn")
        #expect(runs.map(\.id) == [current, failed, first])
        #expect(runs[0].metricsDelivered == true && runs[0].alertsDelivered == false)
        #expect(runs[0].deliveryError == "alertmanager: HTTP 500")
        #expect(runs[1].status == .failure && runs[1].error == "no such table" && runs[1].metricsDelivered == nil)
        #expect(try history.history(model: "churn", limit: 1).map(\.id) == [current])
        #expect(try history.history(model: "fraud").isEmpty)
        // The previous *successful* run before the current one: the failure in between is skipped.
        #expect(try history.lastDrifted(model: "churn", before: current) == ["age": "ks", "multivariate:mmd": "mmd"])
        #expect(try history.lastSuccessfulResult(model: "churn", before: current) == #"{"n":1}"#)
        #expect(try history.lastDrifted(model: "churn", before: first).isEmpty)
        #expect(try history.lastSuccessfulResult(model: "churn", before: first) == nil)
    }
}
