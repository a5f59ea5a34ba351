import Foundation
import Testing
@testable import DriftStatistics

/// The hypergeometric sampler behind the Cramér–von Mises permutation test.
@Suite("Hypergeometric sampler")
struct HypergeometricTests {
    // MARK: - Edge cases

    @Test("degenerate parameters have one possible outcome")
    func degenerate() {
        var generator = SplitMix64(seed: 1)
        #expect(Hypergeometric.draw(draws: 0, marked: 5, population: 10, using: &generator) == 0)
        #expect(Hypergeometric.draw(draws: 4, marked: 0, population: 10, using: &generator) == 0)
        #expect(Hypergeometric.draw(draws: 4, marked: 10, population: 10, using: &generator) == 4)
        #expect(Hypergeometric.draw(draws: 10, marked: 7, population: 10, using: &generator) == 7)
        // Forced outcomes: 9 of 10 drawn with 3 marked leaves at most 1 behind, so at least 2 taken.
        for _ in 0..<200 {
            let taken = Hypergeometric.draw(draws: 9, marked: 3, population: 10, using: &generator)
            #expect((2...3).contains(taken))
        }
    }

    @Test("draws stay in the support for every path (single, sequential, inversion, flipped)")
    func support() {
        var generator = SplitMix64(seed: 2)
        for (draws, marked, population) in [(5, 1, 9), (30, 20, 60), (150, 900, 1000), (900, 150, 1000),
                                            (400, 2700, 200_000), (99_000, 150_000, 200_000)] {
            let low = max(0, draws + marked - population)
            let high = min(draws, marked)
            for _ in 0..<500 {
                let taken = Hypergeometric.draw(draws: draws, marked: marked, population: population, using: &generator)
                #expect((low...high).contains(taken), "\(draws), \(marked), \(population): \(taken)")
            }
        }
    }

    // MARK: - Distribution

    /// Exact probabilities binom(K, x) binom(N - K, n - x) / binom(N, n).
    static func probabilities(draws n: Int, marked k: Int, population total: Int) -> [Int: Double] {
        let low = max(0, n + k - total)
        let high = min(n, k)
        var result: [Int: Double] = [:]
        for x in low...high {
            result[x] = exp(Hypergeometric.logChoose(k, x) + Hypergeometric.logChoose(total - k, n - x)
                            - Hypergeometric.logChoose(total, n))
        }
        return result
    }

    @Test("frequencies match the exact probabilities (chi-square) on every path",
          arguments: [(3, 1, 8), (12, 7, 30), (40, 60, 200), (160, 70, 400), (300, 2_700, 20_000), (700, 600, 1_000)])
    func frequencies(parameters: (Int, Int, Int)) throws {
        let (draws, marked, population) = parameters
        let exact = Self.probabilities(draws: draws, marked: marked, population: population)
        var generator = SplitMix64(seed: UInt64(draws * 31 + marked))
        let trials = 40_000
        var observed: [Int: Int] = [:]
        for _ in 0..<trials {
            observed[Hypergeometric.draw(draws: draws, marked: marked, population: population, using: &generator), default: 0] += 1
        }
        // Pool outcomes with fewer than 5 expected into their neighbours' cells (both tails).
        var statistic = 0.0
        var cells = 0
        var pendingExpected = 0.0
        var pendingObserved = 0.0
        for x in exact.keys.sorted() {
            pendingExpected += exact[x, default: 0] * Double(trials)
            pendingObserved += Double(observed[x, default: 0])
            if pendingExpected >= 5 {
                statistic += (pendingObserved - pendingExpected) * (pendingObserved - pendingExpected) / pendingExpected
                cells += 1
                pendingExpected = 0
                pendingObserved = 0
            }
        }
        statistic += pendingExpected > 0 ? (pendingObserved - pendingExpected) * (pendingObserved - pendingExpected) / pendingExpected : 0
        let degrees = max(1, cells - 1)
        // Reject at 1e-4 only (seeded, so this is a fixed outcome; a biased sampler fails it by far).
        let p = try chiSquareSurvival(statistic, degreesOfFreedom: Double(degrees))
        #expect(p > 1e-4, "\(parameters): chi-square \(statistic) on \(degrees) dof, p = \(p)")
    }

    /// P(χ²_k > x), the regularized upper incomplete gamma function Q(k/2, x/2).
    func chiSquareSurvival(_ x: Double, degreesOfFreedom k: Double) throws -> Double {
        IncompleteGamma.upper(k / 2, x / 2)
    }
}
