import Foundation
import Testing
@testable import DriftStatistics

/// `BesselK` (K_ν by the trapezoidal rule on its integral representation) against
/// high-precision references.
@Suite("Modified Bessel function K_nu")
struct BesselKTests {
    // Reference values produced at development time with mpmath 1.3.0 at 30 significant digits:
    //   python3 -c "import mpmath; mpmath.mp.dps=30; print(mpmath.nstr(mpmath.besselk(0.25, x), 17))"
    // (x given as a decimal string, so the argument is exact).
    static let quarterOrder: [(x: Double, value: Double)] = [
        (1e-8, 215.5594459838469),
        (1e-5, 38.220264538878945),
        (0.001, 11.756476271934459),
        (0.01, 6.1657412641392402),
        (0.1, 2.6851568718760593),
        (0.5, 0.96031632493188602),
        (1, 0.43073977444858552),
        (1.5, 0.21735815698180043),
        (1.99, 0.1168109928704631),
        (2, 0.11537827684085676),
        (2.01, 0.1139643955691969),
        (2.5, 0.063017158998619516),
        (3, 0.035057056089413134),
        (5, 0.0037123027320318406),
        (10, 1.7833184439806392e-5),
        (20, 5.7500020724036826e-10),
        (50, 3.4122788875748856e-23),
        (100, 4.6580764515098398e-45),
        (300, 3.7240821157308347e-132),
        (700, 4.6699847598133661e-306),
    ]

    // Same procedure with mpmath.besselk(0, x) and mpmath.besselk(1, x).
    static let orderZero: [(x: Double, value: Double)] = [
        (1e-6, 13.931442073626419), (0.3, 1.3724600605442974),
        (4, 0.011159676085853024), (40, 8.392861100099567e-19),
    ]
    static let orderOne: [(x: Double, value: Double)] = [
        (1e-6, 999999.99999278428), (0.3, 3.055992033457325),
        (4, 0.012483498887268431), (40, 8.4971319548610387e-19),
    ]

    @Test("domain edges: x = 0 is +infinity, negative or NaN x and |nu| > 1 are NaN")
    func domain() {
        #expect(BesselK.value(order: 0.25, 0) == .infinity)
        #expect(BesselK.value(order: 0.25, -1).isNaN)
        #expect(BesselK.value(order: 0.25, .nan).isNaN)
        #expect(BesselK.value(order: 1.5, 1).isNaN)
        #expect(BesselK.value(order: 0.25, 800) == 0 || BesselK.value(order: 0.25, 800) < 1e-300)
    }

    @Test("K_{1/4} matches mpmath to 1e-14 relative from 1e-8 to 700")
    func quarterOrderTable() {
        for (x, reference) in Self.quarterOrder {
            let value = BesselK.value(order: 0.25, x)
            #expect(abs(value - reference) <= 1e-14 * reference, "K_1/4(\(x)) = \(value), mpmath \(reference)")
        }
    }

    @Test("K_0 and K_1 match mpmath (the method is not specific to nu = 1/4)")
    func otherOrders() {
        for (x, reference) in Self.orderZero {
            let value = BesselK.value(order: 0, x)
            #expect(abs(value - reference) <= 1e-14 * reference, "K_0(\(x)) = \(value), mpmath \(reference)")
        }
        for (x, reference) in Self.orderOne {
            let value = BesselK.value(order: 1, x)
            #expect(abs(value - reference) <= 1e-14 * reference, "K_1(\(x)) = \(value), mpmath \(reference)")
        }
    }

    @Test("closed form K_{1/2}(x) = sqrt(pi / (2x)) e^-x, and K is even in nu")
    func halfOrderClosedForm() {
        var x = 1e-9
        while x < 600 {
            let closed = (Double.pi / (2 * x)).squareRoot()
            let scaled = BesselK.scaled(order: 0.5, x)
            #expect(abs(scaled - closed) <= 2e-15 * closed, "e^x K_1/2(\(x)) = \(scaled), closed form \(closed)")
            #expect(BesselK.scaled(order: -0.25, x) == BesselK.scaled(order: 0.25, x))
            x *= 3.7
        }
    }

    @Test("recurrence K_{nu+1}(x) = K_{nu-1}(x) + (2 nu / x) K_nu(x) at nu = 1/2")
    func recurrenceAtHalf() {
        // K_{3/2}(x) = sqrt(pi/(2x)) e^-x (1 + 1/x) = K_{-1/2}(x) + (1/x) K_{1/2}(x), with K_{-1/2} = K_{1/2}.
        for x in [0.01, 0.7, 3.0, 25.0] {
            let half = BesselK.scaled(order: 0.5, x)
            let threeHalves = (Double.pi / (2 * x)).squareRoot() * (1 + 1 / x)
            let viaRecurrence = half + half / x
            #expect(abs(viaRecurrence - threeHalves) <= 4e-15 * threeHalves, "x = \(x)")
        }
    }
}
