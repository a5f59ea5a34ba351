@testable import DriftMonitor
import DriftSources
import DriftTestSupport
import Foundation
import GRDB
import Testing

@Suite("DataHealth")
struct DataHealthTests {
    // MARK: - Missing-value spikes

    @Test("a spike needs both significance and the minimum change; an empty window or reference is no spike")
    func missingSpike() {
        let rule = HealthConfiguration.Missing()
        func check(_ reference: (Int, Int), _ production: (Int, Int), rule: HealthConfiguration.Missing = rule) -> DataHealth.MissingCheck {
            DataHealth.missingCheck(feature: "age", reference: reference, production: production, rule: rule, alpha: 0.01)
        }
        // 1 % → 60 %: both.
        let spike = check((1_000, 100_000), (240, 400))
        #expect(spike.spiked && spike.pValue < 1e-100)
        #expect(spike.referenceRatio == 0.01 && spike.productionRatio == 0.6)
        // 1 % → 4 % on 100 000 rows: significant, but below the 5-point minimum change.
        let small = check((1_000, 100_000), (4_000, 100_000))
        #expect(small.pValue < 1e-10 && !small.spiked)
        // 1 % → 10 % on 20 rows: a large change, not significant on so few rows.
        let few = check((1_000, 100_000), (2, 20))
        #expect(few.pValue > 0.01 && !few.spiked)
        // A fall is never a spike.
        #expect(!check((10_000, 100_000), (0, 400)).spiked)
        // Empty sides.
        #expect(check((0, 0), (10, 10)).pValue == 1 && !check((0, 0), (10, 10)).spiked)
        #expect(check((10, 1_000), (0, 0)).productionRatio == 0 && !check((10, 1_000), (0, 0)).spiked)
        // The rule's own alpha wins over the job's (0.01 here); its min_change can be 0.
        // 1 % → 2 % on 400 rows: p ≈ 0.05.
        let mild = check((1_000, 100_000), (8, 400), rule: HealthConfiguration.Missing(alpha: nil, minChange: 0))
        #expect(mild.pValue > 0.01 && mild.pValue < 0.1 && !mild.spiked)
        #expect(check((1_000, 100_000), (8, 400), rule: HealthConfiguration.Missing(alpha: 0.1, minChange: 0)).spiked)
    }

    // MARK: - Freshness against a real SQLite source

