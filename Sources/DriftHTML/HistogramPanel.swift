/// The histogram panel: reference shares as filled bars and production shares as an outlined
/// step over them, one equal-width slot per PSI bin (quantile bins differ wildly in width, so
/// each slot is one bin and the x ticks label its edges).
///
/// ```swift
/// let panel = histogramPanel(bins, area: PlotArea(x: 0, y: 0, width: 560, height: 300), feature: "age")
/// ```
///
/// - Parameters:
///   - bins: The counts.
///   - area: The plot area.
///   - feature: The feature, for the x axis title.
/// - Returns: A group of class `panel histogram`.
/// - Complexity: O(bins).
package func histogramPanel(_ bins: BinnedShares, area: PlotArea, feature: String) -> SVGElement {
    let count = bins.reference.count
    let referenceShares = bins.referenceShares
    let productionShares = bins.productionShares
    let highest = max(referenceShares.max() ?? 0, productionShares.max() ?? 0)
    let y = LinearScale(domain: 0...max(highest, 0.01), range: area.top...area.bottom, flipped: true).nice(count: 4)
    let slot = (area.right - area.left) / Double(count)
    func left(_ bin: Int) -> Double { area.left + Double(bin) * slot }

    var children: [SVGElement] = [leftAxis(percentTicks(y, count: 4), area: area, title: "share of values (%)")]
    // Edge labels, thinned so they do not overlap (about 7 px per character).
    let labels = bins.edges.map(tickLabel)
    let widest = Double(labels.map(\.count).max() ?? 1) * 7 + 6
    let every = max(1, Int((widest / slot).rounded(.up)))
    let ticks = bins.edges.indices.filter { $0 % every == 0 || $0 == count }.map { AxisTick(left($0), labels[$0]) }
    children.append(bottomAxis(ticks, area: area, title: "\(feature): PSI bins, one slot each (edges labelled)"))

    var bars: [SVGElement] = []
    for bin in 0..<count {
        var bar = SVGElement.rect(
            x: left(bin) + 1, y: y.position(referenceShares[bin]), width: slot - 2,
            height: y.position(0) - y.position(referenceShares[bin]), class: "ref-bar")
        bar.children = [.title(
            "[\(displayNumber(bins.edges[bin])), \(displayNumber(bins.edges[bin + 1]))\(bin == count - 1 ? "]" : ")"): "
                + "reference \(displayPercent(referenceShares[bin])) (\(bins.reference[bin])), "
                + "production \(displayPercent(productionShares[bin])) (\(bins.production[bin]))")]
        bars.append(bar)
    }
    children.append(.group(bars, class: "bars"))
    // Production as a step outline over the slots.
    var outline: [(x: Double, y: Double)] = [(left(0), y.position(0))]
    for bin in 0..<count {
        outline.append((left(bin), y.position(productionShares[bin])))
        outline.append((left(bin + 1), y.position(productionShares[bin])))
    }
    outline.append((left(count), y.position(0)))
    if let step = SVGElement.polyline(outline, class: "prod-line") { children.append(step) }
    children.append(panelTitle("Histogram over the PSI bins", area: area))
    return .group(children, class: "panel histogram")
}
