import Testing
@testable import DriftMultivariate

@Suite struct PairwiseMedianTests {
    /// Fills the strict upper triangle of an n × n matrix with `values` and counts them.
    func triangle(_ values: [Double], order n: Int) -> ([Double], PairwiseMedian) {
        var matrix = [Double](repeating: -1, count: n * n)   // lower triangle: must be ignored
        var counts = PairwiseMedian()
        var next = 0
        for i in 0..<n { for j in (i + 1)..<n {
            matrix[i * n + j] = values[next]
            counts.add(values[next])
            next += 1
        } }
        return (matrix, counts)
    }

    /// Collects the strict-upper-triangle values with the given top 16 bits.
    func collector(_ matrix: [Double], order n: Int) -> (UInt64) -> [Double] {
        { top in
            var members: [Double] = []
            for i in 0..<n { for j in (i + 1)..<n where matrix[i * n + j].bitPattern >> 48 == top { members.append(matrix[i * n + j]) } }
            return members
        }
    }

    @Test func everyRankOfASmallTriangleWithTies() {
        let values: [Double] = [3, 0, 0, 2.5, 1e-300, 7, 7, 7, 0.5, 1e300]   // n = 5: 10 pairs
        let (matrix, counts) = triangle(values, order: 5)
        let sorted = values.sorted()
        for rank in 0..<10 {
            #expect(counts.value(atRank: rank, collect: collector(matrix, order: 5)) == sorted[rank], "rank \(rank)")
        }
        // numpy's median of the square roots: the mean of the two middle ones (10 values).
        #expect(counts.medianOfSquareRoots(collect: collector(matrix, order: 5)) == (sorted[4].squareRoot() + sorted[5].squareRoot()) / 2)
    }

    /// Many values in one top-16-bit bucket force the refinement levels.
    @Test func refinesCrowdedBuckets() {
        var generator = DriftStatisticsGenerator(seed: 5)
        let n = 200   // 19 900 pairs, all in [1, 1 + 2⁻²⁰): one top-level bucket
        let values = (0..<(n * (n - 1) / 2)).map { _ in 1 + generator.unit() * 0x1p-20 }
        let (matrix, counts) = triangle(values, order: n)
        let sorted = values.sorted()
        for rank in [0, 1, 9_949, 9_950, 19_898, 19_899] {
            #expect(counts.value(atRank: rank, collect: collector(matrix, order: n)) == sorted[rank], "rank \(rank)")
        }
    }
}

import DriftStatistics

/// Uniform doubles in [0, 1) for test data.
struct DriftStatisticsGenerator {
    var inner: SplitMix64
    init(seed: UInt64) { inner = SplitMix64(seed: seed) }
    mutating func unit() -> Double { Double(inner.next() >> 11) * 0x1p-53 }
}
