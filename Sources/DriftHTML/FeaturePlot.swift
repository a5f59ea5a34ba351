/// What the page shows for one feature in place of its plot: the panels with their data, or
/// why there is no plot.
package enum FeaturePlot: Sendable, Hashable {
    /// A numeric feature: the histogram over the PSI bins (nil when there are no bins, with
    /// `binsNote` saying why), the two ECDFs and where the KS distance occurs.
    case numeric(bins: BinnedShares?, binsNote: String?, reference: CumulativeCurve, production: CumulativeCurve, ks: KSMark?)
    /// A categorical feature's category shares.
    case categorical(CategoryShares)
    /// No plot: the feature was not tested, or the data for its plot is not there (a run
    /// recorded before runs kept their distributions); the text says which.
    case note(String)

    /// The figure's SVG (nil for a note), one drawing with all of the feature's panels side
    /// by side, and the legend.
    ///
    /// - Parameter feature: The feature, for axis titles.
    /// - Returns: The `<svg>` element.
    /// - Complexity: O(bins + categories + drawn ECDF steps).
    package func svg(feature: String) -> SVGElement? {
        let panelWidth = 560.0
        var children: [SVGElement]
        var height: Double
        switch self {
        case .note:
            return nil
        case let .numeric(bins, binsNote, reference, production, ks):
            height = 320
            let left = PlotArea(x: 0, y: 24, width: panelWidth, height: height - 24)
            let right = PlotArea(x: panelWidth, y: 24, width: panelWidth, height: height - 24)
            children = [cumulativePanel(reference: reference, production: production, ks: ks, area: right, feature: feature)]
            if let bins {
                children.insert(histogramPanel(bins, area: left, feature: feature), at: 0)
            } else {
                children.insert(.label("No histogram: \(binsNote ?? "no PSI bins")", x: left.centerX, y: left.centerY, class: "panel-note"), at: 0)
            }
            children.append(legend(x: 64, y: 10, production: production))
        case .categorical(let shares):
            let (panel, panelHeight) = categoryPanel(shares, x: 0, y: 24, width: 2 * panelWidth, feature: feature)
            height = panelHeight + 24
            children = [panel, legend(x: 190, y: 10, production: nil)]
        }
        return SVGElement("svg", [
            "viewBox": "0 0 \(svgNumber(2 * panelWidth)) \(svgNumber(height))", "class": "chart", "role": "img",
            "xmlns": "http://www.w3.org/2000/svg",
        ], children: [.title("Distributions of \(feature): reference and production")] + children)
    }
}

/// The legend above a figure: reference (filled, solid) and production (outlined, dashed).
private func legend(x: Double, y: Double, production: CumulativeCurve?) -> SVGElement {
    var productionLabel = "production"
    if case .points = production { productionLabel = "production (known at the PSI bin edges)" }
    return .group([
        .rect(x: x, y: y - 9, width: 14, height: 10, class: "ref-bar"),
        .label("reference", x: x + 20, y: y, anchor: "start", class: "legend-label"),
        .line(x1: x + 110, y1: y - 4, x2: x + 134, y2: y - 4, class: "prod-line"),
        .label(productionLabel, x: x + 140, y: y, anchor: "start", class: "legend-label"),
    ], class: "legend")
}
