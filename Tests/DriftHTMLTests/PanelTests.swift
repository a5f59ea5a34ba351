@testable import DriftHTML
import DriftTestSupport
import Foundation
import Testing

@Suite("Chart panels")
struct PanelTests {
    let area = PlotArea(x: 0, y: 0, width: 560, height: 300)

    /// The number in an attribute of an element.
    func number(_ element: XMLTree, _ name: String) -> Double { Double(element.attributes[name] ?? "") ?? .nan }

    @Test("the histogram draws one reference bar per PSI bin, its height proportional to the bin's share, and labels every edge")
    func histogram() throws {
        let bins = try #require(BinnedShares(edges: [0, 1, 2, 5, 10], reference: [10, 20, 30, 40], production: [40, 30, 20, 10]))
        let tree = try XMLTree.parse(histogramPanel(bins, area: area, feature: "age").markup)
        let bars = tree.all.filter { $0.name == "rect" && $0.hasClass("ref-bar") }
        #expect(bars.count == 4)
        let heights = bars.map { number($0, "height") }
        for (height, share) in zip(heights, [0.1, 0.2, 0.3, 0.4]) {
            #expect(abs(height / heights[3] - share / 0.4) < 0.01, "\(heights)")
        }
        #expect(bars.allSatisfy { abs(number($0, "width") - number(bars[0], "width")) < 0.011 })   // one slot per bin
        let ticks = tree.all.filter { $0.name == "text" && $0.hasClass("tick") }.map(\.text)
        for edge in ["0", "1", "2", "5", "10"] { #expect(ticks.contains(edge), "\(ticks)") }
        #expect(tree.all.contains { $0.hasClass("axis-title") && $0.text == "share of values (%)" })
        #expect(tree.all.contains { $0.name == "path" && $0.hasClass("prod-line") })
        #expect(tree.elements("title").first?.text == "[0, 1): reference 10.0% (10), production 40.0% (40)")
    }

    @Test("the ECDF panel marks the KS distance where it occurs, as long as D on the share axis")
    func ksMark() throws {
        let reference = try #require(CumulativeCurve.sorting([1, 2, 3, 4, 5, 6, 7, 8]))
        let production = try #require(CumulativeCurve.sorting([4, 5, 6, 7, 8, 9, 10, 11]))
        // At x = 3 the reference's ECDF is 3/8 and the production's 0: D = 0.375, reference above.
        let mark = KSMark(statistic: 0.375, location: 3, sign: 1)
        let tree = try XMLTree.parse(cumulativePanel(reference: reference, production: production, ks: mark, area: area, feature: "x").markup)
        let line = try #require(tree.all.first { $0.name == "line" && $0.hasClass("ks-mark") })
        let y = LinearScale(domain: 0...1, range: area.top...area.bottom, flipped: true)
        #expect(abs(number(line, "y1") - y.position(0.375)) < 0.01)
        #expect(abs(number(line, "y2") - y.position(0)) < 0.01)
        #expect(number(line, "x1") == number(line, "x2"))
        #expect(tree.all.contains { $0.hasClass("ks-label") && $0.text == "D = 0.375" })
        #expect(tree.all.filter { $0.name == "path" && ($0.hasClass("ref-line") || $0.hasClass("prod-line")) }.count == 2)
    }

    @Test("binned production curves are known at the interior edges only, and drawn as points there")
    func binnedCurve() throws {
        let curve = try #require(CumulativeCurve.binned(edges: [0, 1, 2, 3], counts: [1, 2, 1]))
        #expect(curve == .points([CurvePoint(x: 1, share: 0.25), CurvePoint(x: 2, share: 0.75)]))
        #expect(CumulativeCurve.binned(edges: [0, 1], counts: [1, 2]) == nil)
        let reference = try #require(CumulativeCurve.sorting([0.5, 1.5, 2.5]))
        let tree = try XMLTree.parse(cumulativePanel(reference: reference, production: curve, ks: nil, area: area, feature: "x").markup)
        #expect(tree.elements("circle").count == 2)
        #expect(!tree.all.contains { $0.hasClass("ks-mark") })
    }

    @Test("a large sample's ECDF is drawn through a bounded number of steps, each on the exact curve")
    func thinnedSteps() throws {
        let values = (0..<100_000).map { Double($0) }
        let curve = try #require(CumulativeCurve.sorting(values))
        let markup = cumulativePanel(reference: curve, production: curve, ks: nil, area: area, feature: "x", maximumSteps: 200).markup
        #expect(markup.utf8.count < 40_000, "\(markup.utf8.count) bytes")
        #expect(curve.share(atOrBelow: 49_999) == 0.5)
        #expect(curve.share(atOrBelow: -1) == 0)
    }

    @Test("categories: side-by-side bars per category, unseen ones labelled new, the long tail folded")
    func categories() throws {
        let names = ["a", "b", "fresh"] + (0..<30).map { "tail\($0)" }
        let reference = [50, 40, 0] + Array(repeating: 1, count: 30)
        let production = [30, 40, 20] + Array(repeating: 1, count: 30)
        let shares = try #require(CategoryShares(names: names, reference: reference, production: production, limit: 10))
        #expect(shares.shown.count == 10 && shares.folded.count == 23)
        #expect(shares.unseen == ["fresh"])
        let tree = try XMLTree.parse(categoryPanel(shares, x: 0, y: 0, width: 1120, feature: "plan").panel.markup)
        let groups = tree.all.filter { $0.name == "g" && $0.hasClass("category") }
        #expect(groups.count == 10)
        #expect(groups.allSatisfy { group in group.elements("rect").count == 2 })
        let unseen = groups.filter { $0.hasClass("unseen") }
        #expect(unseen.count == 1 && unseen.first?.allText.contains("fresh (new)") == true)
        #expect(CategoryShares(names: ["a"], reference: [1, 2], production: [1]) == nil)
        #expect(ReportPage.categoryCaption(shares)?.contains("23 smaller categories not drawn") == true)
    }

    @Test("the p-value history puts the alpha line at alpha on the log axis, leaves a gap for an untested run, and floors p = 0")
    func pValueHistory() throws {
        let start = Date(timeIntervalSince1970: 1_556_582_400)
        let points = [0.5, 0.2, nil, 1e-5, 0].enumerated().map { index, p in
            PValueSeries.Point(run: Int64(index + 1), time: start.addingTimeInterval(Double(index) * 3_600), pValue: p)
        }
        let series = PValueSeries(feature: "age", points: points, alpha: 0.01)
        let tree = try XMLTree.parse(pValuePanel(series, area: area).markup)
        let scale = LogScale(domain: 1e-5...1, range: area.top...area.bottom, flipped: true)
        let alpha = try #require(tree.all.first { $0.hasClass("alpha-line") })
        #expect(abs(number(alpha, "y1") - scale.position(0.01)) < 0.01)
        #expect(tree.elements("circle").count == 4)
        #expect(tree.all.filter { $0.name == "path" && $0.hasClass("p-line") }.count == 2)
        #expect(tree.all.filter { $0.hasClass("below-alpha") }.count == 2)
        let floor = try #require(tree.elements("circle").last)
        #expect(abs(number(floor, "cy") - area.bottom) < 0.01)
        let ticks = tree.all.filter { $0.hasClass("tick") }.map(\.text)
        #expect(ticks.contains("1") && ticks.contains("0.01") && ticks.contains("1e-5") && ticks.contains("04-30 00:00"), "\(ticks)")
    }
}
