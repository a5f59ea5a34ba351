import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A parsed XML element: the page and its SVG are checked as well-formed XML (a strict parser:
/// any unescaped `<` or `&`, unclosed element or bad entity fails), then inspected as a tree.
public final class XMLTree {
    /// The element name.
    public let name: String
    /// The attributes.
    public let attributes: [String: String]
    /// The child elements in order.
    public fileprivate(set) var children: [XMLTree] = []
    /// The element's own text (not its children's).
    public fileprivate(set) var text = ""

    fileprivate init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// Why the markup is not well-formed.
    public struct ParseError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Parses `markup` strictly; throws with the parser's line and message.
    public static func parse(_ markup: String) throws -> XMLTree {
        let parser = XMLParser(data: Data(markup.utf8))
        let builder = Builder()
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            throw ParseError(description: "not well-formed at line \(parser.lineNumber), column \(parser.columnNumber): \(parser.parserError.map { String(describing: $0) } ?? "unknown")")
        }
        return root
    }

    /// Every element in document order, this one first.
    public var all: [XMLTree] { [self] + children.flatMap(\.all) }

    /// The elements named `name` below (and including) this one.
    public func elements(_ name: String) -> [XMLTree] { all.filter { $0.name == name } }

    /// Whether the `class` attribute lists `name`.
    public func hasClass(_ name: String) -> Bool {
        (attributes["class"] ?? "").split(separator: " ").contains { $0 == name }
    }

    /// The text of this element and its descendants.
    public var allText: String { text + children.map(\.allText).joined() }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: XMLTree?
        var stack: [XMLTree] = []

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            let node = XMLTree(name: elementName, attributes: attributes)
            stack.last?.children.append(node)
            if root == nil { root = node }
            stack.append(node)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            stack.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            stack.last?.text += String(decoding: CDATABlock, as: UTF8.self)
        }
    }
}
