import Testing
@testable import DriftStatistics

@Suite("SummaryStatistics")
struct SummaryStatisticsTests {
    // MARK: Edge cases

    @Test("an empty accumulator has the documented identities")
    func empty() {
        let stats = SummaryStatistics()
        #expect(stats.count == 0 && stats.mean == 0 && stats.variance == 0 && stats.standardDeviation == 0)
        #expect(stats.sampleVariance == nil && stats.sampleStandardDeviation == nil)
        #expect(stats.minimum == .infinity && stats.maximum == -.infinity && stats.nonFiniteCount == 0)
        #expect(SummaryStatistics([Double]()) == stats)
    }

    @Test("a single value: mean is the value, variance 0, no sample variance")
    func singleValue() {
        let stats = SummaryStatistics([-3.5])
        #expect(stats.count == 1 && stats.mean == -3.5 && stats.variance == 0)
        #expect(stats.sampleVariance == nil && stats.minimum == -3.5 && stats.maximum == -3.5)
    }

    @Test("NaN and infinities are counted, not folded into the moments")
    func nonFiniteValues() {
        let stats = SummaryStatistics([1.0, .nan, 3.0, .infinity, -.infinity])
        #expect(stats.count == 2 && stats.nonFiniteCount == 3)
        #expect(stats.mean == 2 && stats.variance == 1 && stats.minimum == 1 && stats.maximum == 3)
    }

    @Test("values whose spread overflows give an infinite variance, never NaN")
    func overflowingSpread() {
        var stats = SummaryStatistics([1e308, -1e308, 1e308, -1e308])
        #expect(stats.mean.isFinite && abs(stats.mean) <= 1e308)
        #expect(stats.variance == .infinity)
        stats.add(0)
        stats.merge(SummaryStatistics([-1.7e308, 1.7e308]))
        #expect(!stats.mean.isNaN && stats.mean.isFinite && stats.variance == .infinity)
        var other = SummaryStatistics([1.7e308])
        other.merge(SummaryStatistics([-1.7e308]))
        #expect(other.mean == 0 && other.variance == .infinity)
    }

    @Test("merging with an empty accumulator changes nothing but the non-finite count")
    func mergeWithEmpty() {
        let stats = SummaryStatistics([1.0, 2, 4])
        var left = stats
        left.merge(SummaryStatistics())
        #expect(left == stats)
        var right = SummaryStatistics([Double.nan])
        right.merge(stats)
        #expect(right.count == 3 && right.mean == stats.mean && right.nonFiniteCount == 1)
        #expect(right.sumOfSquaredDeviations == stats.sumOfSquaredDeviations)
    }

