@testable import DriftHTML
import DriftReport
import DriftStatistics
import DriftTables
import DriftTestSupport
import Foundation
import Testing

@Suite("Report page")
struct ReportPageTests {
    static let hostile = #"<b>"R&D;"</b> & <script>alert(1)</script>"#

    /// A comparison with a drifted numeric feature (named with markup characters), a steady
    /// one, a categorical feature with an unseen category, a constant one (no PSI bins) and
    /// one with too few values.
    func page() throws -> (ReportPage, ComparisonReport) {
        var generator = SplitMix64(seed: 7)
        func uniform(_ count: Int, shift: Double) -> [Double] {
            (0..<count).map { _ in Double(generator.next() % 10_000) / 100 + shift }
        }
        let reference = [
            ColumnSample(name: Self.hostile, kind: .numeric, values: uniform(400, shift: 0), rowCount: 400),
            ColumnSample(name: "steady", kind: .numeric, values: uniform(400, shift: 0), rowCount: 400),
            ColumnSample(name: "plan", kind: .categorical, categories: ["basic": 300, "pro": 100], rowCount: 400),
            ColumnSample(name: "constant", kind: .numeric, values: Array(repeating: 1, count: 400), rowCount: 400),
            ColumnSample(name: "rare", kind: .numeric, values: uniform(400, shift: 0), rowCount: 400),
        ]
        let production = [
            ColumnSample(name: Self.hostile, kind: .numeric, values: uniform(300, shift: 30), rowCount: 300),
            ColumnSample(name: "steady", kind: .numeric, values: uniform(300, shift: 0), rowCount: 300),
            ColumnSample(name: "plan", kind: .categorical, categories: ["basic": 150, "pro": 100, "trial": 50], rowCount: 300),
            ColumnSample(name: "constant", kind: .numeric, values: Array(repeating: 1, count: 299) + [2], rowCount: 300),
            ColumnSample(name: "rare", kind: .numeric, values: uniform(5, shift: 0), rowCount: 300),
        ]
        var options = ComparisonOptions()
        options.multivariate = nil
        options.policy.minSamples = 50
        let report = try compareColumns(reference: reference, production: production, options: options)
        var values: [String: FeatureValues] = [:]
        for (left, right) in zip(reference, production) where left.kind == .numeric {
            values[left.name] = FeatureValues(reference: left.values, production: right.values)
        }
        let page = ReportPage(comparison: report, values: values, title: "Drift report", facts: [.init("reference", Self.hostile)])
        return (page, report)
    }

    @Test("the page is well-formed XML with exactly our one script, and user text comes back as text")
    func wellFormed() throws {
        let (page, _) = try page()
        let html = page.html()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        let tree = try XMLTree.parse(html)
        #expect(tree.name == "html")
        #expect(tree.elements("script").count == 1)
        #expect(tree.elements("b").isEmpty)
        #expect(tree.elements("dd").first?.text == Self.hostile)
        #expect(tree.elements("h3").contains { $0.allText.hasPrefix(Self.hostile) })
        #expect(tree.all.contains { $0.attributes["data-feature"] == Self.hostile })
    }

    @Test("no src or href leaves the page: every link is an anchor on it, and every anchor exists")
    func selfContained() throws {
        let tree = try XMLTree.parse(try page().0.html())
        let links = tree.all.flatMap { element in ["src", "href"].compactMap { element.attributes[$0] } }
        #expect(!links.isEmpty)
        let ids = Set(tree.all.compactMap { $0.attributes["id"] })
        for link in links {
            #expect(link.hasPrefix("#") && ids.contains(String(link.dropFirst())), "\(link)")
        }
        #expect(tree.elements("link").isEmpty && tree.elements("img").isEmpty && tree.elements("iframe").isEmpty)
    }

    @Test("one plot per tested feature, a note in its place for the others; drifted features first")
    func plots() throws {
        let (page, report) = try page()
        let tree = try XMLTree.parse(page.html())
        let sections = tree.all.filter { $0.name == "section" && $0.hasClass("feature") }
        #expect(sections.map { $0.attributes["data-feature"] ?? "" } == page.sections.map(\.name))
        #expect(sections.count == report.features.count)
        for (section, feature) in zip(sections, page.sections) {
            let figures = section.all.filter { $0.name == "figure" && $0.hasClass("plot") }
            let tested = report.features.first { $0.name == feature.name }?.status == .tested
            #expect(figures.count == (tested ? 1 : 0), "\(feature.name)")
            #expect(figures.allSatisfy { $0.elements("svg").count == 1 })
            #expect(section.all.contains { $0.hasClass("no-plot") } == !tested, "\(feature.name)")
        }
        let rare = try #require(sections.first { $0.attributes["data-feature"] == "rare" })
        #expect(rare.all.first { $0.hasClass("no-plot") }?.text.contains("insufficient_samples") == true)
        // The constant reference has no PSI bins: its ECDFs are drawn, the histogram says why not.
        let constant = try #require(sections.first { $0.attributes["data-feature"] == "constant" })
        #expect(constant.all.contains { $0.hasClass("panel-note") && $0.text.hasPrefix("No histogram:") })
        #expect(constant.all.contains { $0.hasClass("ecdf") })
        // The unseen category is marked.
        let plan = try #require(sections.first { $0.attributes["data-feature"] == "plan" })
        #expect(plan.all.contains { $0.hasClass("unseen") && $0.allText.contains("trial (new)") })
        #expect(plan.elements("figcaption").first?.text.contains("not in the reference: trial") == true)
        // Drifted rows lead the table.
        let rows = tree.elements("tbody").first?.elements("tr") ?? []
        let drifted = rows.map { $0.hasClass("drifted") }
        #expect(drifted.first == true && drifted == drifted.sorted { $0 && !$1 })
        #expect(rows.count == report.features.count)
        #expect(rows.allSatisfy { $0.elements("td").count == page.table.columns.count })
    }

    @Test("the summary counts what the report decided, and numeric cells carry their exact values")
    func summary() throws {
        let (page, report) = try page()
        let tree = try XMLTree.parse(page.html())
        let tested = report.features.filter { $0.status == .tested }.count
        let drifted = report.driftedFeatures.count
        #expect(drifted >= 2)
        let headline = try #require(tree.all.first { $0.hasClass("headline") })
        #expect(headline.text == "\(tested) of 5 features tested, \(drifted) drifted (\(displayPercent(Double(drifted) / Double(tested))) of those tested)")
        let column = try #require(page.table.columns.firstIndex(of: "p-value"))
        for row in tree.elements("tbody").first?.elements("tr") ?? [] {
            let cells = row.elements("td")
            let name = cells.first?.allText ?? ""
            let feature = try #require(report.features.first { $0.name == name })
            let cell = cells[column]
            #expect(cell.attributes["data-value"] == feature.primaryPValue.map { "\($0)" } ?? "none")
            #expect(cell.allText == displayNumber(feature.primaryPValue))
        }
    }
}
