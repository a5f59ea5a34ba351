import DriftMonitor
import DriftProfiles
import DriftTestSupport
import Foundation
import Testing

/// The job's HTML report: written after the run is recorded, pruned, never losing a run.
@Suite("performCheck: the run's HTML report")
struct ReportJobTests {
    @Test("each run writes its page under DIR/<model>/<id>.html; older pages are pruned to keep")
    func pagesAndPruning() async throws {
        let directory = try temporaryDirectory()
        let configuration = try fixtureJob {
            $0.multivariate = nil
            $0.report = ReportConfiguration(directory: directory.path)
            $0.report?.keep = 2
        }
        var ids: [Int64] = []
        for hour in [9, 10, 11] {
            let result = try await performCheck(configuration, windowEnd: hourEnd(hour), logger: quietLogger)
            #expect(result.deliveryErrors.isEmpty, "\(result.deliveryErrors)")
            let id = try #require(result.historyID)
            ids.append(id)
            let path = try #require(configuration.report).path(model: "churn", run: id)
            #expect(result.reportURL == URL(fileURLWithPath: path).absoluteString)
            let tree = try XMLTree.parse(try String(contentsOfFile: path, encoding: .utf8))
            #expect(tree.elements("h1").first?.text == "Drift report: churn, run \(id)")
        }
        let pages = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("churn").path).sorted()
        #expect(pages == ids.suffix(2).map { "\($0).html" }.sorted())

        // The drifted hour's page: a plot per tested feature and the drifted features' p-value history.
        let last = try XMLTree.parse(try String(contentsOfFile: try #require(configuration.report).path(model: "churn", run: ids[2]), encoding: .utf8))
        #expect(last.all.filter { $0.name == "figure" && $0.hasClass("plot") }.count == 10)
        let history = last.all.filter { $0.name == "figure" && $0.hasClass("history-plot") }
        #expect(Set(history.compactMap { $0.attributes["data-feature"] }) == ["monthly_charges", "total_charges", "support_calls", "contract"])
        // Three runs so far: three points per series (hours 9, 10 and 11).
        #expect(history.allSatisfy { $0.elements("circle").count == 3 })
    }

    @Test("a report that cannot be written is a delivery error (exit 3): the run stays recorded with the error")
    func failureKeepsTheRun() async throws {
        let blocker = try temporaryFile("not a folder", name: "reports")
        let configuration = try fixtureJob {
            $0.multivariate = nil
            $0.report = ReportConfiguration(directory: blocker)
        }
        let result = try await performCheck(configuration, windowEnd: hourEnd(11), logger: quietLogger)
        #expect(result.exitCode == .deliveryFailed)
        #expect(result.reportURL == nil)
        #expect(result.deliveryErrors.count == 1 && result.deliveryErrors.first?.hasPrefix("report: \(blocker)/churn/") == true,
                "\(result.deliveryErrors)")
        let record = try #require(try RunHistory(store: ProfileStore(path: configuration.profiles)).history(model: "churn").first)
        #expect(record.status == .success && record.id == result.historyID)
        #expect(record.deliveryError?.hasPrefix("report: ") == true)
    }

    @Test("a run recorded before runs kept their distributions gets notes in place of its plots")
    func oldRun() async throws {
        let configuration = try fixtureJob { $0.multivariate = nil }
        let result = try await performCheck(configuration, windowEnd: hourEnd(11), logger: quietLogger)
        let id = try #require(result.historyID)
        let history = RunHistory(store: try ProfileStore(path: configuration.profiles))
        var record = try #require(try history.run(model: "churn", id: id))
        // Strip what older versions did not record, and record that as a new run.
        let text = try #require(record.resultJSON)
        var object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        object["features"] = (object["features"] as? [[String: Any]] ?? []).map { feature in
            var feature = feature
            feature["distribution"] = nil
            return feature
        }
        record.resultJSON = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        let oldID = try history.record(record)
        let (html, _) = try runReportHTML(history: history, model: "churn", id: oldID)
        let tree = try XMLTree.parse(html)
        #expect(tree.all.filter { $0.name == "figure" && $0.hasClass("plot") }.isEmpty)
        let notes = tree.all.filter { $0.hasClass("no-plot") }.map(\.text)
        #expect(notes.filter { $0.contains("recorded before runs kept their production distributions") }.count == 10, "\(notes)")
        // The numbers are still there.
        #expect(tree.elements("tbody").first?.elements("tr").count == 10)
        // Asking for a run that does not exist names it and the database.
        #expect(throws: RunReportError.self) { try runReportHTML(history: history, model: "churn", id: 999_999) }
        #expect((try? runReportHTML(history: history, model: "nope")) == nil)
    }
}

