/// The rectangle a chart panel draws its data in, inside the panel's margins (pixels of the
/// SVG's viewBox).
///
/// ```swift
/// let area = PlotArea(x: 0, y: 0, width: 560, height: 300)   // default margins
/// area.left, area.bottom   // 64, 252
/// ```
package struct PlotArea: Sendable, Hashable {
    /// Left edge of the data area.
    package let left: Double
    /// Right edge of the data area.
    package let right: Double
    /// Top edge of the data area.
    package let top: Double
    /// Bottom edge of the data area.
    package let bottom: Double

    /// The data area of a panel at (x, y) of the given size, inside margins that leave room
    /// for the title (top), tick labels and axis titles (left, bottom).
    ///
    /// - Parameters:
    ///   - x: The panel's left edge.
    ///   - y: The panel's top edge.
    ///   - width: The panel's width.
    ///   - height: The panel's height.
    ///   - margins: Top, right, bottom and left margins.
    package init(
        x: Double, y: Double, width: Double, height: Double,
        margins: (top: Double, right: Double, bottom: Double, left: Double) = (34, 16, 48, 64)
    ) {
        left = x + margins.left
        right = x + width - margins.right
        top = y + margins.top
        bottom = y + height - margins.bottom
    }

    /// The horizontal middle.
    package var centerX: Double { (left + right) / 2 }
    /// The vertical middle.
    package var centerY: Double { (top + bottom) / 2 }
}
