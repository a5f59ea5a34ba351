import DriftStatistics
import Foundation
import Testing
@testable import DriftMultivariate

@Suite struct MaximumMeanDiscrepancyTests {
    let x = try! Matrix(rowArrays: [[0, 1], [1, 0], [2, 2], [3, 1]])
    let y = try! Matrix(rowArrays: [[0, 0], [1, 1], [2, 0]])

    // MARK: Edge cases

    @Test func tooFewRowsOnEitherSide() throws {
        let one = try Matrix(rowArrays: [[1, 2]])
        #expect(throws: MultivariateError.tooFewRows(sample: "reference", rows: 1, needed: 2)) {
            try maximumMeanDiscrepancy(reference: one, production: y, seed: 1)
        }
        #expect(throws: MultivariateError.tooFewRows(sample: "production", rows: 1, needed: 2)) {
            try maximumMeanDiscrepancy(reference: x, production: one, seed: 1)
        }
    }

    @Test func mismatchedColumnsNonFiniteAndBadArguments() throws {
        let wide = try Matrix(rowArrays: [[1, 2, 3], [4, 5, 6]])
        #expect(throws: MultivariateError.self) { try maximumMeanDiscrepancy(reference: x, production: wide, seed: 1) }
        var bad = y
        bad[1, 1] = .nan
        let error = #expect(throws: MultivariateError.self) { try maximumMeanDiscrepancy(reference: x, production: bad, seed: 1) }
        #expect(error?.description == "production: row 1, column 1 is nan")
        #expect(throws: MultivariateError.self) { try maximumMeanDiscrepancy(reference: x, production: y, bandwidth: .fixed(0), seed: 1) }
        #expect(throws: MultivariateError.self) { try maximumMeanDiscrepancy(reference: x, production: y, bandwidth: .fixed(.infinity), seed: 1) }
        #expect(throws: MultivariateError.self) { try maximumMeanDiscrepancy(reference: x, production: y, permutations: 0, seed: 1) }
    }

    @Test func identicalRowsEverywhereGiveZeroAndPValueOne() throws {
        let same = try Matrix(rowArrays: [[1, 1], [1, 1], [1, 1]])
        let result = try maximumMeanDiscrepancy(reference: same, production: same, permutations: 20, seed: 3)
        #expect(result.statistic == 0)
        #expect(result.pValue == 1)
        #expect(result.bandwidth == 0)
    }

    @Test func pValueIsAPermutationPValue() throws {
        let result = try maximumMeanDiscrepancy(reference: x, production: y, permutations: 9, seed: 4)
        #expect(result.permutations == 9)
        #expect((result.pValue * 10).rounded() == result.pValue * 10)
        #expect(result.pValue >= 0.1 && result.pValue <= 1)
        #expect(result.referenceRows == 4 && result.productionRows == 3)
    }

    // MARK: numpy vectors

    @Test func matchesNumpyVectors() throws {
        let cases = try MultivariateVector.all().filter { $0.kind == "mmd" }
        #expect(cases.count >= 4)
        for vector in cases {
            guard case .mmd(let expected) = vector.expected, let xs = vector.x, let ys = vector.y,
                  let permutations = vector.permutations else {
                Issue.record("\(vector.id): malformed case")
                continue
            }
            let result = try maximumMeanDiscrepancy(
                reference: Matrix(rowArrays: xs), production: Matrix(rowArrays: ys),
                bandwidth: vector.bandwidth.map { .fixed($0) } ?? .medianHeuristic,
                permutations: permutations, seed: vector.seed)
            #expect(isClose(result.bandwidth, expected.bandwidth, relative: 1e-12), "\(vector.id): bandwidth \(result.bandwidth) vs \(expected.bandwidth)")
            #expect(isClose(result.statistic, expected.statistic, absolute: 1e-12), "\(vector.id): MMD² \(result.statistic) vs \(expected.statistic)")
            if expected.min_gap_to_permuted > 1e-9 {
                #expect(result.pValue == expected.p_value, "\(vector.id): p \(result.pValue) vs \(expected.p_value)")
            } else {
                // Permuted statistics tie the observed one exactly: rounding may order each of
                // them either way, so the p-value lies in the range those ties span, no wider.
                #expect(expected.p_value_min < expected.p_value_max, "\(vector.id): a tie case without ties")
                #expect(result.pValue >= expected.p_value_min && result.pValue <= expected.p_value_max,
                        "\(vector.id): p \(result.pValue) outside [\(expected.p_value_min), \(expected.p_value_max)]")
                #expect(((result.pValue * Double(permutations + 1)).rounded() - result.pValue * Double(permutations + 1)).magnitude < 1e-9)
            }
        }
    }

    // MARK: Independent checks

    /// The permutation statistics from the one `dsymm` product equal the unbiased MMD²
    /// computed pair by pair from the kernel for the same relabelling.
    @Test func permutationStatisticsEqualDirectSums() throws {
        let reference = chainCorrelated(rows: 25, features: 3, rho: 0.5, seed: 1)
        let production = chainCorrelated(rows: 18, features: 3, rho: -0.3, seed: 2)
        let pooled = Standardization.fit(reference.stacked(on: production)).apply(reference.stacked(on: production))
        let kernel = MMDComputation.PooledKernel(pooled, bandwidth: .medianHeuristic)
        let statistics = MMDComputation.statistics(kernel: kernel, referenceRows: 25, permutations: 5, seed: 99)
        func k(_ i: Int, _ j: Int) -> Double {
            let d2 = (0..<3).reduce(0.0) { $0 + pow(pooled[i, $1] - pooled[j, $1], 2) }
            return exp(-d2 / (2 * kernel.bandwidth * kernel.bandwidth))
        }
        func direct(_ xs: [Int], _ ys: [Int]) -> Double {
            var (sxx, syy, sxy) = (0.0, 0.0, 0.0)
            for i in xs { for j in xs where i != j { sxx += k(i, j) } }
            for i in ys { for j in ys where i != j { syy += k(i, j) } }
            for i in xs { for j in ys { sxy += k(i, j) } }
            let (n, m) = (Double(xs.count), Double(ys.count))
            return sxx / (n * (n - 1)) + syy / (m * (m - 1)) - 2 * sxy / (n * m)
        }
        #expect(isClose(statistics[0], direct(Array(0..<25), Array(25..<43)), absolute: 1e-13))
        var generator = SplitMix64(seed: 99)
        for split in 1...5 {
            var order = Array(0..<43)
            for index in stride(from: 42, to: 0, by: -1) { order.swapAt(index, generator.nextIndex(below: index + 1)) }
            let expected = direct(Array(order[..<25]), Array(order[25...]))
            #expect(isClose(statistics[split], expected, absolute: 1e-13), "split \(split)")
        }
    }

    /// The median heuristic equals the median of all pairwise distances, sorted the slow way.
    @Test func medianHeuristicEqualsSortedMedian() throws {
        for (rows, seed) in [(7, UInt64(1)), (8, 2), (40, 3), (101, 4)] {
            let z = chainCorrelated(rows: rows, features: 4, rho: 0.3, seed: seed)
            let kernel = MMDComputation.PooledKernel(z, bandwidth: .medianHeuristic)
            var distances: [Double] = []
            for i in 0..<rows { for j in (i + 1)..<rows {
                distances.append((0..<4).reduce(0.0) { $0 + pow(z[i, $1] - z[j, $1], 2) }.squareRoot())
            } }
            distances.sort()
            let count = distances.count
            let median = count % 2 == 1 ? distances[count / 2] : (distances[count / 2 - 1] + distances[count / 2]) / 2
            #expect(isClose(kernel.bandwidth, median, relative: 1e-12), "rows \(rows)")
        }
    }

    /// The issue's acceptance case: a shift in correlation only. Production is the reference's
    /// own columns shuffled independently, so every marginal is *exactly* the reference's (KS
    /// statistic 0, p = 1 for every feature) while the dependence is gone.
    @Test func correlationOnlyShiftIsCaughtWhereEveryKSMisses() throws {
        let reference = chainCorrelated(rows: 600, features: 5, rho: 0.8, seed: 11)
        let production = shuffledColumns(chainCorrelated(rows: 600, features: 5, rho: 0.8, seed: 12), seed: 13)
        for column in 0..<5 {
            let ks = try kolmogorovSmirnov(
                (0..<600).map { reference[$0, column] }, (0..<600).map { production[$0, column] })
            #expect(ks.pValue > 0.05, "feature \(column): KS p \(ks.pValue)")
        }
        let result = try maximumMeanDiscrepancy(reference: reference, production: production, permutations: 100, seed: 5)
        #expect(result.pValue < 0.01, "MMD p \(result.pValue)")
    }

    /// Calibration: with both samples from one distribution the p-value is about uniform.
    /// Over 200 seeds, the share below 0.05 and below 0.5 stay near 5 % and 50 % (loose
    /// bounds: about four binomial standard deviations).
    @Test func pValuesAreRoughlyUniformUnderTheNull() throws {
        var pValues: [Double] = []
        for seed in 0..<200 {
            let a = chainCorrelated(rows: 40, features: 3, rho: 0.6, seed: UInt64(1_000 + 2 * seed))
            let b = chainCorrelated(rows: 35, features: 3, rho: 0.6, seed: UInt64(1_001 + 2 * seed))
            pValues.append(try maximumMeanDiscrepancy(reference: a, production: b, permutations: 99, seed: UInt64(seed)).pValue)
        }
        let belowFive = Double(pValues.filter { $0 <= 0.05 }.count) / 200
        let belowHalf = Double(pValues.filter { $0 <= 0.5 }.count) / 200
        #expect(belowFive <= 0.11, "share ≤ 0.05: \(belowFive)")
        #expect(belowHalf >= 0.36 && belowHalf <= 0.64, "share ≤ 0.5: \(belowHalf)")
        let mean = pValues.reduce(0, +) / 200
        #expect(mean > 0.42 && mean < 0.58, "mean p \(mean)")
    }

    @Test func sameSeedSameResultOtherSeedOtherPermutations() throws {
        let a = chainCorrelated(rows: 30, features: 2, rho: 0.5, seed: 1)
        let b = chainCorrelated(rows: 30, features: 2, rho: 0.5, seed: 2)
        let first = try maximumMeanDiscrepancy(reference: a, production: b, permutations: 50, seed: 8)
        let again = try maximumMeanDiscrepancy(reference: a, production: b, permutations: 50, seed: 8)
        #expect(first == again)
        let pooled = Standardization.fit(a.stacked(on: b)).apply(a.stacked(on: b))
        let kernel = MMDComputation.PooledKernel(pooled, bandwidth: .medianHeuristic)
        #expect(MMDComputation.statistics(kernel: kernel, referenceRows: 30, permutations: 5, seed: 8)
                != MMDComputation.statistics(kernel: kernel, referenceRows: 30, permutations: 5, seed: 9))
    }
}
