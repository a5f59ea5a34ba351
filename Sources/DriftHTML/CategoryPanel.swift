/// The category panel: one row per category, the reference share and the production share as
/// two horizontal bars side by side, categories the reference never saw labelled `(new)` and
/// drawn in the alarm style.
///
/// - Parameters:
///   - shares: The categories (``CategoryShares/shown`` are drawn).
///   - x: The panel's left edge.
///   - y: The panel's top edge.
///   - width: The panel's width.
///   - feature: The feature, for the axis title.
/// - Returns: The panel, and its height (it grows with the categories).
/// - Complexity: O(categories shown).
package func categoryPanel(
    _ shares: CategoryShares, x: Double, y: Double, width: Double, feature: String
) -> (panel: SVGElement, height: Double) {
    let rowHeight = 24.0
    let height = 34 + Double(shares.shown.count) * rowHeight + 50
    let area = PlotArea(x: x, y: y, width: width, height: height, margins: (34, 24, 50, 190))
    let referenceShares = shares.shown.map { Double($0.reference) / Double(shares.referenceTotal) }
    let productionShares = shares.shown.map { Double($0.production) / Double(shares.productionTotal) }
    let highest = max(referenceShares.max() ?? 0, productionShares.max() ?? 0)
    let scale = LinearScale(domain: 0...max(highest, 0.01), range: area.left...area.right).nice(count: 5)

    var children: [SVGElement] = []
    for tick in scale.ticks(count: 5) {
        children.append(.line(x1: scale.position(tick), y1: area.top, x2: scale.position(tick), y2: area.bottom, class: "grid"))
    }
    children.append(bottomAxis(percentTicks(scale), area: area, title: "\(feature): share of values (%)"))
    children.append(.line(x1: area.left, y1: area.top, x2: area.left, y2: area.bottom, class: "axis-line"))
    for (row, category) in shares.shown.enumerated() {
        let top = area.top + Double(row) * rowHeight
        let name = category.name.count > 26 ? String(category.name.prefix(25)) + "…" : category.name
        let label = SVGElement.label(
            category.isUnseen ? "\(name) (new)" : category.isPooled ? "\(name) (pooled)" : name,
            x: area.left - 8, y: top + rowHeight / 2 + 4, anchor: "end", class: category.isUnseen ? "tick unseen" : "tick")
        var group = SVGElement.group([label], class: category.isUnseen ? "category unseen" : "category")
        group.children.insert(.title(
            "\(category.name): reference \(displayPercent(referenceShares[row])) (\(category.reference)), "
                + "production \(displayPercent(productionShares[row])) (\(category.production))"
                + (category.isUnseen ? "; not in the reference" : "")), at: 0)
        group.children.append(.rect(
            x: area.left, y: top + 3, width: scale.position(referenceShares[row]) - area.left, height: 8, class: "ref-bar"))
        group.children.append(.rect(
            x: area.left, y: top + 12, width: scale.position(productionShares[row]) - area.left, height: 8,
            class: category.isUnseen ? "prod-bar unseen-bar" : "prod-bar"))
        children.append(group)
    }
    children.append(panelTitle("Category shares", area: area))
    return (.group(children, class: "panel categories"), height)
}
