@testable import DriftHTML
import Testing

@Suite("Scales and ticks")
struct ScaleTests {
    @Test("a linear scale maps ends to ends, flips for y, and widens a zero-width domain")
    func linear() {
        let x = LinearScale(domain: 0...10, range: 100...200)
        #expect(x.position(0) == 100 && x.position(10) == 200 && x.position(5) == 150)
        let y = LinearScale(domain: 0...1, range: 10...110, flipped: true)
        #expect(y.position(0) == 110 && y.position(1) == 10)
        let constant = LinearScale(domain: 5...5, range: 0...1)
        #expect(constant.domain.lowerBound < 5 && constant.domain.upperBound > 5)
    }

    @Test("nice domains end on ticks of 1, 2 or 5 times a power of ten", arguments: [
        (0.0...37.0, [0.0, 10, 20, 30, 40]),
        (0.0...0.23, [0.0, 0.05, 0.1, 0.15, 0.2, 0.25]),
        (-3.2...7.9, [-4.0, -2, 0, 2, 4, 6, 8]),
        (18.0...79.0, [10.0, 20, 30, 40, 50, 60, 70, 80]),
    ])
    func niceTicks(domain: ClosedRange<Double>, expected: [Double]) {
        let scale = LinearScale(domain: domain, range: 0...100).nice()
        let ticks = scale.ticks()
        #expect(ticks.count == expected.count, "\(ticks)")
        for (tick, value) in zip(ticks, expected) { #expect(abs(tick - value) < 1e-12, "\(ticks)") }
        #expect(scale.domain.lowerBound == ticks.first && abs(scale.domain.upperBound - (ticks.last ?? 0)) < 1e-12)
    }

    @Test("a log scale covers whole decades, puts 1e-3 halfway between 1e-6 and 1, and thins its ticks")
    func logarithmic() {
        let y = LogScale(domain: 3e-6...0.5, range: 0...600, flipped: true)
        #expect(y.domain.lowerBound == 1e-6 && y.domain.upperBound == 1)
        #expect(abs(y.position(1e-3) - 300) < 1e-9)
        #expect(y.position(0) == 600)   // p = 0 sits on the floor
        #expect(y.ticks().count == 7)
        let wide = LogScale(domain: 1e-300...1, range: 0...100)
        let ticks = wide.ticks(maximum: 8)
        #expect(ticks.count <= 8 && ticks.last == 1)
    }

    @Test("labels: four significant digits, percentages, powers of ten")
    func labels() {
        #expect(displayNumber(0.000012345) == "1.234e-05")
        #expect(displayNumber(0.1234567) == "0.1235")
        #expect(displayNumber(nil) == "-")
        #expect(displayPercent(0.125) == "12.5%")
        #expect(tickLabel(0.30000000000000004) == "0.3")
        #expect(powerOfTenLabel(1) == "1" && powerOfTenLabel(0.01) == "0.01" && powerOfTenLabel(1e-7) == "1e-7")
    }
}