/// The report link in the alerts, read back from the real Alertmanager.
@Suite("performCheck: report_url in Alertmanager",
       .enabled(if: TestStack.runs(.alertmanager), Comment(rawValue: TestStack.skipServers)))
struct ReportAlertTests {
    func activeAlerts(model: String) async throws -> [[String: Any]] {
        try await getJSON(try TestStack.url(.alertmanager), "api/v2/alerts",
                          query: [URLQueryItem(name: "filter", value: "model=\"\(model)\"")]) as? [[String: Any]] ?? []
    }

    @Test("every drift and data-health alert links to the run's page, and the link names the written file")
    func reportURL() async throws {
        let model = TestStack.uniqueName("dw_report")
        let alertmanager = try TestStack.url(.alertmanager)
        let directory = try temporaryDirectory()
        let configuration = try fixtureJob(model: model) {
            $0.alertmanager = AlertmanagerConfiguration(url: alertmanager)
            $0.report = ReportConfiguration(directory: directory.path, urlTemplate: "https://reports.example.com/{model}/{run}.html")
        }
        // Hour 11 drifts (four features and both multivariate tests).
        let drifted = try await performCheck(configuration, windowEnd: hourEnd(11), logger: quietLogger)
        #expect(drifted.exitCode == .driftFound, "\(drifted.deliveryErrors)")
        let id = try #require(drifted.historyID)
        let url = "https://reports.example.com/\(model)/\(id).html"
        #expect(drifted.reportURL == url)
        let firing = try #require(try await poll(timeout: 10) { () async throws -> [[String: Any]]? in
            let alerts = try await activeAlerts(model: model)
            return alerts.count >= 6 ? alerts : nil
        })
        let names = firing.compactMap { ($0["labels"] as? [String: String])?["alertname"] }
        #expect(names.filter { $0 == "FeatureDrift" }.count == 4 && names.filter { $0 == "MultivariateDrift" }.count == 2, "\(names)")
        for alert in firing {
            #expect((alert["annotations"] as? [String: String])?["report_url"] == url, "\(alert)")
        }
        // The link's path is the page's path under the report folder.
        let path = directory.path + (URL(string: url)?.path ?? "")
        let tree = try XMLTree.parse(try String(contentsOfFile: path, encoding: .utf8))
        #expect(tree.elements("h1").first?.text == "Drift report: \(model), run \(id)")

        // Hours later the data is stale: ProductionDataStale links to that run's page.
        let stale = try await performCheck(configuration, windowEnd: hourEnd(15), logger: quietLogger)
        let staleURL = try #require(stale.reportURL)
        let staleAlert = try #require(try await poll(timeout: 10) { () async throws -> [String: Any]? in
            try await activeAlerts(model: model).first { ($0["labels"] as? [String: String])?["alertname"] == "ProductionDataStale" }
        })
        #expect((staleAlert["annotations"] as? [String: String])?["report_url"] == staleURL)
        #expect(FileManager.default.fileExists(atPath: directory.path + (URL(string: staleURL)?.path ?? "")))
        // Resolve what this test fired, so later tests see a quiet Alertmanager for other models.
        let resolved = stale.alerts.map { alert -> Alert in
            var alert = alert
            alert.endsAt = alert.startsAt
            return alert
        }
        try await AlertmanagerClient(configuration: AlertmanagerConfiguration(url: alertmanager)).post(resolved)
    }
}
