/// The ECDF panel: both empirical CDFs on one value axis, the reference as a solid step, the
/// production as a dashed one (or, for a recorded run, dashed segments through its shares at
/// the PSI bin edges), and the Kolmogorov–Smirnov distance as a vertical bar where it occurs.
///
/// ```swift
/// let panel = cumulativePanel(reference: ref, production: prod, ks: mark, area: area, feature: "age")
/// ```
///
/// - Parameters:
///   - reference: The reference curve.
///   - production: The production curve.
///   - ks: Where the KS distance occurs, when the test ran.
///   - area: The plot area.
///   - feature: The feature, for the x axis title.
///   - maximumSteps: Samples larger than this are drawn through this many of their quantiles
///     (every drawn point lies on the exact ECDF).
/// - Returns: A group of class `panel ecdf`.
/// - Complexity: O(maximumSteps · log n).
package func cumulativePanel(
    reference: CumulativeCurve, production: CumulativeCurve, ks: KSMark?, area: PlotArea, feature: String,
    maximumSteps: Int = 400
) -> SVGElement {
    var low = Swift.min(reference.extent?.lowerBound ?? 0, production.extent?.lowerBound ?? 0)
    var high = Swift.max(reference.extent?.upperBound ?? 1, production.extent?.upperBound ?? 1)
    if let ks { (low, high) = (Swift.min(low, ks.location), Swift.max(high, ks.location)) }
    let x = LinearScale(domain: low...high, range: area.left...area.right).nice(count: 5)
    let y = LinearScale(domain: 0...1, range: area.top...area.bottom, flipped: true)
    var children: [SVGElement] = [
        leftAxis(percentTicks(y, count: 4), area: area, title: "cumulative share (%)"),
        bottomAxis(x.ticks(count: 5).map { AxisTick(x.position($0), tickLabel($0)) }, area: area, title: "\(feature) (value)"),
    ]
    func path(_ curve: CumulativeCurve, class name: String) -> SVGElement? {
        switch curve {
        case .sample(let values):
            var points: [(x: Double, y: Double)] = [(x.position(x.domain.lowerBound), y.position(0))]
            var previous = 0.0
            for value in stepValues(values, maximum: maximumSteps) {
                let share = curve.share(atOrBelow: value) ?? 0
                points.append((x.position(value), y.position(previous)))
                points.append((x.position(value), y.position(share)))
                previous = share
            }
            points.append((x.position(x.domain.upperBound), y.position(previous)))
            return .polyline(points, class: name)
        case .points(let known):
            var group = SVGElement.group([], class: name + " known-points")
            if let line = SVGElement.polyline(known.map { (x.position($0.x), y.position($0.share)) }, class: name) {
                group.children.append(line)
            }
            for point in known {
                var dot = SVGElement("circle", ["cx": svgNumber(x.position(point.x)), "cy": svgNumber(y.position(point.share)), "r": "3", "class": name + "-dot"])
                dot.children = [.title("\(displayPercent(point.share)) below \(displayNumber(point.x))")]
                group.children.append(dot)
            }
            return group
        }
    }
    if let line = path(reference, class: "ref-line") { children.append(line) }
    if let line = path(production, class: "prod-line") { children.append(line) }
    if let ks, let top = reference.share(atOrBelow: ks.location) {
        let other = top - Double(ks.sign) * ks.statistic
        let at = x.position(ks.location)
        var mark = SVGElement.line(x1: at, y1: y.position(top), x2: at, y2: y.position(other), class: "ks-mark")
        mark.children = [.title("Kolmogorov–Smirnov distance D = \(displayNumber(ks.statistic)) at \(displayNumber(ks.location))")]
        let labelY = (y.position(top) + y.position(other)) / 2
        let onRight = at < area.centerX
        children.append(.group([
            mark,
            .label("D = \(displayNumber(ks.statistic))", x: at + (onRight ? 6 : -6), y: labelY + 4,
                   anchor: onRight ? "start" : "end", class: "ks-label"),
        ], class: "ks"))
    }
    children.append(panelTitle("Empirical CDFs", area: area))
    return .group(children, class: "panel ecdf")
}

/// The values where a sorted sample's ECDF steps, thinned to about `maximum` quantiles
/// (always including the first and last).
private func stepValues(_ values: [Double], maximum: Int) -> [Double] {
    guard values.count > maximum, maximum >= 2 else {
        var distinct: [Double] = []
        for value in values where distinct.last != value { distinct.append(value) }
        return distinct
    }
    var picked: [Double] = []
    for step in 0..<maximum {
        let value = values[step * (values.count - 1) / (maximum - 1)]
        if picked.last != value { picked.append(value) }
    }
    return picked
}
