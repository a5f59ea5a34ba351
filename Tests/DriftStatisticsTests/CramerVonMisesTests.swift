import Foundation
import Testing
@testable import DriftStatistics

/// The two-sample Cramér–von Mises test: errors, scipy's reference vectors, and independent checks.
@Suite("Cramér–von Mises two-sample test")
struct CramerVonMisesTests {
    // MARK: - Edge cases

    @Test("fewer than two values in either sample throws sampleTooSmall (scipy returns NaN)")
    func tooSmall() {
        #expect(throws: StatisticsError.sampleTooSmall(sample: "x", count: 1, minimum: 2)) {
            try cramerVonMises([1.0], [1.0, 2.0])
        }
        #expect(throws: StatisticsError.sampleTooSmall(sample: "y", count: 1, minimum: 2)) {
            try cramerVonMises([1.0, 2.0, 3.0], [4.0])
        }
    }

    @Test("empty samples and NaN or infinite values throw")
    func invalidValues() {
        #expect(throws: StatisticsError.emptySample(sample: "x")) { try cramerVonMises([Double](), [1.0, 2.0]) }
        #expect(throws: StatisticsError.nonFiniteValue(sample: "y", index: 1, value: .infinity)) {
            try cramerVonMises([1.0, 2.0], [0.5, .infinity])
        }
        #expect(throws: StatisticsError.self) { try cramerVonMises([1.0, .nan, 3.0], [0.5, 2.5]) }
    }

    @Test("the smallest case, 2 vs 2, both methods")
    func twoByTwo() throws {
        // Separated: U = 2*(0+0) + 2*(4+4) = 16; T = 16/(4*4) - 15/24 = 0.375; p = 2/6 (x first or y first).
        let exact = try cramerVonMises([1.0, 2.0], [3.0, 4.0], method: .exact)
        #expect(exact.statistic == 0.375)
        #expect(exact.pValue == 2.0 / 6.0)
        #expect(exact.method == .exact)
        let asymptotic = try cramerVonMises([1.0, 2.0], [3.0, 4.0], method: .asymptotic)
        #expect(asymptotic.method == .asymptotic)
        #expect(asymptotic.pValue > 0 && asymptotic.pValue < 1)
    }

    @Test("auto is exact iff max(nx, ny) <= 20")
    func autoThreshold() throws {
        let twenty = (0..<20).map { Double($0) }
        let twentyOne = (0..<21).map { Double($0) + 0.5 }
        #expect(try cramerVonMises(twenty, twenty.map { $0 + 0.25 }).method == .exact)
        #expect(try cramerVonMises(twenty, twentyOne).method == .asymptotic)
        #expect(try cramerVonMises([0.0, 1.0], twentyOne).method == .asymptotic)
    }

    @Test("a forced exact p-value refuses sizes past the state budget instead of hanging")
    func exactBudget() throws {
        let large = (0..<50_000).map { Double($0) }
        let error = #expect(throws: StatisticsError.self) {
            try cramerVonMises(large, large.map { $0 + 0.5 }, method: .exact)
        }
        if case let .invalidArgument(name, _)? = error {
            #expect(name == "method")
        } else {
            Issue.record("expected invalidArgument(method), got \(String(describing: error))")
        }
        // The running budget: 19 vs 20 visits millions of states, refused early with a small budget.
        #expect(throws: StatisticsError.self) {
            try CramerVonMisesExact.distribution(nx: 19, ny: 20, stateLimit: 10_000)
        }
        // Within the budget the asymptotic answer is still available for the same data.
        #expect(try cramerVonMises(large, large.map { $0 + 0.5 }, method: .asymptotic).pValue > 0.99)
    }

    @Test("Float input gives the same result as Double")
    func floatInput() throws {
        let x: [Float] = [0.5, 1.25, -2, 3.75, 0.125]
        let y: [Float] = [1, 2.5, -0.75, 4, 5.5, 0.0625]
        let fromFloat = try cramerVonMises(x, y)
        let fromDouble = try cramerVonMises(x.map(Double.init), y.map(Double.init))
        #expect(fromFloat == fromDouble)
    }

    // MARK: - Reference vectors

    @Test("every cramervonmises vector case at the README tolerances")
    func vectorCases() throws {
        let cases = try ReferenceVectors.cases(method: "cramervonmises")
        #expect(cases.count > 0)
        for vectorCase in cases {
            let id = vectorCase.id
            let x = try vectorCase.array("x")
            let y = try vectorCase.array("y")
            let methodName = vectorCase.inputs["method"]?.string ?? "auto"
            guard let method = CramerVonMisesMethod(rawValue: methodName) else {
                Issue.record("\(id): unknown method \(methodName)")
                continue
            }
            let expectedStatistic = vectorCase.expected["statistic"]?.double
            let scipyRejects = vectorCase.expectsError || expectedStatistic?.isNaN == true
            let weReject = x.count < 2 || y.count < 2 || !(x + y).allSatisfy(\.isFinite)
            if scipyRejects || weReject {
                #expect(throws: StatisticsError.self, "\(id) should throw") {
                    try cramerVonMises(x, y, method: method)
                }
                continue
            }
            let result = try cramerVonMises(x, y, method: method)
            expectClose(result.statistic, try vectorCase.expectedDouble("statistic"),
                        vectorCase.tolerance("statistic"), "\(id) statistic")
            expectClose(result.pValue, try vectorCase.expectedDouble("pvalue"),
                        vectorCase.tolerance("pvalue"), "\(id) pvalue")
            #expect(result.method.rawValue == vectorCase.expected["pvalue_method"]?.string, "\(id) method")
        }
    }

    // MARK: - Independent checks

    /// 1 - F(x) of scipy 1.17.1's `scipy.stats._hypotests._cdf_cvm_inf`, which truncates the series
    /// after the first term below 1e-7 (computed at development time; note the rise for x > 6).
    static let scipyLimitingSurvival: [(x: Double, survival: Double)] = [
        (0.01, 0.9999941355671901), (0.05, 0.876280931041351), (0.2, 0.2674704305407771),
        (0.5, 0.039833217565609313), (1.0, 0.002460452180135797), (2.0, 1.2780736265760595e-05),
        (4.0, 7.086603526218482e-10), (6.0, 7.632783294297951e-12), (10.0, 1.8144502567096765e-09),
        (166.0, 3.805794401845475e-08), (10000.0, 9.07745670075677e-07),
        (1000000.0, 1.1351080673627223e-05),
    ]

    @Test("the truncated limiting series reproduces scipy's values, including the artefact for x > 6")
    func limitingSeries() {
        let tolerance = Tolerance(absolute: 1e-12, relative: 1e-9)
        for (x, survival) in Self.scipyLimitingSurvival {
            expectClose(1 - CramerVonMisesAsymptotic.limitingCDF(x), survival, tolerance, "1 - F(\(x))")
        }
        #expect(CramerVonMisesAsymptotic.limitingCDF(0.002) < 1e-17)
    }

    @Test("swapping x and y changes nothing (both methods)")
    func symmetry() throws {
        var generator = ReferenceVectorGenerator(seed: 77)
        for (nx, ny) in [(5, 7), (12, 9), (30, 45), (200, 150)] {
            let x = generator.normal(count: nx, mean: 0, standardDeviation: 1).map { ($0 * 4).rounded() / 4 }
            let y = generator.normal(count: ny, mean: 0.3, standardDeviation: 1).map { ($0 * 4).rounded() / 4 }
            // Values on a 1/4 grid tie, so no exact p-value; the seeded permutation test draws
            // the smaller sample's counts, so it is symmetric too.
            let methods: [CramerVonMisesMethod] = [.auto, .asymptotic, .permutation]
            for method in methods {
                let forward = try cramerVonMises(x, y, method: method)
                let backward = try cramerVonMises(y, x, method: method)
                #expect(forward.statistic == backward.statistic, "\(nx) vs \(ny) \(method)")
                #expect(forward.pValue == backward.pValue, "\(nx) vs \(ny) \(method)")
            }
        }
    }

    @Test("a strictly increasing transform of both samples changes nothing (ranks only)")
    func monotoneInvariance() throws {
        var generator = ReferenceVectorGenerator(seed: 91)
        for (nx, ny) in [(6, 8), (20, 17), (60, 40)] {
            // Values on a 1/8 grid (so ties occur) and a transform that keeps them apart.
            let x = generator.normal(count: nx, mean: 0, standardDeviation: 2).map { ($0 * 8).rounded() / 8 }
            let y = generator.normal(count: ny, mean: 0.5, standardDeviation: 2).map { ($0 * 8).rounded() / 8 }
            let transform: (Double) -> Double = { 1000 + exp($0 / 2) * 3 }
            let original = try cramerVonMises(x, y)
            let transformed = try cramerVonMises(x.map(transform), y.map(transform))
            #expect(original == transformed, "\(nx) vs \(ny)")
            let shifted = try cramerVonMises(x.map { $0 * 1e-3 - 7 }, y.map { $0 * 1e-3 - 7 })
            #expect(original == shifted, "\(nx) vs \(ny) affine")
        }
    }

    @Test("the lattice table counts every arrangement once: sum of counts = binom(N, nx)")
    func tableTotals() throws {
        for (m, n) in [(1, 1), (2, 3), (5, 7), (10, 10), (20, 15)] {
            let table = try CramerVonMisesExact.distribution(nx: m, ny: n, stateLimit: 10_000_000)
            #expect(table.counts.reduce(0, +) == binomial(m + n, m), "\(m) vs \(n)")
            #expect(zip(table.sums, table.sums.dropFirst()).allSatisfy { $0 < $1 }, "sorted and distinct")
        }
    }

    @Test("exact p equals brute-force enumeration of all splits (no ties)")
    func bruteForceWithoutTies() throws {
        var generator = ReferenceVectorGenerator(seed: 5)
        for (nx, ny) in [(2, 2), (3, 4), (4, 5), (5, 5), (2, 7), (6, 4)] {
            for _ in 0..<4 {
                let pooled = generator.uniform(count: nx + ny, low: -1, high: 1)
                let x = Array(pooled[..<nx])
                let y = Array(pooled[nx...])
                let result = try cramerVonMises(x, y, method: .exact)
                let observed = Self.rankStatistic(x, y)
                var atLeast = 0
                var total = 0
                Self.forEachSplit(nx: nx, ny: ny) { xRanks, yRanks in
                    total += 1
                    if Self.u(xRanks: xRanks, yRanks: yRanks) >= observed { atLeast += 1 }
                }
                #expect(Double(total) == binomial(nx + ny, nx))
                #expect(result.pValue == Double(atLeast) / Double(total), "\(nx) vs \(ny): \(x) \(y)")
            }
        }
    }

    @Test("with ties the exact p-value is the enumeration of every relabelling of the definitional statistic, not scipy's floored lattice")
    func exactWithTies() throws {
        for (x, y) in [([1.0, 2, 2], [2.0, 3, 3, 4]), ([0.0, 0, 1, 1], [0.0, 1, 1, 2, 2]), ([5.0, 5, 5], [5.0, 6, 7, 7]),
                       ([1.0, 2], [2.0, 3])] {
            let result = try cramerVonMises(x, y, method: .exact)
            #expect(result.method == .exact && result.hasTies)
            let expected = CramerVonMisesTiesTests.exactPermutationPValue(x, y)
            #expect(abs(result.pValue - expected) <= 1e-12, "\(x) vs \(y): \(result.pValue) vs \(expected)")
        }
    }

    @Test("scipy's floor_divide: (a - fmod(a, b)) / b snapped to the floor")
    func flooredQuotient() {
        #expect(CramerVonMisesExact.flooredQuotient(7, 2) == 3)
        #expect(CramerVonMisesExact.flooredQuotient(-7, 2) == -4)
        #expect(CramerVonMisesExact.flooredQuotient(6, 3) == 2)
        #expect(CramerVonMisesExact.flooredQuotient(-0.5, 3) == -1)
        #expect(CramerVonMisesExact.flooredQuotient(0.5, 3) == 0)
        #expect(CramerVonMisesExact.flooredQuotient(1e17 + 16, 3) == ((1e17 + 16) / 3).rounded(.down))
    }

    @Test("NumPy pairwise summation order (checked against numpy.sum at development time)")
    func pairwiseOrder() {
        // numpy.sum([1e16, 1, 1, ..., 1]) with 15 ones: the 8-accumulator block loses every 1
        // added to 1e16 one at a time but keeps the partial sums of the other lanes.
        var values = [1e16]
        values += Array(repeating: 1.0, count: 15)
        // Lanes: r0 = 1e16 + 1 (rounds to 1e16), r1...r7 = 2; tail none -> 1e16 + 14.
        #expect(NumPyPairwiseSum.sum(values) == 1e16 + 14)
        #expect(NumPyPairwiseSum.sum([]) == 0)
        #expect(NumPyPairwiseSum.sum([1, 2, 3]) == 6)
        let long = (0..<1000).map { Double($0) * 0.1 }
        #expect(abs(NumPyPairwiseSum.sum(long) - 49950) < 1e-9)
    }

    // MARK: - Helpers

    /// U from pooled mid-ranks, computed the slow way (O(N²)) for cross-checks.
    static func rankStatistic(_ x: [Double], _ y: [Double]) -> Double {
        let pooled = x + y
        func midRank(_ value: Double) -> Double {
            let below = pooled.filter { $0 < value }.count
            let equal = pooled.filter { $0 == value }.count
            return Double(below) + Double(equal + 1) / 2
        }
        return u(xRanks: x.sorted().map(midRank), yRanks: y.sorted().map(midRank))
    }

    /// U = nx Σ (r_i - i)² + ny Σ (s_j - j)² for ranks in ascending order.
    static func u(xRanks: [Double], yRanks: [Double]) -> Double {
        let sx = xRanks.enumerated().reduce(0.0) { $0 + ($1.element - Double($1.offset + 1)) * ($1.element - Double($1.offset + 1)) }
        let sy = yRanks.enumerated().reduce(0.0) { $0 + ($1.element - Double($1.offset + 1)) * ($1.element - Double($1.offset + 1)) }
        return Double(xRanks.count) * sx + Double(yRanks.count) * sy
    }

    /// Calls `body` with the ranks 1...N of x and of y for each of the binom(N, nx) splits.
    static func forEachSplit(nx: Int, ny: Int, _ body: ([Double], [Double]) -> Void) {
        let count = nx + ny
        for mask in 0..<(1 << count) where mask.nonzeroBitCount == nx {
            var xRanks: [Double] = []
            var yRanks: [Double] = []
            for position in 0..<count {
                if mask & (1 << position) != 0 { xRanks.append(Double(position + 1)) } else { yRanks.append(Double(position + 1)) }
            }
            body(xRanks, yRanks)
        }
    }
}

/// binom(n, k) as a Double (exact for the small sizes used here).
func binomial(_ n: Int, _ k: Int) -> Double {
    var result = 1.0
    for i in 0..<k { result = result * Double(n - i) / Double(i + 1) }
    return result.rounded()
}

func gcdInt(_ a: Int, _ b: Int) -> Int {
    var (x, y) = (a, b)
    while y != 0 { (x, y) = (y, x % y) }
    return x
}
