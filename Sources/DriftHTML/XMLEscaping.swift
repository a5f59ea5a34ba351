/// Escapes text for an HTML or SVG text node (also valid XML): `&`, `<` and `>`.
///
/// Every piece of user data on the report page (feature and category names, reasons, paths)
/// goes through this or ``escapeAttribute(_:)``: Plot keeps character references such as
/// `&amp;` in text as they are and writes attribute values unescaped, so the page escapes
/// user data itself and hands Plot finished markup.
///
/// - Parameter text: Any text.
/// - Returns: The text with `&`, `<` and `>` replaced by character references.
/// - Complexity: O(length).
package func escapeText(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for character in text.unicodeScalars {
        switch character {
        case "&": result += "&amp;"
        case "<": result += "&lt;"
        case ">": result += "&gt;"
        default: result.unicodeScalars.append(xmlSafe(character))
        }
    }
    return result
}

/// Escapes text for a double-quoted attribute value: `&`, `<`, `>` and `"`.
///
/// - Parameter text: Any text.
/// - Returns: The escaped text, to be written between double quotes.
/// - Complexity: O(length).
package func escapeAttribute(_ text: String) -> String {
    escapeText(text).replacingOccurrences(of: "\"", with: "&quot;")
}

/// Control characters other than tab, newline and carriage return are not allowed in XML
/// (nor wanted in HTML): they become U+FFFD.
private func xmlSafe(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
    let value = scalar.value
    if value < 0x20, value != 0x09, value != 0x0A, value != 0x0D { return "\u{FFFD}" }
    if value == 0xFFFE || value == 0xFFFF { return "\u{FFFD}" }
    return scalar
}
