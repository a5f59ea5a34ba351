import Foundation
import Testing
@testable import DriftStatistics

@Suite("Kolmogorov two-sided one-sample distribution (kstwo)")
struct KolmogorovDistributionTests {
    // MARK: - Edges of the domain

    @Test func outsideTheSupport() {
        #expect(kolmogorovSurvival(10, 1.0) == 0)
        #expect(kolmogorovSurvival(10, 1.5) == 0)
        #expect(kolmogorovSurvival(10, 0.05) == 1)      // x <= 0.5 / n
        #expect(kolmogorovSurvival(10, 0) == 1)
        #expect(kolmogorovSurvival(10, -0.3) == 1)
        #expect(kolmogorovSurvival(0, 0.3).isNaN)
        #expect(kolmogorovSurvival(10, .nan).isNaN)
    }

    @Test func closedFormsOfRubenAndGambino() {
        // n = 1: D_1 = max(U, 1 - U), so P(D_1 >= x) = 2 - 2x on [1/2, 1].
        #expect(abs(kolmogorovSurvival(1, 0.75) - 0.5) <= 1e-15)
        // n x <= 1: 1 - n!/n^n (2nx - 1)^n.
        let n = 7, x = 0.12
        var product = 1.0
        for i in 1...n { product *= Double(i) / Double(n) * (2 * Double(n) * x - 1) }
        #expect(abs(kolmogorovSurvival(n, x) - (1 - product)) <= 1e-15)
        // n x >= n - 1: 2 (1 - x)^n.
        #expect(abs(kolmogorovSurvival(30, 0.98) - 2 * pow(0.02, 30)) <= 1e-12 * 2 * pow(0.02, 30))
    }

    // MARK: - scipy reference values, one or more per branch

    /// `(n, x, kstwo.sf(x, n))` from scipy 1.17.1.
    static let scipyValues: [(Int, Double, Double)] = [
        (1, 0.75, 0.5),                                          // Ruben–Gambino, n x <= 1
        (10, 0.08, 0.9999978058034054),                          // Ruben–Gambino, n x <= 1
        (10, 0.274, 0.3715203845434957),                         // Durbin (n <= 140)
        (27, 0.3133333333333334, 0.007454542334060177),          // Pomeranz
        (50, 0.1, 0.6623112704658186),                           // Durbin
        (100, 0.2, 0.0005551927327988775),                       // 2 smirnov (n <= 140, n x^2 > 4)
        (140, 0.2, 2.1981563302200222e-05),                      // 2 smirnov
        (140, 0.6, 1.0052268370224967e-48),                      // x >= 0.5
        (141, 0.05, 0.854845693009663),                          // Durbin (n > 140)
        (1000, 0.03, 0.3226902143914636),                        // Durbin (n > 140)
        (1000, 0.06, 0.001428597887952891),                      // 2 smirnov (n x^2 >= 2.2)
        (8571, 0.0062833333333333075, 0.8853516268586084),       // Pelz–Good
        (25000, 0.01022, 0.010714458940310074),                  // 2 smirnov
        (5000, 0.002, 1.0),                                      // Pelz-Good, tiny z
        (200000, 0.003, 0.0545369786611305),                     // Pelz–Good (n > 100000)
        (100000, 0.004, 0.08130148920222469),                    // Pelz–Good (n x^1.5 > 1.4)
        (2000, 0.45, 0.0),                                       // n x^2 >= 370
        (30, 0.98, 2.1474836480000572e-51),                      // Ruben–Gambino, n x >= n - 1
    ]

    @Test(arguments: scipyValues)
    func matchesScipy(_ row: (Int, Double, Double)) {
        let (n, x, expected) = row
        let tolerance = expected < 1e-14 ? 1e-6 * expected : max(1e-14, 1e-9 * expected)
        let actual = kolmogorovSurvival(n, x)
        #expect(abs(actual - expected) <= tolerance, "n=\(n) x=\(x): got \(actual), expected \(expected)")
    }

    // MARK: - Independent checks

    @Test func durbinAndPomeranzAgree() {
        // Two exact algorithms for the same CDF.
        for n in [2, 5, 10, 27, 60, 140] {
            for t in stride(from: 1.1, through: min(Double(n) - 1.1, 20), by: 0.37) {
                let x = t / Double(n)
                let durbin = durbinMatrixCDF(n, x)
                let pomeranz = pomeranzCDF(n, x)
                #expect(abs(durbin - pomeranz) <= 1e-12, "n=\(n) x=\(x): \(durbin) vs \(pomeranz)")
            }
        }
    }

    @Test func pelzGoodApproachesDurbinForLargeN() {
        // Pelz–Good is an expansion in 1/sqrt(n); at n = 10^4 it agrees with the exact value
        // to about 1e-7, which catches any wrong K0...K2 coefficient.
        for x in [0.008, 0.01, 0.012] {
            let exact = durbinMatrixCDF(10_000, x)
            let approximate = pelzGoodCDF(10_000, x)
            #expect(abs(exact - approximate) <= 1e-6, "x=\(x): \(exact) vs \(approximate)")
        }
    }

    @Test func survivalIsAProbabilityAndDecreasesInX() {
        for n in [1, 2, 3, 10, 50, 140, 141, 500, 5000, 100_000, 100_001, 400_000] {
            var previous = 1.0
            for step in 0...400 {
                let x = Double(step) / 400
                let p = kolmogorovSurvival(n, x)
                #expect(p >= 0 && p <= 1, "n=\(n) x=\(x): \(p)")
                #expect(p <= previous + 1e-12, "n=\(n) x=\(x): \(p) > \(previous)")
                previous = p
            }
        }
    }

    @Test func continuousAcrossBranchBoundaries() {
        // Evaluate just below and just above every switch of method. Between exact methods the
        // function is continuous to rounding; where scipy switches to an approximation
        // (2 smirnov ignores the tiny two-sided intersection, Pelz–Good truncates an expansion)
        // it jumps by the approximation error, which is bounded here.
        func check(_ n: Int, _ x: Double, relative: Double, absolute: Double, _ what: String) {
            let below = kolmogorovSurvival(n, x * (1 - 1e-9))
            let above = kolmogorovSurvival(n, x * (1 + 1e-9))
            #expect(abs(below - above) <= relative * below + absolute, "\(what) n=\(n): \(below) vs \(above)")
        }
        for n in [20, 100, 140] {
            check(n, (0.754693 / Double(n)).squareRoot(), relative: 1e-7, absolute: 1e-12, "Durbin/Pomeranz")
            check(n, (4 / Double(n)).squareRoot(), relative: 1e-7, absolute: 1e-12, "Pomeranz/smirnov")
            check(n, 1 / Double(n), relative: 1e-7, absolute: 1e-12, "Ruben-Gambino")
            check(n, Double(n - 1) / Double(n), relative: 1e-7, absolute: 1e-12, "Ruben-Gambino upper")
        }
        for n in [141, 1000, 50_000] {
            check(n, (2.2 / Double(n)).squareRoot(), relative: 3e-5, absolute: 0, "Durbin/smirnov")
            check(n, pow(1.4 / Double(n), 2.0 / 3.0), relative: 0, absolute: 5e-6, "Durbin/Pelz-Good")
        }
        check(100_000, (2.2 / 100_000).squareRoot(), relative: 3e-6, absolute: 0, "Pelz-Good/smirnov")
        check(1000, 0.5, relative: 1e-7, absolute: 1e-12, "x = 1/2")
    }
}
