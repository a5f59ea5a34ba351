/// One tick of an axis: where it sits (pixels) and what it says.
package struct AxisTick: Sendable, Hashable {
    /// The pixel position along the axis.
    package let position: Double
    /// The label.
    package let label: String

    /// A tick at `position` labelled `label`.
    package init(_ position: Double, _ label: String) {
        self.position = position
        self.label = label
    }
}

/// The x axis under a plot area: the axis line, a tick mark and label per tick, and the
/// axis title (with its unit) centred below.
///
/// ```swift
/// let axis = bottomAxis(x.ticks().map { AxisTick(x.position($0), tickLabel($0)) }, area: area, title: "age (years)")
/// ```
///
/// - Parameters:
///   - ticks: The ticks, left to right.
///   - area: The plot area.
///   - title: The axis title, unit included.
/// - Returns: A group of class `axis x`.
/// - Complexity: O(ticks).
package func bottomAxis(_ ticks: [AxisTick], area: PlotArea, title: String) -> SVGElement {
    var children = [SVGElement.line(x1: area.left, y1: area.bottom, x2: area.right, y2: area.bottom, class: "axis-line")]
    for tick in ticks {
        children.append(.line(x1: tick.position, y1: area.bottom, x2: tick.position, y2: area.bottom + 5, class: "tick-mark"))
        children.append(.label(tick.label, x: tick.position, y: area.bottom + 18, class: "tick"))
    }
    children.append(.label(title, x: area.centerX, y: area.bottom + 38, class: "axis-title"))
    return .group(children, class: "axis x")
}

/// The y axis left of a plot area: the axis line, tick marks, labels and light grid lines
/// across the area, and the rotated axis title.
///
/// ```swift
/// let axis = leftAxis(y.ticks().map { AxisTick(y.position($0), tickLabel($0) + "%") }, area: area, title: "share of values (%)")
/// ```
///
/// - Parameters:
///   - ticks: The ticks, bottom to top.
///   - area: The plot area.
///   - title: The axis title, unit included.
/// - Returns: A group of class `axis y`.
/// - Complexity: O(ticks).
package func leftAxis(_ ticks: [AxisTick], area: PlotArea, title: String) -> SVGElement {
    var children: [SVGElement] = []
    for tick in ticks {
        children.append(.line(x1: area.left, y1: tick.position, x2: area.right, y2: tick.position, class: "grid"))
        children.append(.line(x1: area.left - 5, y1: tick.position, x2: area.left, y2: tick.position, class: "tick-mark"))
        children.append(.label(tick.label, x: area.left - 8, y: tick.position + 4, anchor: "end", class: "tick"))
    }
    children.append(.line(x1: area.left, y1: area.top, x2: area.left, y2: area.bottom, class: "axis-line"))
    children.append(.label(title, x: area.left - 48, y: area.centerY, class: "axis-title", rotate: -90))
    return .group(children, class: "axis y")
}

/// A panel's title, left-aligned above its plot area.
///
/// - Complexity: O(1).
package func panelTitle(_ text: String, area: PlotArea) -> SVGElement {
    .label(text, x: area.left, y: area.top - 14, anchor: "start", class: "panel-title")
}

/// The share axis (y or x) ticks of a scale over `[0, max]`, labelled in percent.
///
/// - Complexity: O(ticks).
package func percentTicks(_ scale: LinearScale, count: Int = 5) -> [AxisTick] {
    scale.ticks(count: count).map { AxisTick(scale.position($0), tickLabel($0 * 100) + "%") }
}
