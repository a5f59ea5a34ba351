import DriftTables
import Foundation
import Testing

@Suite("parseDecimal")
struct DecimalParsingTests {
    func parse(_ text: String) -> ParsedNumber {
        Array(text.utf8).withUnsafeBufferPointer { parseDecimal($0) }
    }

    @Test("text that is not a number", arguments: ["", " ", "abc", "1,5", "1.2.3", "--1", "+", "-", ".", "e5",
                                                  "1e", "1e+", "0x1p3", "1_000", "infinite", "nanx", "1 2"])
    func notNumbers(text: String) {
        #expect(parse(text) == .text, "\(text)")
    }

    @Test("special values")
    func specials() {
        #expect(parse("NaN") == .notANumber)
        #expect(parse("nan") == .notANumber)
        #expect(parse("-NAN") == .notANumber)
        #expect(parse("inf") == .infinite(.infinity))
        #expect(parse("-Infinity") == .infinite(-.infinity))
        #expect(parse("+INF") == .infinite(.infinity))
        #expect(parse("1e400") == .infinite(.infinity))
        #expect(parse("-1e400") == .infinite(-.infinity))
    }

    @Test("signed zeros keep their sign")
    func signedZero() {
        guard case .finite(let negative) = parse("-0.0"), case .finite(let positive) = parse("0") else {
            Issue.record("zero did not parse"); return
        }
        #expect(negative == 0 && negative.sign == .minus)
        #expect(positive == 0 && positive.sign == .plus)
    }

    @Test("simple forms")
    func simpleForms() {
        #expect(parse("1") == .finite(1))
        #expect(parse("1.") == .finite(1))
        #expect(parse(".5") == .finite(0.5))
        #expect(parse("-0.25") == .finite(-0.25))
        #expect(parse("+3") == .finite(3))
        #expect(parse(" 42 ") == .finite(42))
        #expect(parse("2E+10") == .finite(2e10))
        #expect(parse("1e-3") == .finite(0.001))
        #expect(parse("007") == .finite(7))
    }

    @Test("correctly rounded: agrees with Double(String) bit for bit on hard and random literals")
    func correctlyRounded() {
        var literals = [
            "0.1", "0.30000000000000004", "2.2250738585072014e-308", "4.9e-324", "5e-324",
            "1.7976931348623157e308", "9007199254740993", "123456789012345678901234567890",
            "0.000000000000000000000000001", "3.141592653589793238462643383279",
            "1.00000000000000011102230246251565404236316680908203125", "7.038531e-26",
            "9999999999999999999", "12345678901234567890.5e-3", "1e22", "1e23", "8.98846567431158e307",
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let bits = generator.next() & 0x7FEF_FFFF_FFFF_FFFF
            let value = Double(bitPattern: bits)
            literals.append("\(value)")
            literals.append(String(format: "%.17g", value))
            literals.append(String(format: "%.6f", Double(generator.next() % 1_000_000_000) / 997))
        }
        for literal in literals {
            guard let expected = Double(literal) else { continue }
            let parsed = parse(literal)
            if expected.isInfinite {
                #expect(parsed == .infinite(expected), "\(literal)")
            } else {
                guard case .finite(let value) = parsed else {
                    Issue.record("\(literal) did not parse: \(parsed)"); continue
                }
                #expect(value.bitPattern == expected.bitPattern, "\(literal): \(value) != \(expected)")
            }
        }
    }
}
