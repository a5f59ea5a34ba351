import DriftTestSupport
import Foundation
import Testing

/// The report as a real browser renders it: Debian's headless Chromium.
@Suite("driftwatch report in a browser", .enabled(if: Chromium.runs, Comment(rawValue: Chromium.skip)))
struct ReportBrowserTests {
    @Test("Chromium renders the fixtures' report: not blank, both palette colours drawn, no console message, the sorting script ran")
    func renders() throws {
        let folder = try temporaryDirectory()
        let page = folder.appendingPathComponent("report.html").path
        let report = try driftwatch(["report", fixturePath("churn/reference.csv"), fixturePath("churn/production-drifted.csv"),
                                     "--output", page])
        #expect(report.status == 0, "\(report.standardError)")

        // A half-size rendering keeps the pure-Python decoding quick.
        let png = folder.appendingPathComponent("report.png").path
        let shot = try Chromium.run(["--window-size=1280,2400", "--force-device-scale-factor=0.5", "--hide-scrollbars",
                                     "--screenshot=\(png)"], page: page)
        #expect(Chromium.consoleMessages(shot.log).isEmpty, "\(Chromium.consoleMessages(shot.log))")
        let stats = try PNGStatistics.of(png)
        #expect(stats.width == 640 && stats.height == 1200, "\(stats)")
        #expect(stats.variance > 500, "a blank page has no variance: \(stats)")
        #expect(stats.blue > 300 && stats.orange > 300, "the plots' colours are missing: \(stats)")

        // The DOM after scripts ran: the sorting script made every heading focusable.
        let dom = try Chromium.run(["--dump-dom"], page: page)
        #expect(Chromium.consoleMessages(dom.log).isEmpty, "\(Chromium.consoleMessages(dom.log))")
        #expect(dom.output.components(separatedBy: "<th ").count - 1 == 12, "\(dom.output.prefix(300))")
        #expect(dom.output.components(separatedBy: "tabindex=\"0\"").count - 1 == 12)
    }

    @Test("a page with a script error is caught: the console check is not vacuous")
    func consoleErrorsAreSeen() throws {
        let page = try temporaryFile("<!DOCTYPE html><html><body><script>undefinedFunction();</script></body></html>", name: "broken.html")
        let result = try Chromium.run(["--dump-dom"], page: page)
        #expect(Chromium.consoleMessages(result.log).contains { $0.contains("undefinedFunction") }, "\(result.log.suffix(500))")
    }
}
