/// One element of an SVG drawing: a name, attributes in order, child elements or text.
///
/// The report's charts build these and render them to markup that is both HTML (inline SVG)
/// and well-formed XML: attribute values and text are escaped here, so chart code passes
/// names and numbers as they are.
///
/// ```swift
/// let line = SVGElement("line", ["x1": "0", "y1": "0", "x2": "10", "y2": "0", "class": "axis"])
/// let svg = SVGElement("svg", ["viewBox": "0 0 10 10"], children: [line])
/// svg.markup   // <svg viewBox="0 0 10 10"><line x1="0" … class="axis"/></svg>
/// ```
package struct SVGElement: Sendable {
    /// The element name (`svg`, `g`, `rect`, `path`, `text`, …).
    package let name: String
    /// The attributes, written in this order.
    package var attributes: [(String, String)]
    /// Child elements (ignored when `text` is set).
    package var children: [SVGElement]
    /// Text content (`text` and `title` elements).
    package var text: String?

    /// An element with attributes given as a dictionary literal (kept in literal order).
    ///
    /// - Parameters:
    ///   - name: The element name.
    ///   - attributes: The attributes.
    ///   - children: The child elements.
    ///   - text: Text content instead of children.
    package init(_ name: String, _ attributes: KeyValuePairs<String, String> = [:], children: [SVGElement] = [], text: String? = nil) {
        self.name = name
        self.attributes = attributes.map { ($0.key, $0.value) }
        self.children = children
        self.text = text
    }

    /// The element as markup: escaped, self-closed when it has neither children nor text.
    ///
    /// - Complexity: O(size of the tree).
    package var markup: String {
        var output = ""
        write(to: &output)
        return output
    }

    private func write(to output: inout String) {
        output += "<" + name
        for (key, value) in attributes { output += " \(key)=\"\(escapeAttribute(value))\"" }
        if let text {
            output += ">" + escapeText(text) + "</\(name)>"
        } else if children.isEmpty {
            output += "/>"
        } else {
            output += ">"
            for child in children { child.write(to: &output) }
            output += "</\(name)>"
        }
    }

}

extension SVGElement {
    /// A `<g>` grouping `children`, with an optional class.
    package static func group(_ children: [SVGElement], class name: String? = nil, transform: String? = nil) -> SVGElement {
        var group = SVGElement("g", children: children)
        if let name { group.attributes.append(("class", name)) }
        if let transform { group.attributes.append(("transform", transform)) }
        return group
    }

    /// A `<text>` at (x, y) with an anchor (`start`, `middle`, `end`) and a class.
    package static func label(
        _ text: String, x: Double, y: Double, anchor: String = "middle", class name: String = "label", rotate: Double? = nil
    ) -> SVGElement {
        var element = SVGElement("text", ["x": svgNumber(x), "y": svgNumber(y), "text-anchor": anchor, "class": name], text: text)
        if let rotate { element.attributes.append(("transform", "rotate(\(svgNumber(rotate)) \(svgNumber(x)) \(svgNumber(y)))")) }
        return element
    }

    /// A straight `<line>` from (x1, y1) to (x2, y2) with a class.
    package static func line(x1: Double, y1: Double, x2: Double, y2: Double, class name: String) -> SVGElement {
        SVGElement("line", ["x1": svgNumber(x1), "y1": svgNumber(y1), "x2": svgNumber(x2), "y2": svgNumber(y2), "class": name])
    }

    /// A `<rect>` with a class.
    package static func rect(x: Double, y: Double, width: Double, height: Double, class name: String) -> SVGElement {
        SVGElement("rect", [
            "x": svgNumber(x), "y": svgNumber(y), "width": svgNumber(max(0, width)), "height": svgNumber(max(0, height)),
            "class": name,
        ])
    }

    /// A `<path>` through `points` (`M x y L x y …`) with a class; nil for no points.
    package static func polyline(_ points: [(x: Double, y: Double)], class name: String) -> SVGElement? {
        guard let first = points.first else { return nil }
        var data = "M\(svgNumber(first.x)) \(svgNumber(first.y))"
        for point in points.dropFirst() { data += "L\(svgNumber(point.x)) \(svgNumber(point.y))" }
        return SVGElement("path", ["d": data, "class": name])
    }

    /// A `<title>` child: the tooltip browsers show, and the accessible name.
    package static func title(_ text: String) -> SVGElement { SVGElement("title", text: text) }
}

/// A coordinate for an SVG attribute: two decimals at most, no trailing zeros, never `-0`.
///
/// - Complexity: O(1).
package func svgNumber(_ value: Double) -> String {
    guard value.isFinite else { return "0" }
    let rounded = (value * 100).rounded() / 100
    if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int(rounded)) }
    var text = String(format: "%.2f", rounded)
    while text.hasSuffix("0") { text.removeLast() }
    return text == "-0" ? "0" : text
}
