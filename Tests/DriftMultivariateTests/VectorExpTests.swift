import Foundation
import Testing
@testable import DriftMultivariate

@Suite struct VectorExpTests {
    @Test func zeroIsExactlyOneAndUnderflowIsZero() {
        let result = nonPositiveExp(SIMD8<Double>(0, -0.0, -708, -709, -745, -1e300, -.infinity, -1e-300))
        #expect(result[0] == 1 && result[1] == 1)
        #expect(result[2] > 0 && result[2] < 1e-307)
        #expect(result[3] == 0 && result[4] == 0 && result[5] == 0 && result[6] == 0)
        #expect(result[7] == 1)
    }

    /// Within 2 ulp of glibc's `exp` over the kernel's whole range.
    @Test func agreesWithLibmAcrossTheRange() {
        var worst = 0.0
        var x = -707.9
        while x <= 0 {
            let lanes = SIMD8<Double>((0..<8).map { max(x + Double($0) * 1e-3 * x, -707.99) })
            let result = nonPositiveExp(lanes)
            for lane in 0..<8 {
                let expected = exp(lanes[lane])
                worst = max(worst, abs(result[lane] - expected) / expected.ulp)
            }
            x += 0.0737
        }
        #expect(worst <= 2, "worst error \(worst) ulp")
    }

    @Test func bufferVersionHandlesTailsAndScale() {
        for count in [0, 1, 7, 8, 9, 23] {
            var values = (0..<count).map { Double($0) * 0.37 }
            values.withUnsafeMutableBufferPointer { exponentiateNonPositive($0, scale: -0.5) }
            for (index, value) in values.enumerated() {
                let expected = exp(-0.5 * Double(index) * 0.37)
                #expect(abs(value - expected) <= 2 * expected.ulp, "count \(count) index \(index)")
            }
        }
    }
}
