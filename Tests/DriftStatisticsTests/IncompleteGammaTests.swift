import Foundation
import Testing
@testable import DriftStatistics

/// The regularised incomplete gamma functions against mpmath and closed forms.
@Suite("Regularised incomplete gamma")
struct IncompleteGammaTests {
    // Q(a, x) produced at development time with mpmath 1.3.0 at 30 digits:
    //   mpmath.nstr(mpmath.gammainc(mpmath.mpf(a), mpmath.mpf(x), mpmath.inf, regularized=True), 17)
    // (a and x given as decimal strings). The last rows are subnormal or below the smallest subnormal.
    static let upperTable: [(a: Double, x: Double, q: Double)] = [
        (0.5, 1e-10, 0.99998871620832942),
        (0.5, 0.5, 0.3173105078629141),
        (0.5, 3, 0.01430587843542964),
        (1, 5, 0.0067379469990854671),
        (1.5, 0.2, 0.94024249483936074),
        (2.5, 100, 2.8406228986415317e-41),
        (3, 2, 0.67667641618306346),
        (4.5, 4, 0.53414621690969131),
        (10, 9, 0.58740824433194141),
        (10.5, 3, 0.99942617947165641),
        (24.5, 60, 6.8769614270628652e-8),
        (50, 30, 0.99948110853745197),
        (50, 80, 0.00013078397659141034),
        (500, 450, 0.98928276190871026),
        (500, 560, 0.0046931659992947694),
        (500, 1000, 4.1436785914549917e-69),
        (5000, 5200, 0.0025848134953538087),
        (50000, 50000, 0.49940529189520669),
        (500000, 510000, 3.8839118311893805e-45),
        (4.5, 60.5, 8.3389773945706163e-22),
        (0.5, 700, 2.1010145162642175e-306),
        (0.5, 740, subnormal(8.681597503577532)),   // 8.681597503577532e-324
        (1, 744, subnormal(7.6719447041799791)),    // 7.6719447041799791e-324
    ]

    // Same procedure; true values below the smallest subnormal (written as multiples of it
    // because the literals themselves underflow): 2.553768547752132e-324 rounds up to the
    // smallest subnormal, the others to zero.
    static let belowSubnormal: [(a: Double, x: Double, multipleOfSmallest: Double)] = [
        (1, 745.1, 2.553768547752132 / 4.9406564584124654),
        (1, 746, 1.0382848095158282 / 4.9406564584124654),
        (5, 1000, 0),  // 2.1234682360796924e-424
    ]

    // P(a, x) = mpmath.gammainc(a, 0, x, regularized=True), same procedure.
    static let lowerTable: [(a: Double, x: Double, p: Double)] = [
        (0.5, 1e-10, 1.1283791670578999e-5),
        (3, 2, 0.32332358381693654),
        (10, 9, 0.41259175566805859),
        (500, 450, 0.010717238091289742),
        (2.5, 100, 1.0),
    ]

    static let smallestSubnormal = Double.leastNonzeroMagnitude

    /// `mantissa`e-324 (a literal that small would not survive conversion without a warning).
    static func subnormal(_ mantissa: Double) -> Double {
        Double.leastNonzeroMagnitude * (mantissa / 4.9406564584124654)
    }

    /// The relative tolerance for a value near `reference`: the prefactor is `exp(L)` with
    /// |L| ≈ -ln(reference), and rounding L to a double alone costs |L|·2^-53 relative.
    static func relativeTolerance(_ reference: Double) -> Double {
        1e-14 + 3e-16 * abs(log(reference))
    }

    @Test("domain edges: x = 0, x = infinity, invalid a or x")
    func edges() {
        #expect(IncompleteGamma.upper(2, 0) == 1)
        #expect(IncompleteGamma.lower(2, 0) == 0)
        #expect(IncompleteGamma.upper(2, .infinity) == 0)
        #expect(IncompleteGamma.lower(2, .infinity) == 1)
        #expect(IncompleteGamma.upper(0, 1).isNaN)
        #expect(IncompleteGamma.upper(-1, 1).isNaN)
        #expect(IncompleteGamma.upper(1, -1).isNaN)
        #expect(IncompleteGamma.upper(1, .nan).isNaN)
        #expect(IncompleteGamma.upper(.infinity, 1).isNaN)
    }

    @Test("Q matches mpmath to 1e-13 relative, through the subnormal range, and underflows only below it")
    func upperMatchesMpmath() {
        for (a, x, reference) in Self.upperTable {
            let q = IncompleteGamma.upper(a, x)
            if reference >= Double.leastNormalMagnitude {
                #expect(abs(q - reference) <= Self.relativeTolerance(reference) * reference, "Q(\(a), \(x)) = \(q), mpmath \(reference)")
            } else if reference >= Self.smallestSubnormal {
                // Subnormal: at most one unit in the last place, and never flushed to zero.
                #expect(q > 0 && abs(q - reference) <= Self.smallestSubnormal,
                        "Q(\(a), \(x)) = \(q), mpmath \(reference)")
            } else {
                Issue.record("table row (\(a), \(x)) belongs in belowSubnormal")
            }
        }
        for (a, x, multiple) in Self.belowSubnormal {
            let q = IncompleteGamma.upper(a, x)
            if multiple < 0.45 {
                #expect(q == 0, "Q(\(a), \(x)) = \(q) should underflow to 0")
            } else {
                #expect(q == 0 || q == Self.smallestSubnormal, "Q(\(a), \(x)) = \(q)")
            }
        }
    }

    @Test("P matches mpmath and P + Q = 1")
    func lowerMatchesMpmath() {
        for (a, x, reference) in Self.lowerTable {
            let p = IncompleteGamma.lower(a, x)
            #expect(abs(p - reference) <= Self.relativeTolerance(reference) * reference, "P(\(a), \(x)) = \(p), mpmath \(reference)")
        }
        for (a, x, _) in Self.upperTable where a < 1000 {
            let sum = IncompleteGamma.lower(a, x) + IncompleteGamma.upper(a, x)
            #expect(abs(sum - 1) <= 4e-16, "P + Q at (\(a), \(x)) = \(sum)")
        }
    }

    @Test("closed forms: Q(1, x) = e^-x and Q(1/2, x) = erfc(sqrt x), on both sides of x = a + 1")
    func closedForms() {
        var x = 1e-6
        while x < 700 {
            let exponential = exp(-x)
            #expect(abs(IncompleteGamma.upper(1, x) - exponential) <= Self.relativeTolerance(exponential) * exponential,
                    "Q(1, \(x))")
            // glibc's erfc adds its own few ulps.
            let complementaryError = erfc(x.squareRoot())
            #expect(abs(IncompleteGamma.upper(0.5, x) - complementaryError)
                        <= 2 * Self.relativeTolerance(complementaryError) * complementaryError,
                    "Q(1/2, \(x))")
            x *= 1.9
        }
    }

    @Test("integer a: Q(n, x) = e^-x sum_{k<n} x^k / k!")
    func poissonSum() {
        for n in [2, 3, 7, 15] {
            for x in [0.5, 3.0, 10.0, 40.0] {
                var term = 1.0
                var sum = 1.0
                for k in 1..<n {
                    term *= x / Double(k)
                    sum += term
                }
                let expected = exp(-x) * sum
                let q = IncompleteGamma.upper(Double(n), x)
                #expect(abs(q - expected) <= 1e-13 * expected, "Q(\(n), \(x)) = \(q), expected \(expected)")
            }
        }
    }
}
