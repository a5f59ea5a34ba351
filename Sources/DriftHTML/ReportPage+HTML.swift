import Plot

extension ReportPage {
    /// The page as one self-contained HTML document: inline CSS (light, dark and print),
    /// inline SVG, no external asset, and a small inline script that only adds sorting to the
    /// table. The markup is also well-formed XML.
    ///
    /// ```swift
    /// try page.html().write(toFile: "report.html", atomically: true, encoding: .utf8)
    /// ```
    ///
    /// - Returns: The document, starting with `<!DOCTYPE html>`.
    /// - Complexity: O(features × (bins + categories + drawn ECDF steps) + history points).
    package func html() -> String {
        HTML(
            .lang(.english),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .meta(.name("color-scheme"), .content("light dark")),
                .element(named: "title", nodes: [.escaped(title)]),
                .element(named: "style", nodes: [.raw("/*<![CDATA[*/" + ReportStyle.css + "/*]]>*/")])
            ),
            .body(
                .element(named: "main", nodes: [
                    summaryNode(),
                    tableNode(),
                    featuresNode(),
                    historyNode(),
                    .element(named: "footer", nodes: [.element(named: "p", nodes: [.escaped(
                        "One self-contained file: no external assets; the table sorts by any column where JavaScript runs, and reads the same without it.")])]),
                ]),
                .element(named: "script", nodes: [.raw("//<![CDATA[\n" + ReportStyle.sortingScript + "\n//]]>")])
            )
        ).render()
    }

    private func summaryNode() -> Node<HTML.BodyContext> {
        var items: [Node<HTML.BodyContext>] = [.element(named: "h1", nodes: [.escaped(title)])]
        items.append(.element(named: "dl", nodes: [.class("facts")] + facts.flatMap { fact -> [Node<HTML.BodyContext>] in
            [.element(named: "dt", nodes: [.escaped(fact.label)]), .element(named: "dd", nodes: [.escaped(fact.value)])]
        }))
        let share = driftedShare.map { " (\(displayPercent($0)) of those tested)" } ?? ""
        let headline = "\(checkedCount) of \(featureCount) features tested, \(driftedCount) drifted\(share)"
        items.append(.element(named: "p", nodes: [.class(driftedCount > 0 ? "headline alarm" : "headline"), .escaped(headline)]))
        if !multivariate.isEmpty { items.append(statusList("Multivariate tests", multivariate, class: "multivariate")) }
        if !health.isEmpty { items.append(statusList("Data health", health, class: "health")) }
        if !notes.isEmpty {
            items.append(.element(named: "ul", nodes: [.class("notes")] + notes.map { .element(named: "li", nodes: [.escaped($0)]) }))
        }
        return .element(named: "section", nodes: [.class("summary")] + items)
    }

    private func statusList(_ heading: String, _ lines: [StatusLine], class name: String) -> Node<HTML.BodyContext> {
        .element(named: "div", nodes: [
            .class(name),
            .element(named: "h2", nodes: [.escaped(heading)]),
            .element(named: "ul", nodes: [.class("status")] + lines.map { line in
                .element(named: "li", nodes: [.class(line.alarm ? "alarm" : "ok"), .escaped(line.text)])
            }),
        ])
    }

    private func tableNode() -> Node<HTML.BodyContext> {
        let numeric = table.columns.indices.map { column in table.rows.contains { $0.cells[column].value != nil } }
        let header: [Node<HTML.BodyContext>] = table.columns.enumerated().map { column, name in
            .element(named: "th", nodes: [
                .attribute(named: "scope", value: "col"),
                .attribute(named: "data-type", value: numeric[column] ? "number" : "text"),
                .escaped(name),
            ])
        }
        let body: [Node<HTML.BodyContext>] = table.rows.map { row in
            let anchor = sectionAnchor(row.feature)
            let cells: [Node<HTML.BodyContext>] = row.cells.enumerated().map { column, cell in
                var nodes: [Node<HTML.BodyContext>] = []
                if numeric[column] {
                    nodes.append(.attribute(named: "data-value", value: escapeAttribute(cell.value.map { "\($0)" } ?? "none")))
                    nodes.append(.class("number"))
                }
                if column == 0, let anchor {
                    nodes.append(.element(named: "a", nodes: [.attribute(named: "href", value: "#" + anchor), .escaped(cell.text)]))
                } else {
                    nodes.append(.escaped(cell.text))
                }
                return .element(named: "td", nodes: nodes)
            }
            return .element(named: "tr", nodes: [.class(row.drifted ? "drifted" : "steady")] + cells)
        }
        return .element(named: "section", nodes: [
            .class("table"),
            .element(named: "h2", nodes: [.escaped("Features")]),
            .element(named: "div", nodes: [.class("scroll"), .element(named: "table", nodes: [
                .class("features sortable"),
                .element(named: "thead", nodes: [.element(named: "tr", nodes: header)]),
                .element(named: "tbody", nodes: body),
            ])]),
        ])
    }

    /// The anchor of a feature's section: its position, since names may hold any character.
    private func sectionAnchor(_ feature: String) -> String? {
        sections.firstIndex { $0.name == feature }.map { "feature-\($0 + 1)" }
    }

    private func featuresNode() -> Node<HTML.BodyContext> {
        let items: [Node<HTML.BodyContext>] = sections.enumerated().map { index, section in
            var nodes: [Node<HTML.BodyContext>] = [
                .class(section.drifted ? "feature drifted" : "feature"),
                .id("feature-\(index + 1)"),
                .attribute(named: "data-feature", value: escapeAttribute(section.name)),
                .element(named: "h3", nodes: [
                    .escaped(section.name + " "),
                    .element(named: "span", nodes: [.class("kind"), .escaped(section.kind)]),
                ]),
                .element(named: "p", nodes: [.class(section.drifted ? "verdict alarm" : "verdict"), .escaped(section.verdict)]),
            ]
            if let svg = section.plot.svg(feature: section.name) {
                var figure: [Node<HTML.BodyContext>] = [.class("plot"), .raw(svg.markup)]
                if let caption = section.caption {
                    figure.append(.element(named: "figcaption", nodes: [.escaped(caption)]))
                }
                nodes.append(.element(named: "figure", nodes: figure))
            } else if case .note(let reason) = section.plot {
                nodes.append(.element(named: "p", nodes: [.class("no-plot"), .escaped(reason)]))
            }
            return .element(named: "section", nodes: nodes)
        }
        return .element(named: "section", nodes: [.class("features"), .element(named: "h2", nodes: [.escaped("Distributions")])] + items)
    }

    private func historyNode() -> Node<HTML.BodyContext> {
        guard !history.isEmpty || historyNote != nil else { return .empty }
        var nodes: [Node<HTML.BodyContext>] = [.class("history"), .element(named: "h2", nodes: [.escaped("p-value history of the drifted features")])]
        if let historyNote { nodes.append(.element(named: "p", nodes: [.class("no-plot"), .escaped(historyNote)])) }
        for series in history {
            let area = PlotArea(x: 0, y: 0, width: 1120, height: 260)
            let svg = SVGElement("svg", [
                "viewBox": "0 0 1120 260", "class": "chart", "role": "img", "xmlns": "http://www.w3.org/2000/svg",
            ], children: [.title("p-value history of \(series.feature)"), pValuePanel(series, area: area)])
            nodes.append(.element(named: "figure", nodes: [
                .class("history-plot"), .attribute(named: "data-feature", value: escapeAttribute(series.feature)), .raw(svg.markup),
            ]))
        }
        return .element(named: "section", nodes: nodes)
    }
}

extension Node {
    /// Text escaped completely (Plot's `.text` keeps character references as they are).
    static func escaped(_ text: String) -> Node { .raw(escapeText(text)) }
}
