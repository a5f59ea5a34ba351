/// NumPy's summation order for a contiguous `float64` reduction (`numpy.sum`).
///
/// NumPy adds a contiguous array with blocked pairwise summation: fewer than 8 values are
/// added left to right; up to 128 values are spread over 8 running accumulators combined as
/// `((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))`, followed by the leftover values;
/// longer arrays are split at half the length rounded down to a multiple of 8 and the two
/// halves are summed recursively. Reproducing that order lets the Cramér–von Mises `U`,
/// the chi-square margins and the Jensen–Shannon sums round exactly like scipy's, which
/// matters where a later subtraction cancels most digits (the Cramér–von Mises `T`).
///
/// The error bound is O(log n · ε) times the sum of magnitudes, far better than a
/// left-to-right loop.
@usableFromInline
internal enum NumPyPairwiseSum {
    /// The largest block summed with the eight-accumulator loop (NumPy's `PW_BLOCKSIZE`).
    @usableFromInline static let blockSize = 128

    /// Sums `values` in NumPy's pairwise order.
    ///
    /// - Parameter values: The terms (any length; the empty sum is `0`).
    /// - Returns: The sum, rounded exactly as `numpy.sum` rounds it.
    /// - Complexity: O(n) time, O(log n) stack.
    @inlinable
    static func sum(_ values: [Double]) -> Double {
        values.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
            return sum(base, count: buffer.count)
        }
    }

    /// Sums `count` values starting at `base` in NumPy's pairwise order.
    @inlinable
    static func sum(_ base: UnsafePointer<Double>, count: Int) -> Double {
        if count < 8 {
            var result = -0.0
            for index in 0..<count { result += base[index] }
            return result
        }
        if count <= blockSize {
            var r0 = base[0], r1 = base[1], r2 = base[2], r3 = base[3]
            var r4 = base[4], r5 = base[5], r6 = base[6], r7 = base[7]
            var index = 8
            let end = count - count % 8
            while index < end {
                r0 += base[index]
                r1 += base[index + 1]
                r2 += base[index + 2]
                r3 += base[index + 3]
                r4 += base[index + 4]
                r5 += base[index + 5]
                r6 += base[index + 6]
                r7 += base[index + 7]
                index += 8
            }
            var result = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
            while index < count {
                result += base[index]
                index += 1
            }
            return result
        }
        var half = count / 2
        half -= half % 8
        return sum(base, count: half) + sum(base + half, count: count - half)
    }
}
