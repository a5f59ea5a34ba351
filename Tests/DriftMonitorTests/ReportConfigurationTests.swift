import DriftMonitor
import Foundation
import Testing

@Suite("CheckConfiguration: report")
struct ReportConfigurationTests {
    func load(_ yaml: String) throws -> ReportConfiguration? { try loadMinimal(plus: yaml).report }

    func loadError(_ yaml: String) throws -> String { try loadMinimalError(plus: yaml) }

    @Test("no report block, no report; dir resolves against the file's folder, keep defaults to a week of hours")
    func defaults() throws {
        #expect(try load("") == nil)
        let report = try #require(try load("report: {dir: reports}"))
        #expect(report.directory.hasSuffix("/reports") && report.directory.hasPrefix("/"))
        #expect(report.urlTemplate == nil && report.keep == 168 && report.historyRuns == 48)
        #expect(report.url(model: "churn", run: 7) == URL(fileURLWithPath: report.directory + "/churn/7.html").absoluteString)
    }

    @Test("url, keep and history_runs are read; the link and the file agree on the folder name")
    func knobs() throws {
        let report = try #require(try load("""
            report:
              dir: /var/lib/driftwatch/reports
              url: https://reports.example.com/{model}/{run}.html
              keep: 24
              history_runs: 12
            """))
        #expect(report.keep == 24 && report.historyRuns == 12)
        #expect(report.url(model: "churn v2/../x", run: 42) == "https://reports.example.com/churn_v2_.._x/42.html")
        #expect(report.path(model: "churn v2/../x", run: 42) == "/var/lib/driftwatch/reports/churn_v2_.._x/42.html")
        #expect(ReportConfiguration.folderName("..") == "_")
    }

    @Test("bad report settings are one line naming the key and its line", arguments: [
        ("report: {url: 'https://r.example.com/{run}'}", "missing required key report.dir"),
        ("report: {dir: r, url: 'https://r.example.com/{model}.html'}", "report.url: needs {run}"),
        ("report: {dir: r, url: 'reports/{run}.html'}", "is not an http(s) URL template"),
        ("report: {dir: r, keep: 0}", "report.keep: must be at least 1"),
        ("report: {dir: r, history_runs: 1}", "report.history_runs: must be between 2 and 10000"),
        ("report: {dir: r, colour: blue}", "colour"),
    ])
    func errors(yaml: String, expected: String) throws {
        let error = try loadError(yaml)
        #expect(error.contains(expected), "\(error)")
        #expect(error.contains(".yml:7:"), "\(error)")
        #expect(!error.contains("\n"))
    }
}
