import Foundation
import Testing
@testable import DriftStatistics

@Suite("Smirnov one-sided one-sample distribution")
struct SmirnovDistributionTests {
    @Test func edgesAndClosedForms() {
        #expect(smirnovSurvival(10, 0) == 1)
        #expect(smirnovSurvival(10, -1) == 1)
        #expect(smirnovSurvival(10, 1) == 0)
        #expect(smirnovSurvival(0, 0.5).isNaN)
        #expect(smirnovSurvival(3, .nan).isNaN)
        #expect(smirnovSurvival(1, 0.3) == 0.7)
        // x <= 1/n: 1 - x (1 + x)^(n-1).
        #expect(abs(smirnovSurvival(5, 0.1) - (1 - 0.1 * pow(1.1, 4))) <= 1e-15)
        // x >= 1 - 1/n: (1 - x)^n.
        #expect(abs(smirnovSurvival(10, 0.95) - pow(0.05, 10)) <= 1e-12 * pow(0.05, 10))
        // -2 n x^2 below log(DBL_MIN): exactly 0, as scipy.
        #expect(smirnovSurvival(1440, 0.5) == 0)
    }

    @Test func birnbaumTingeySumForSmallN() {
        // The Birnbaum–Tingey sum written out term by term for n = 3.
        let n = 3, x = 0.4
        var sum = 0.0
        for j in 0...Int((Double(n) * (1 - x)).rounded(.down)) {
            let binomial = Double([1, 3, 3, 1][j])
            sum += binomial * pow(x + Double(j) / 3, Double(j - 1)) * pow(1 - x - Double(j) / 3, Double(n - j))
        }
        #expect(abs(smirnovSurvival(n, x) - x * sum) <= 1e-15)
    }

    /// `(n, x, scipy.special.smirnov(n, x))` from scipy 1.17.1.
    static let scipyValues: [(Int, Double, Double)] = [
        (1, 0.3, 0.7),
        (5, 0.1, 0.85359),
        (10, 0.15, 0.5831277144961914),
        (10, 0.95, 9.765625000000086e-14),
        (100, 0.05, 0.5871453380805337),
        (150, 0.1466666666666666, 0.001397277900208846),          // n x just below an integer
        (1000, 0.05, 0.006506037390545166),
        (25000, 0.01022, 0.005357229470155037),
        (500000, 0.002, 0.018291201767145205),
        (2000000, 0.001, 0.018303432023617325),                   // n > 10^6 approximation
    ]

    @Test(arguments: scipyValues)
    func matchesScipy(_ row: (Int, Double, Double)) {
        let (n, x, expected) = row
        let tolerance = expected < 1e-14 ? 1e-6 * expected : max(1e-14, 1e-9 * expected)
        let actual = smirnovSurvival(n, x)
        #expect(abs(actual - expected) <= tolerance, "n=\(n) x=\(x): got \(actual), expected \(expected)")
    }

    @Test func peakSummationMatchesFullScan() {
        for (n, x) in [(5000, 0.02), (20000, 0.0105), (60000, 0.01), (8000, 0.3)] {
            let terms = BirnbaumTingeyTerms(n: n, x: x)
            let last = n - floorOfProduct(Double(n), x).0 - 1
            let full = terms.logSumByFullScan(through: last)
            let peak = terms.logSumAroundPeak(through: last)
            #expect(abs(full - peak) <= 1e-9, "n=\(n) x=\(x): \(full) vs \(peak)")
        }
    }

    @Test func logBinomialMatchesLogGamma() {
        for (n, j) in [(10, 3), (100, 50), (1000, 17), (1000, 500), (100_000, 33_333)] {
            let reference = lgamma(Double(n + 1)) - lgamma(Double(j + 1)) - lgamma(Double(n - j + 1))
            #expect(abs(logBinomialCoefficient(n, j) - reference) <= 1e-12 * max(1, reference))
        }
    }

    @Test func survivalDecreasesInX() {
        for n in [2, 10, 100, 5000] {
            var previous = 1.0
            for step in 0...200 {
                let p = smirnovSurvival(n, Double(step) / 200)
                #expect(p >= 0 && p <= previous + 1e-12, "n=\(n) step=\(step)")
                previous = p
            }
        }
    }
}
