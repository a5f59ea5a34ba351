import DriftMonitor
import DriftProfiles
import DriftStatistics
import DriftTestSupport
import Foundation
import GRDB
import Testing

/// The data-health alerts end to end: a production table with hourly traffic on a daily cycle,
/// five weeks of run history, the real Alertmanager and Pushgateway.
@Suite("performCheck: data-health alerts", .serialized)
struct HealthEndToEndTests {
    /// Hours since 2019-04-01T00:00Z of the first test window's end: 2019-05-20T10:00Z.
    static let firstHour = 49 * 24 + 10

    /// A private production table: the fixture's clean hour [06:00, 07:00) on 2019-04-30 is the
    /// template; each test hour gets its first `rows` rows, shifted into the hour.
    struct Production {
        let path: String
        let template: [Row]

        init(folder: URL) throws {
            path = folder.appendingPathComponent("production.db").path
            try FileManager.default.copyItem(atPath: fixturePath("production/predictions.db"), toPath: path)
            let queue = try DatabaseQueue(path: path)
            template = try queue.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM predictions WHERE ts >= '2019-04-30 06' AND ts < '2019-04-30 07' ORDER BY ts")
            }
            try queue.close()
        }

        /// Adds `rows` rows to the window ending at `hour`; `ageMissing` of them have no `age`.
        func fill(hour: Int, rows: Int, ageMissing: Double = 0) throws {
            let queue = try DatabaseQueue(path: path)
            let start = try hourWindow(hour).start
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = "yyyy-MM-dd HH"
            let prefix = formatter.string(from: start)
            try queue.write { db in
                for (index, row) in template.prefix(rows).enumerated() {
                    var values: [String: (any DatabaseValueConvertible)?] = [:]
                    for column in row.columnNames where column != "id" { values[column] = row[column] as DatabaseValue }
                    let ts: String = row["ts"]
                    values["ts"] = prefix + ts.dropFirst(13)   // same minute, second and fraction
                    if Double(index) < ageMissing * Double(rows) { values["age"] = nil as Double? }
                    let columns = values.keys.sorted()
                    try db.execute(
                        sql: "INSERT INTO predictions (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))",
                        arguments: StatementArguments(columns.map { values[$0] ?? nil }))
                }
            }
            try queue.close()
        }
    }

    /// Five weeks of successful hourly runs before the first test window, as the job would have
    /// recorded them (row counts with the daily cycle and seeded noise).
    func seedHistory(_ configuration: CheckConfiguration) throws {
        let history = RunHistory(store: try ProfileStore(path: configuration.profiles))
        var traffic = HourlyTraffic(seed: SplitMix64.defaultSeed &+ 15)
        var dayFactor = 1.0
        for hour in (Self.firstHour - 24 * 35)..<Self.firstHour {
            if hour % 24 == 0 { dayFactor = traffic.dayFactor() }
            let window = try hourWindow(hour)
            _ = try history.record(RunRecord(
                model: configuration.model, profileVersion: 1, startedAt: window.end.addingTimeInterval(60),
                windowStart: window.start, windowEnd: window.end, status: .success,
                productionRows: traffic.rows(hour: hour, dayFactor: dayFactor)))
        }
    }

    func healthAlerts(model: String) async throws -> [[String: String]] {
        let alerts = try await getJSON(try TestStack.url(.alertmanager), "api/v2/alerts",
                                       query: [URLQueryItem(name: "filter", value: "model=\"\(model)\"")]) as? [[String: Any]] ?? []
        return alerts.compactMap { $0["labels"] as? [String: String] }
            .filter { Self.healthAlertNames.contains($0["alertname"] ?? "") && $0["job"] == nil }   // the job's own, not the rules'
    }

    static let healthAlertNames: Set<String> = ["ProductionVolumeAnomaly", "ProductionDataStale", "FeatureMissingSpike"]

    /// Polls Alertmanager until the model's health alerts are `expected` (alertname[:label]).
    func expectAlerts(_ model: String, _ expected: Set<String>, _ comment: Comment) async throws {
        let seen = try await poll(timeout: 20) { () async throws -> Set<String>? in
            let names = Set(try await healthAlerts(model: model).map { labels in
                [labels["alertname"], labels["direction"] ?? labels["feature"]].compactMap { $0 }.joined(separator: ":")
            })
            return names == expected ? names : nil
        }
        #expect(seen == expected, comment)
    }

    @Test("normal, 30 % volume, missing spike, empty and stale hours each alert once; the next normal hour resolves each",
          .enabled(if: TestStack.runs(.pushgateway, .alertmanager), Comment(rawValue: TestStack.skipServers)))
    func lifecycle() async throws {
        let model = TestStack.uniqueName("dw_health")
        let pushgateway = try TestStack.url(.pushgateway)
        let alertmanager = try TestStack.url(.alertmanager)
        var configuration = try fixtureJob(model: model) {
            $0.pushgateway = PushgatewayConfiguration(url: pushgateway, job: "driftwatch_tests")
            $0.alertmanager = AlertmanagerConfiguration(url: alertmanager)
            $0.multivariate = nil
        }
        let production = try Production(folder: URL(fileURLWithPath: configuration.profiles).deletingLastPathComponent())
        configuration.production.sqlite = production.path
        try seedHistory(configuration)
        func usual(_ hour: Int) -> Int { Int(HourlyTraffic.mean(hour: hour).rounded()) }
        func check(_ hour: Int) async throws -> CheckJobResult {
            let result = try await performCheck(configuration, windowEnd: try hourWindow(hour).end, logger: quietLogger)
            #expect(result.inputFailure == nil && result.deliveryErrors.isEmpty, "\(result.inputFailure ?? "") \(result.deliveryErrors)")
            return result
        }
        let h = Self.firstHour

        // A normal hour: a seasonal baseline, nothing found.
        try production.fill(hour: h, rows: usual(h))
        let normal = try await check(h)
        let volume = try #require(normal.run?.health?.volume)
        #expect(volume.baseline?.basis == .seasonal && volume.baseline?.runs == 10 && volume.anomaly == nil, "\(volume)")
        #expect(normal.run?.health?.freshness?.stale == false && normal.run?.health?.spikedFeatures == [])
        #expect(normal.exitCode == .noDrift)
        try await expectAlerts(model, [], "normal hour")
        let pushed = try #require(try await CheckJobServerTests().pushedGroup(job: "driftwatch_tests", model: model))
        let rows = (pushed["drift_production_rows"] as? [String: Any])?["metrics"] as? [[String: Any]]
        let expectedRows = "\(usual(h))"
        #expect(rows?.first?["value"] as? String == expectedRows)
        let bounds = ((pushed["drift_production_rows_expected"] as? [String: Any])?["metrics"] as? [[String: Any]])?
            .compactMap { ($0["labels"] as? [String: String])?["bound"] }
        #expect(Set(bounds ?? []) == ["lower", "upper"])

        // 30 % of the usual rows: volume low.
        try production.fill(hour: h + 1, rows: usual(h + 1) * 3 / 10)
        let low = try await check(h + 1)
        #expect(low.run?.health?.volume?.anomaly == .low && low.exitCode == .driftFound)
        try await expectAlerts(model, ["ProductionVolumeAnomaly:low"], "30 % hour")

        // Back to normal: resolved.
        try production.fill(hour: h + 2, rows: usual(h + 2))
        _ = try await check(h + 2)
        try await expectAlerts(model, [], "normal after low")

        // age is missing in 60 % of the rows: that feature's spike only.
        try production.fill(hour: h + 3, rows: usual(h + 3), ageMissing: 0.6)
        let spike = try await check(h + 3)
        #expect(spike.run?.health?.spikedFeatures == ["age"])
        try await expectAlerts(model, ["FeatureMissingSpike:age"], "missing spike")

        try production.fill(hour: h + 4, rows: usual(h + 4))
        _ = try await check(h + 4)
        try await expectAlerts(model, [], "normal after spike")

        // An empty hour: volume low (the newest row is an hour old: not stale yet).
        let empty = try await check(h + 5)
        #expect(empty.run?.productionRows == 0 && empty.run?.health?.freshness?.stale == false)
        try await expectAlerts(model, ["ProductionVolumeAnomaly:low"], "empty hour")

        // Two more empty hours: the newest row is now three hours old: stale too.
        let stale = try await check(h + 7)
        let freshness = try #require(stale.run?.health?.freshness)
        let staleEnd = try hourWindow(h + 7).end
        #expect(freshness.stale && (freshness.age(at: staleEnd) ?? 0) > 3 * 3_600 - 60)
        try await expectAlerts(model, ["ProductionVolumeAnomaly:low", "ProductionDataStale"], "stale")

        // The next normal hour resolves both.
        try production.fill(hour: h + 8, rows: usual(h + 8))
        let recovered = try await check(h + 8)
        #expect(recovered.run?.hasHealthFindings == false)
        #expect(recovered.alerts.filter { $0.endsAt == $0.startsAt && Self.healthAlertNames.contains($0.labels["alertname"] ?? "") }
            .map { $0.labels["alertname"] ?? "" }.sorted()
            == ["ProductionDataStale", "ProductionVolumeAnomaly"])
        try await expectAlerts(model, [], "recovered")
        try await PushgatewayClient(configuration: try #require(configuration.pushgateway)).deleteGroup(model: model)
    }

    @Test("a backfill judges a past hour with the history before it only, as the live run did")
    func backfill() async throws {
        let model = TestStack.uniqueName("dw_health_backfill")
        var configuration = try fixtureJob(model: model) { $0.multivariate = nil }
        let production = try Production(folder: URL(fileURLWithPath: configuration.profiles).deletingLastPathComponent())
        configuration.production.sqlite = production.path
        try seedHistory(configuration)
        let h = Self.firstHour
        try production.fill(hour: h, rows: 100)
        let live = try await performCheck(configuration, windowEnd: try hourWindow(h).end, logger: quietLogger)
        // Later runs (here: many hours of 100 rows) must not change the verdict on hour h.
        let history = RunHistory(store: try ProfileStore(path: configuration.profiles))
        for hour in (h + 1)..<(h + 24 * 8) {
            let window = try hourWindow(hour)
            _ = try history.record(RunRecord(model: model, profileVersion: 1, startedAt: window.end, windowStart: window.start,
                                             windowEnd: window.end, status: .success, productionRows: 100))
        }
        let backfill = try await performCheck(configuration, windowEnd: try hourWindow(h).end, logger: quietLogger)
        #expect(live.run?.health?.volume == backfill.run?.health?.volume)
        #expect(live.run?.health?.volume?.anomaly == .low)
    }
}