    @Test("the rebuilding initializer round-trips and rejects inconsistent fields")
    func rebuild() throws {
        for stats in [SummaryStatistics(), SummaryStatistics([5.0]), SummaryStatistics([1.0, 2, 9, .nan])] {
            let rebuilt = try SummaryStatistics(
                count: stats.count, mean: stats.mean, sumOfSquaredDeviations: stats.sumOfSquaredDeviations,
                minimum: stats.minimum, maximum: stats.maximum, nonFiniteCount: stats.nonFiniteCount)
            #expect(rebuilt == stats)
        }
        #expect(throws: StatisticsError.self) {
            try SummaryStatistics(count: -1, mean: 0, sumOfSquaredDeviations: 0, minimum: .infinity, maximum: -.infinity)
        }
        #expect(throws: StatisticsError.self) {
            try SummaryStatistics(count: 2, mean: 5, sumOfSquaredDeviations: 1, minimum: 0, maximum: 1)
        }
        #expect(throws: StatisticsError.self) {
            try SummaryStatistics(count: 2, mean: 0.5, sumOfSquaredDeviations: -1, minimum: 0, maximum: 1)
        }
        #expect(throws: StatisticsError.self) {
            try SummaryStatistics(count: 1, mean: 0.5, sumOfSquaredDeviations: 1, minimum: 0.5, maximum: 0.5)
        }
        #expect(throws: StatisticsError.self) {
            try SummaryStatistics(count: 2, mean: .nan, sumOfSquaredDeviations: 0, minimum: 0, maximum: 1)
        }
        #expect(throws: StatisticsError.self) {
            try SummaryStatistics(count: 0, mean: 1, sumOfSquaredDeviations: 0, minimum: .infinity, maximum: -.infinity)
        }
    }

    // MARK: Closed forms

    @Test("textbook data 2, 4, 4, 4, 5, 5, 7, 9: mean 5, SD 2, sample variance 32/7")
    func textbook() throws {
        let stats = SummaryStatistics([2.0, 4, 4, 4, 5, 5, 7, 9])
        #expect(stats.count == 8 && stats.mean == 5 && stats.variance == 4 && stats.standardDeviation == 2)
        let sampleVariance = try #require(stats.sampleVariance)
        expectClose(sampleVariance, 32.0 / 7.0, Tolerance(absolute: 0, relative: 1e-15), "sample variance")
        expectClose(try #require(stats.sampleStandardDeviation), (32.0 / 7.0).squareRoot(),
                    Tolerance(absolute: 0, relative: 1e-15), "sample SD")
        #expect(stats.minimum == 2 && stats.maximum == 9)
    }

    @Test("Float input gives the statistics of the same values as Double")
    func floatInput() {
        let floats: [Float] = [0.1, 0.7, -2.5, 3.25]
        #expect(SummaryStatistics(floats) == SummaryStatistics(floats.map(Double.init)))
    }

    // MARK: Properties

    @Test("merging random splits equals one pass over the data")
    func mergeRandomSplits() {
        var generator = ReferenceVectorGenerator(seed: 99)
        let values = generator.normal(count: 2000, mean: 3, standardDeviation: 2)
        let onePass = SummaryStatistics(values)
        let tolerance = Tolerance(absolute: 1e-12, relative: 1e-12)
        for trial in 0..<20 {
            // Split into up to 6 random contiguous chunks and merge them in a random tree order.
            var cuts = (0..<(1 + trial % 5)).map { _ in Int(generator.next() % UInt64(values.count)) }
            cuts.append(contentsOf: [0, values.count])
            cuts.sort()
            var parts = zip(cuts, cuts.dropFirst()).map { SummaryStatistics(Array(values[$0..<$1])) }
            while parts.count > 1 {
                let index = Int(generator.next() % UInt64(parts.count - 1))
                let right = parts.remove(at: index + 1)
                parts[index].merge(right)
            }
            let merged = parts[0]
            #expect(merged.count == onePass.count && merged.minimum == onePass.minimum && merged.maximum == onePass.maximum)
            expectClose(merged.mean, onePass.mean, tolerance, "trial \(trial) mean")
            expectClose(merged.variance, onePass.variance, tolerance, "trial \(trial) variance")
        }
    }

    @Test("stable on 1e9 + small noise: matches the variance of the noise")
    func largeOffset() {
        var generator = ReferenceVectorGenerator(seed: 5)
        let noise = generator.uniform(count: 10_000, low: -0.5, high: 0.5)
        let values = noise.map { 1e9 + $0 }
        // The exact deviations from 1e9 (Sterbenz: x - 1e9 is exact), summarised by two passes.
        let shifted = values.map { $0 - 1e9 }
        let mean = shifted.reduce(0, +) / Double(shifted.count)
        let variance = shifted.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(shifted.count)
        let stats = SummaryStatistics(values)
        expectClose(stats.variance, variance, Tolerance(absolute: 0, relative: 1e-8), "variance")
        expectClose(stats.mean, 1e9 + mean, Tolerance(absolute: 0, relative: 1e-15), "mean")
        // Halves merged give the same answer.
        let half = values.count / 2
        let merged = SummaryStatistics(Array(values[..<half])).merging(SummaryStatistics(Array(values[half...])))
        expectClose(merged.variance, variance, Tolerance(absolute: 0, relative: 1e-8), "merged variance")
        // The textbook one-pass formula Σx²/n - mean² would lose every digit here.
        let naive = values.map { $0 * $0 }.reduce(0, +) / Double(values.count) - stats.mean * stats.mean
        #expect(abs(naive - variance) > 0.1 * variance, "naive formula unexpectedly accurate: \(naive)")
    }

    @Test("shifting the data shifts the mean and keeps the variance")
    func shiftInvariance() {
        let values: [Double] = [0.5, 1.25, 3.0, -2.0, 7.75]
        let base = SummaryStatistics(values)
        let shifted = SummaryStatistics(values.map { $0 + 1024 })
        expectClose(shifted.mean, base.mean + 1024, Tolerance(absolute: 0, relative: 1e-15), "mean")
        expectClose(shifted.variance, base.variance, Tolerance(absolute: 0, relative: 1e-12), "variance")
    }
}
