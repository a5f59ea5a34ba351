@testable import DriftHTML
import DriftTestSupport
import Testing

@Suite("SVG elements and escaping")
struct SVGElementTests {
    @Test("user text with markup characters is escaped in text and attributes, and parses back unchanged")
    func escaping() throws {
        let hostile = #"a<b>&c "d" &amp; R&D; </svg><script>x</script>"#
        let element = SVGElement("g", ["data-name": hostile], children: [.label(hostile, x: 1, y: 2), .title(hostile)])
        let tree = try XMLTree.parse(element.markup)
        #expect(tree.attributes["data-name"] == hostile)
        #expect(tree.elements("text").first?.text == hostile)
        #expect(tree.elements("title").first?.text == hostile)
        #expect(tree.elements("script").isEmpty)
    }

    @Test("control characters become U+FFFD so the markup stays XML")
    func controlCharacters() throws {
        let tree = try XMLTree.parse(SVGElement("text", text: "bell\u{07}tab\tend").markup)
        #expect(tree.text == "bell\u{FFFD}tab\tend")
    }

    @Test("childless elements self-close; coordinates have at most two decimals and no -0")
    func rendering() {
        #expect(SVGElement.line(x1: 0, y1: 1.005, x2: 3.14159, y2: -0.001, class: "axis").markup
                == #"<line x1="0" y1="1" x2="3.14" y2="0" class="axis"/>"#)
        #expect(svgNumber(12.5) == "12.5")
        #expect(svgNumber(-3) == "-3")
        #expect(svgNumber(.nan) == "0")
    }

    @Test("a polyline draws every point, and nothing for no points")
    func polyline() {
        #expect(SVGElement.polyline([(0, 0), (10, 5), (20, 0)], class: "p")?.attributes.first { $0.0 == "d" }?.1 == "M0 0L10 5L20 0")
        #expect(SVGElement.polyline([], class: "p") == nil)
    }
}
