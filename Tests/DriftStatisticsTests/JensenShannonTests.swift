import Foundation
import Testing
@testable import DriftStatistics

/// The base-2 Jensen–Shannon distance.
@Suite("Jensen–Shannon distance")
struct JensenShannonTests {
    // MARK: - Edge cases

    @Test("invalid vectors throw")
    func invalidInputs() {
        #expect(throws: StatisticsError.emptySample(sample: "p")) { try jensenShannonDistance([Double](), []) }
        #expect(throws: StatisticsError.self) { try jensenShannonDistance([1.0, 2.0], [1.0]) }
        #expect(throws: StatisticsError.nonFiniteValue(sample: "q", index: 1, value: .infinity)) {
            try jensenShannonDistance([1.0, 2.0], [1.0, .infinity])
        }
        #expect(throws: StatisticsError.self) { try jensenShannonDistance([1.0, .nan], [1.0, 1.0]) }
        #expect(throws: StatisticsError.invalidCounts(reason: "p[0] is negative (-1.0)")) {
            try jensenShannonDistance([-1.0, 2.0], [1.0, 1.0])
        }
        #expect(throws: StatisticsError.invalidCounts(reason: "q sums to zero")) {
            try jensenShannonDistance([1.0, 2.0], [0.0, 0.0])
        }
        #expect(throws: StatisticsError.self) { try jensenShannonDistance([1e308, 1e308], [1.0, 1.0]) }
    }

    @Test("single category and smallest subnormal entries stay finite")
    func tinyInputs() throws {
        #expect(try jensenShannonDistance([3.0], [5.0]) == 0)
        let tiny = Double.leastNonzeroMagnitude
        #expect(try jensenShannonDistance([tiny, 0], [0, tiny]) == 1)
        let distance = try jensenShannonDistance([1, tiny], [1, 0])
        #expect(distance.isFinite && distance >= 0 && distance < 1e-100)
    }

    // MARK: - Reference vectors

    @Test("every jensenshannon vector case at the README tolerances")
    func vectorCases() throws {
        let cases = try ReferenceVectors.cases(method: "jensenshannon")
        #expect(cases.count > 0)
        for vectorCase in cases {
            let id = vectorCase.id
            let p = try vectorCase.array("p")
            let q = try vectorCase.array("q")
            let expected = vectorCase.expected["distance"]?.double
            if vectorCase.expectsError || !Self.isValid(p, q) || expected?.isFinite != true {
                #expect(throws: StatisticsError.self, "\(id) should throw") { try jensenShannonDistance(p, q) }
                continue
            }
            let distance = try jensenShannonDistance(p, q)
            expectClose(distance, try vectorCase.expectedDouble("distance"), vectorCase.tolerance("distance"), "\(id) distance")
        }
    }

    /// The documented input contract, restated independently of the implementation.
    static func isValid(_ p: [Double], _ q: [Double]) -> Bool {
        guard !p.isEmpty, p.count == q.count else { return false }
        for vector in [p, q] {
            guard vector.allSatisfy({ $0.isFinite && $0 >= 0 }) else { return false }
            let sum = vector.reduce(0, +)
            guard sum > 0, sum.isFinite else { return false }
        }
        return true
    }

    // MARK: - Independent checks

    @Test("symmetric, 0 for identical, 1 for disjoint supports, scale-invariant for counts")
    func properties() throws {
        var generator = ReferenceVectorGenerator(seed: 2024)
        for size in [2, 5, 17, 100] {
            let p = generator.integers(count: size, low: 0, high: 50)
            var q = generator.integers(count: size, low: 0, high: 50)
            q[0] += 1  // never all zero
            var pSafe = p
            pSafe[size - 1] += 1
            let forward = try jensenShannonDistance(pSafe, q)
            let backward = try jensenShannonDistance(q, pSafe)
            #expect(forward == backward, "symmetry, n = \(size)")
            #expect(forward >= 0 && forward <= 1)
            #expect(try jensenShannonDistance(pSafe, pSafe) == 0, "identical, n = \(size)")
            let scaled = try jensenShannonDistance(pSafe.map { $0 * 1000 }, q.map { $0 * 0.125 })
            #expect(abs(scaled - forward) <= 1e-12, "scale invariance, n = \(size)")
        }
        #expect(try jensenShannonDistance([1.0, 0, 2, 0], [0, 5.0, 0, 1]) == 1)
        #expect(try jensenShannonDistance([Float(1), 2, 3], [Float(3), 2, 1]) == jensenShannonDistance([1.0, 2, 3], [3.0, 2, 1]))
    }

    @Test("closed form for two-point distributions")
    func twoPointClosedForm() throws {
        // p = (1, 0), q = (1/2, 1/2): m = (3/4, 1/4);
        // D = ln(4/3) + (1/2) ln(2/3) + (1/2) ln 2 = ln(4/3) + (1/2) ln(4/3); JS = D / (2 ln 2).
        let divergence = log(4.0 / 3.0) * 1.5
        let expected = (divergence / log(2.0) / 2).squareRoot()
        #expect(abs(try jensenShannonDistance([1.0, 0], [0.5, 0.5]) - expected) <= 1e-15)
    }

    @Test("near-identical inputs clamp at 0 instead of returning NaN")
    func nearIdentical() throws {
        var generator = ReferenceVectorGenerator(seed: 9)
        for _ in 0..<200 {
            let p = generator.uniform(count: 30, low: 0, high: 1)
            let q = p.map { $0 * (1 + 1e-16) }
            let distance = try jensenShannonDistance(p, q)
            #expect(!distance.isNaN && distance < 1e-7)
        }
    }
}
