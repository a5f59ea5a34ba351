import Foundation

/// The p-value history panel: a feature's deciding p-value per run on a log axis, the alpha
/// line dashed, the reported run's point emphasised; a p-value of 0 sits on the axis floor and
/// a run where the feature was not tested leaves a gap.
///
/// ```swift
/// let panel = pValuePanel(series, area: PlotArea(x: 0, y: 0, width: 1120, height: 240))
/// ```
///
/// - Parameters:
///   - series: The runs.
///   - area: The plot area.
/// - Returns: A group of class `panel p-history`.
/// - Complexity: O(runs).
package func pValuePanel(_ series: PValueSeries, area: PlotArea) -> SVGElement {
    let values = series.points.compactMap(\.pValue).filter { $0 > 0 }
    let lowest = min(values.min() ?? series.alpha, series.alpha / 10)
    let y = LogScale(domain: lowest...1, range: area.top...area.bottom, flipped: true)
    let times = series.points.map { $0.time.timeIntervalSince1970 }
    let first = times.min() ?? 0
    let last = times.max() ?? 1
    let x = LinearScale(domain: first...max(last, first + 3_600), range: (area.left + 8)...(area.right - 8))

    var children: [SVGElement] = [
        leftAxis(y.ticks().map { AxisTick(y.position($0), powerOfTenLabel($0)) }, area: area, title: "p-value (log scale)"),
        bottomAxis(timeTicks(x).map { AxisTick(x.position($0.timeIntervalSince1970), timeLabel($0)) }, area: area,
                   title: "end of the run's window (UTC)"),
    ]
    let alphaY = y.position(series.alpha)
    children.append(.line(x1: area.left, y1: alphaY, x2: area.right, y2: alphaY, class: "alpha-line"))
    children.append(.label("α = \(displayNumber(series.alpha))", x: area.right - 4, y: alphaY - 5, anchor: "end", class: "alpha-label"))

    // Lines between consecutive tested runs; a gap where the feature was not tested.
    var segment: [(x: Double, y: Double)] = []
    var lines: [SVGElement] = []
    for point in series.points {
        guard let p = point.pValue else {
            if let line = SVGElement.polyline(segment, class: "p-line"), segment.count > 1 { lines.append(line) }
            segment = []
            continue
        }
        segment.append((x.position(point.time.timeIntervalSince1970), y.position(p)))
    }
    if let line = SVGElement.polyline(segment, class: "p-line"), segment.count > 1 { lines.append(line) }
    children += lines
    for (index, point) in series.points.enumerated() {
        guard let p = point.pValue else { continue }
        let isLast = index == series.points.count - 1
        var dot = SVGElement("circle", [
            "cx": svgNumber(x.position(point.time.timeIntervalSince1970)), "cy": svgNumber(y.position(p)),
            "r": isLast ? "5" : "3", "class": p < series.alpha ? "p-point below-alpha" : "p-point",
        ])
        dot.children = [.title("run \(point.run), window ending \(timeLabel(point.time)): p = \(displayNumber(p))\(p == 0 ? " (0, drawn on the axis floor)" : "")")]
        children.append(dot)
    }
    children.append(panelTitle("\(series.feature): deciding p-value over the last \(series.points.count) runs", area: area))
    return .group(children, class: "panel p-history")
}

/// Round times for the time axis: the first step of 1, 2, 3, 6, 12 hours or 1, 2, 7 days that
/// gives at most six ticks.
private func timeTicks(_ scale: LinearScale) -> [Date] {
    let span = scale.domain.upperBound - scale.domain.lowerBound
    let steps: [Double] = [3_600, 7_200, 10_800, 21_600, 43_200, 86_400, 172_800, 604_800, 2_592_000]
    let step = steps.first { span / $0 <= 6 } ?? span / 6
    let start = (scale.domain.lowerBound / step).rounded(.up) * step
    return stride(from: start, through: scale.domain.upperBound, by: step).map { Date(timeIntervalSince1970: $0) }
}

/// `04-30 10:00` (UTC).
private func timeLabel(_ date: Date) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
    let parts = calendar.dateComponents([.month, .day, .hour, .minute], from: date)
    return String(format: "%02d-%02d %02d:%02d", parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0, parts.minute ?? 0)
}
