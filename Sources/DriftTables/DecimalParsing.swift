#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The result of reading one cell as a number.
public enum ParsedNumber: Hashable, Sendable {
    /// A finite number.
    case finite(Double)
    /// `nan`, `NaN`, `NAN` (with an optional sign).
    case notANumber
    /// `inf`, `Infinity` and their signed and upper-case forms, or a literal that overflows.
    case infinite(Double)
    /// Not a number at all: the column is categorical.
    case text
}

/// Parses a decimal number from raw UTF-8 bytes without allocating, correctly rounded.
///
/// Accepts optional surrounding spaces or tabs, an optional sign, digits with an optional
/// fraction (`1`, `1.`, `.5`, `-0.25`), an optional exponent (`1e-3`, `2E+10`), and the
/// special values `nan` and `inf`/`infinity` in any case. Hexadecimal floats, thousands
/// separators and anything else are ``ParsedNumber/text``.
///
/// Most cells (up to 19 significant digits with a small exponent) are converted exactly with
/// one multiplication or division by a power of ten (Clinger's fast path); the rest go to the
/// C library's correctly rounded `strtod` through a stack buffer.
///
/// ```swift
/// let bytes = Array("-1.5e3".utf8)
/// let value = bytes.withUnsafeBufferPointer { parseDecimal($0) }   // .finite(-1500.0)
/// ```
///
/// - Parameter bytes: The cell's bytes.
/// - Returns: The parsed value, or `.text`.
/// - Complexity: O(bytes).
public func parseDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> ParsedNumber {
    var start = 0
    var end = bytes.count
    while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
    while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
    guard start < end else { return .text }

    var index = start
    var negative = false
    if bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
        negative = bytes[index] == UInt8(ascii: "-")
        index += 1
        guard index < end else { return .text }
    }
    let first = bytes[index] | 0x20  // ASCII lower case
    if first == UInt8(ascii: "n") || first == UInt8(ascii: "i") {
        return parseSpecial(bytes, from: index, to: end, negative: negative)
    }

    var mantissa: UInt64 = 0
    var significantDigits = 0
    var droppedDigits = 0          // integer digits beyond 19 significant ones
    var fractionDigits = 0         // fraction digits folded into the mantissa
    var sawDigit = false
    while index < end, bytes[index] &- 0x30 < 10 {
        sawDigit = true
        let digit = UInt64(bytes[index] &- 0x30)
        if significantDigits < 19 {
            if mantissa != 0 || digit != 0 { significantDigits += 1 }
            mantissa = mantissa &* 10 &+ digit
        } else {
            droppedDigits += 1
        }
        index += 1
    }
    if index < end, bytes[index] == UInt8(ascii: ".") {
        index += 1
        while index < end, bytes[index] &- 0x30 < 10 {
            sawDigit = true
            let digit = UInt64(bytes[index] &- 0x30)
            if significantDigits < 19 {
                if mantissa != 0 || digit != 0 { significantDigits += 1 }
                mantissa = mantissa &* 10 &+ digit
                fractionDigits += 1
            } else if digit != 0 {
                droppedDigits = Int.max / 2   // inexact: let strtod decide
            }
            index += 1
        }
    }
    guard sawDigit else { return .text }
    var exponent = 0
    if index < end, bytes[index] | 0x20 == UInt8(ascii: "e") {
        index += 1
        var exponentNegative = false
        if index < end, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            exponentNegative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        var sawExponentDigit = false
        while index < end, bytes[index] &- 0x30 < 10 {
            sawExponentDigit = true
            if exponent < 100_000 { exponent = exponent * 10 + Int(bytes[index] &- 0x30) }
            index += 1
        }
        guard sawExponentDigit else { return .text }
        if exponentNegative { exponent = -exponent }
    }
    guard index == end else { return .text }

    // Clinger's fast path: the mantissa and the power of ten are both exact doubles.
    if droppedDigits == 0, mantissa < (1 << 53) {
        let power = exponent - fractionDigits
        let magnitude = Double(mantissa)
        if mantissa == 0 {
            return .finite(negative ? -0.0 : 0.0)
        }
        if power == 0 {
            return .finite(negative ? -magnitude : magnitude)
        }
        if power > 0, power <= 22 {
            let value = magnitude * exactPowersOfTen[power]
            return .finite(negative ? -value : value)
        }
        if power < 0, power >= -22 {
            let value = magnitude / exactPowersOfTen[-power]
            return .finite(negative ? -value : value)
        }
    }
    return parseWithStrtod(bytes, from: start, to: end)
}

/// 10^0 ... 10^22, every one exactly representable as a Double.
@usableFromInline
let exactPowersOfTen: [Double] = (0...22).map { power in
    var value = 1.0
    for _ in 0..<power { value *= 10 }
    return value
}

private func parseSpecial(
    _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, negative: Bool
) -> ParsedNumber {
    var word: [UInt8] = []
    word.reserveCapacity(8)
    for index in start..<end where word.count <= 8 { word.append(bytes[index] | 0x20) }
    switch String(decoding: word, as: UTF8.self) {
    case "nan": return .notANumber
    case "inf", "infinity": return .infinite(negative ? -.infinity : .infinity)
    default: return .text
    }
}

private func parseWithStrtod(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> ParsedNumber {
    let length = end - start
    // The grammar was validated above, so strtod sees a plain decimal literal.
    return withUnsafeTemporaryAllocation(of: CChar.self, capacity: length + 1) { buffer in
        for offset in 0..<length { buffer[offset] = CChar(bitPattern: bytes[start + offset]) }
        buffer[length] = 0
        guard let base = buffer.baseAddress else { return ParsedNumber.text }
        let value = strtod(base, nil)
        return value.isFinite ? .finite(value) : .infinite(value)
    }
}
