import DriftStatistics
import Foundation
import Testing

@Suite("Fisher exact test (one-sided increase)")
struct FisherExactTests {
    // MARK: - Edge cases

    @Test("counts outside their domain are one error naming the group")
    func invalidCounts() {
        for (e1, n1, e2, n2, group) in [(-1, 10, 0, 5, "first"), (11, 10, 0, 5, "first"), (0, 10, 6, 5, "second"), (0, 10, 0, -5, "second")] {
            #expect {
                try fisherExactIncrease(events1: e1, trials1: n1, events2: e2, trials2: n2)
            } throws: { error in
                guard case StatisticsError.invalidCounts(let reason) = error else { return false }
                return reason.hasPrefix("\(group) group has")
            }
        }
    }

    @Test("empty groups and tables without events give 1; every cell an event on both sides gives 1")
    func degenerate() throws {
        #expect(try fisherExactIncrease(events1: 0, trials1: 0, events2: 3, trials2: 10) == 1)
        #expect(try fisherExactIncrease(events1: 3, trials1: 10, events2: 0, trials2: 0) == 1)
        #expect(try fisherExactIncrease(events1: 0, trials1: 100, events2: 0, trials2: 100) == 1)
        #expect(try fisherExactIncrease(events1: 100, trials1: 100, events2: 40, trials2: 40) == 1)
        // The smallest possible count of the second group: certain to be reached.
        #expect(try fisherExactIncrease(events1: 30, trials1: 1000, events2: 0, trials2: 1) == 1)
    }

    // MARK: - Independent computation

    @Test("equals the hypergeometric tail summed from exact binomial coefficients on small tables")
    func bruteForce() throws {
        /// C(n, k) exactly for the small n used here (products of integers below 2^53).
        func choose(_ n: Int, _ k: Int) -> Double {
            guard k >= 0, k <= n else { return 0 }
            var value = 1.0
            for i in 0..<min(k, n - k) { value = value * Double(n - i) / Double(i + 1) }
            return value.rounded()
        }
        for n1 in [1, 4, 9] {
            for n2 in [1, 3, 8] {
                for e1 in 0...n1 {
                    for e2 in 0...n2 where e1 + e2 > 0 {
                        let marked = e1 + e2
                        let total = choose(n1 + n2, n2)
                        var tail = 0.0
                        for x in e2...min(n2, marked) { tail += choose(marked, x) * choose(n1 + n2 - marked, n2 - x) }
                        let p = try fisherExactIncrease(events1: e1, trials1: n1, events2: e2, trials2: n2)
                        #expect(abs(p - tail / total) <= 1e-13, "\(e1)/\(n1) vs \(e2)/\(n2): \(p) vs \(tail / total)")
                    }
                }
            }
        }
    }

    // MARK: - Reference vectors

    @Test("every fisher_exact_greater vector (scipy.stats.fisher_exact) at the README tolerances")
    func vectorCases() throws {
        let cases = try ReferenceVectors.cases(method: "fisher_exact_greater")
        #expect(cases.count >= 16)
        for vectorCase in cases {
            let inputs = vectorCase.inputs
            guard let e1 = inputs["events1"]?.int, let n1 = inputs["trials1"]?.int,
                  let e2 = inputs["events2"]?.int, let n2 = inputs["trials2"]?.int else {
                Issue.record("\(vectorCase.id): incomplete inputs")
                continue
            }
            let p = try fisherExactIncrease(events1: e1, trials1: n1, events2: e2, trials2: n2)
            expectClose(p, try vectorCase.expectedDouble("pvalue"), vectorCase.tolerance("pvalue"), "\(vectorCase.id) pvalue")
        }
    }

    // MARK: - Calibration

    @Test("under the null the share below alpha is at most alpha, and near it for larger counts", arguments: [
        // (reference rows, window rows, missing rate)
        (100_000, 400, 0.02), (20_000, 2_000, 0.10), (5_000, 150, 0.30), (1_000, 60, 0.05),
    ])
    func calibration(referenceRows: Int, windowRows: Int, rate: Double) throws {
        var generator = SplitMix64(seed: SplitMix64.defaultSeed &+ UInt64(windowRows))
        func binomial(_ n: Int) -> Int {
            // Normal approximation is not allowed here: draw each trial.
            var count = 0
            for _ in 0..<n where generator.nextOpenUnit() < rate { count += 1 }
            return count
        }
        let trials = 2_000
        var below = [0.05: 0, 0.01: 0]
        for _ in 0..<trials {
            let p = try fisherExactIncrease(
                events1: binomial(referenceRows), trials1: referenceRows, events2: binomial(windowRows), trials2: windowRows)
            for alpha in below.keys where p < alpha { below[alpha, default: 0] += 1 }
        }
        for (alpha, count) in below {
            let share = Double(count) / Double(trials)
            // At most alpha (plus three binomial standard errors of the simulation) ...
            let se = (alpha * (1 - alpha) / Double(trials)).squareRoot()
            #expect(share <= alpha + 3 * se, "alpha \(alpha): \(share)")
            // ... and not uselessly conservative when the expected missing count is large.
            if Double(windowRows) * rate >= 10 { #expect(share >= alpha / 4, "alpha \(alpha): \(share)") }
        }
    }
}