    /// A production database with rows at the given Unix seconds.
    func database(_ times: [Double]) throws -> SQLiteProductionSource {
        let path = try temporaryDirectory().appendingPathComponent("production.db").path
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (ts TEXT NOT NULL, x REAL); CREATE INDEX t_ts ON t (ts)")
            for time in times {
                try db.execute(sql: "INSERT INTO t VALUES (?, 1.0)", arguments: [RFC3339.format(Date(timeIntervalSince1970: time))])
            }
        }
        try queue.close()
        return SQLiteProductionSource(path: path, source: .table("t"), timestampColumn: "ts")
    }

    @Test("the newest row comes from the window when it has rows, else from a search back; none within the search is stale")
    func freshness() throws {
        let end = Date(timeIntervalSince1970: 1_556_625_600)   // 2019-04-30T12:00:00Z
        let window = try TimeWindow(end: end, duration: 3_600)
        let rule = HealthConfiguration.Freshness()
        let t = end.timeIntervalSince1970
        // Rows in the window: its newest one; a row after the end does not count.
        let live = try database([t - 7_200, t - 1_000, t - 10, t + 5])
        let sample = try live.read(window: window, features: [])
        #expect(sample.newestTimestamp == Date(timeIntervalSince1970: t - 10))
        let fresh = try DataHealth.freshness(source: live, sample: sample, window: window, rule: rule)
        #expect(fresh.newest == Date(timeIntervalSince1970: t - 10) && !fresh.stale && fresh.maxAge == 7_200)

        // An empty window: searched back hour by hour; three hours old is stale at the 2 h default.
        let late = try database([t - 20_000, t - 3 * 3_600 - 30])
        let empty = try late.read(window: window, features: [])
        #expect(empty.rowCount == 0 && empty.newestTimestamp == nil)
        let stale = try DataHealth.freshness(source: late, sample: empty, window: window, rule: rule)
        #expect(stale.newest == Date(timeIntervalSince1970: t - 3 * 3_600 - 30))
        #expect(stale.stale && stale.age(at: end) == 3 * 3_600 + 30 && stale.searched == 4 * 3_600)
        // Within a longer limit it is fresh.
        let patient = try DataHealth.freshness(source: late, sample: empty, window: window, rule: .init(maxAge: 4 * 3_600))
        #expect(!patient.stale)

        // Nothing within four times the limit: stale, the newest row unknown.
        let gone = try database([t - 40_000])
        let lost = try DataHealth.freshness(source: gone, sample: try gone.read(window: window, features: []), window: window, rule: rule)
        #expect(lost.newest == nil && lost.stale && lost.searched == 8 * 3_600)
    }

    // MARK: - Alerts

    static let configuration = DriftAlertsTests.configuration
    static let now = DriftAlertsTests.now

    func run(_ health: DataHealth?) -> CheckRun {
        var run = Runs.run(model: "churn", features: [Runs.numeric("age", p: 0.4)])
        run.health = health
        return run
    }

    static let band = VolumeBaseline(
        observations: (1...6).map {
            VolumeObservation(windowStart: Runs.windowEnd.addingTimeInterval(-Double($0 + 1) * 3_600),
                              windowEnd: Runs.windowEnd.addingTimeInterval(-Double($0) * 3_600), rows: 400)
        },
        window: try! TimeWindow(end: Runs.windowEnd, duration: 3_600), rule: HealthConfiguration.Volume())

    func health(rows: Int, stale: Bool = false, spiked: [String] = []) -> DataHealth {
        let newest = Runs.windowEnd.addingTimeInterval(stale ? -3 * 3_600 : -60)
        return DataHealth(
            volume: DataHealth.Volume(rows: rows, baseline: Self.band),
            freshness: DataHealth.Freshness(newest: newest, windowEnd: Runs.windowEnd, maxAge: 7_200, searched: 3_600),
            missing: ["age", "tenure"].map {
                DataHealth.MissingCheck(feature: $0, referenceRatio: 0.01, productionRatio: spiked.contains($0) ? 0.6 : 0.01,
                                        pValue: spiked.contains($0) ? 1e-90 : 0.5, spiked: spiked.contains($0))
            })
    }

    func healthAlerts(_ alerts: [Alert]) -> [Alert] {
        alerts.filter { ["ProductionVolumeAnomaly", "ProductionDataStale", "FeatureMissingSpike"].contains($0.labels["alertname"] ?? "") }
    }

    @Test("a healthy window, or no health checks at all: no health alert")
    func healthy() {
        #expect(healthAlerts(driftAlerts(for: run(health(rows: 400)), previouslyDrifted: [:], configuration: Self.configuration, now: Self.now)).isEmpty)
        #expect(healthAlerts(driftAlerts(for: run(nil), previouslyDrifted: [:], configuration: Self.configuration, now: Self.now)).isEmpty)
    }

    @Test("each finding fires its alert with the documented labels and a description with the numbers")
    func firing() throws {
        let alerts = healthAlerts(driftAlerts(
            for: run(health(rows: 120, stale: true, spiked: ["tenure"])), previouslyDrifted: [:],
            configuration: Self.configuration, now: Self.now))
        #expect(alerts.map { $0.labels["alertname"] } == ["ProductionVolumeAnomaly", "ProductionDataStale", "FeatureMissingSpike"])
        let volume = try #require(alerts.first)
        #expect(volume.labels == ["alertname": "ProductionVolumeAnomaly", "model": "churn", "direction": "low", "severity": "page"])
        #expect(volume.endsAt == Self.now.addingTimeInterval(3_600))
        #expect(volume.annotations["description"] == "120 rows in window [2024-05-31T23:00:00.000Z, 2024-06-01T00:00:00.000Z); expected 280–520 (median 400 of 6 most recent runs)")
        #expect(volume.annotations["runbook_url"] == "https://runbooks.example.com/drift/churn/volume")
        #expect(alerts[1].labels == ["alertname": "ProductionDataStale", "model": "churn", "severity": "page"])
        #expect(alerts[1].annotations["description"]?.hasPrefix("the newest row is from 2024-05-31T21:00:00.000Z, 3h before the window's end; the limit is 2h") == true)
        #expect(alerts[2].labels == ["alertname": "FeatureMissingSpike", "model": "churn", "feature": "tenure", "severity": "page"])
        #expect(alerts[2].annotations["description"]?.hasPrefix("missing share 60.0% in window") == true)
        // Too many rows is the other direction.
        let high = healthAlerts(driftAlerts(for: run(health(rows: 2_000)), previouslyDrifted: [:], configuration: Self.configuration, now: Self.now))
        #expect(high.map { $0.labels["direction"] } == ["high"])
    }

    @Test("what the previous run found and this one does not is resolved with the same labels; what persists is re-fired only")
    func resolving() {
        let previous = health(rows: 120, stale: true, spiked: ["tenure", "age"])
        let alerts = healthAlerts(driftAlerts(
            for: run(health(rows: 400, spiked: ["age"])), previouslyDrifted: [:], previousHealth: previous,
            configuration: Self.configuration, now: Self.now))
        let resolved = alerts.filter { $0.endsAt == Self.now }
        let firing = alerts.filter { $0.endsAt > Self.now }
        #expect(Set(resolved.map { $0.labels }) == [
            ["alertname": "ProductionVolumeAnomaly", "model": "churn", "direction": "low", "severity": "page"],
            ["alertname": "ProductionDataStale", "model": "churn", "severity": "page"],
            ["alertname": "FeatureMissingSpike", "model": "churn", "feature": "tenure", "severity": "page"],
        ])
        #expect(firing.map { $0.labels["feature"] } == ["age"])
        // A direction change resolves the old direction and fires the new one.
        let flipped = healthAlerts(driftAlerts(
            for: run(health(rows: 2_000)), previouslyDrifted: [:], previousHealth: health(rows: 100),
            configuration: Self.configuration, now: Self.now))
        #expect(flipped.map { "\($0.labels["direction"] ?? ""):\($0.endsAt == Self.now)" } == ["high:false", "low:true"])
        // Health switched off since: the old findings resolve.
        let off = healthAlerts(driftAlerts(
            for: run(nil), previouslyDrifted: [:], previousHealth: previous, configuration: Self.configuration, now: Self.now))
        #expect(off.count == 4 && off.allSatisfy { $0.endsAt == Self.now })
    }

    // MARK: - Metrics and summary

    @Test("the metrics: rows, the expected band, the newest timestamp, one spike flag per feature")
    func metrics() {
        let parsed = ParsedMetrics(renderMetrics(run(health(rows: 120, spiked: ["tenure"]))))
        #expect(parsed.value("drift_production_rows") == 854)   // Runs.run's production rows
        #expect(parsed.value("drift_production_rows_expected", ["bound": "lower"]) == 280)
        #expect(parsed.value("drift_production_rows_expected", ["bound": "upper"]) == 520)
        #expect(parsed.value("drift_production_newest_timestamp_seconds") == Runs.windowEnd.timeIntervalSince1970 - 60)
        #expect(parsed.value("drift_feature_missing_spike", ["feature": "tenure"]) == 1)
        #expect(parsed.value("drift_feature_missing_spike", ["feature": "age"]) == 0)
        for name in ["drift_production_rows_expected", "drift_production_newest_timestamp_seconds", "drift_feature_missing_spike"] {
            #expect(parsed.type[name] == "gauge" && !(parsed.help[name] ?? "").isEmpty, "\(name)")
        }
        // Without a baseline or a newest row, those series are absent rather than 0.
        let bare = ParsedMetrics(renderMetrics(run(DataHealth(volume: .init(rows: 0, baseline: nil)))))
        #expect(bare.values("drift_production_rows_expected").isEmpty && bare.values("drift_production_newest_timestamp_seconds").isEmpty)
    }

    @Test("the summary lines say what was found, anomalies in capitals")
    func summary() {
        let lines = health(rows: 120, stale: true, spiked: ["tenure"]).summaryLines(windowEnd: Runs.windowEnd)
        #expect(lines == [
            "volume     120 rows, expected 280–520 (median 400 of 6 most recent runs) LOW",
            "freshness  newest row 2024-05-31T21:00:00.000Z, 3h before the window's end (limit 2h) STALE",
            "missing    2 features, 1 SPIKE",
            "  tenure 1.0% -> 60.0% (p=1e-90) SPIKE",
        ])
        let short = DataHealth(volume: .init(rows: 7, baseline: nil, reason: "not enough history (2 earlier runs found, 5 needed)"))
        #expect(short.summaryLines(windowEnd: Runs.windowEnd) == ["volume     7 rows (no baseline: not enough history (2 earlier runs found, 5 needed))"])
        #expect(!short.hasFindings)
    }
}
