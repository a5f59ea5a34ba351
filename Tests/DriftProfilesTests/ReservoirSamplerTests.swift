import DriftStatistics
import Testing
@testable import DriftProfiles

@Suite struct ReservoirSamplerTests {
    // MARK: Edge cases

    @Test func emptyStreamGivesEmptyExactSample() {
        let sampler = ReservoirSampler(capacity: 5, generator: SplitMix64(seed: 1))
        #expect(sampler.values.isEmpty)
        #expect(sampler.isExact)
        #expect(sampler.seen == 0)
    }

    @Test func capacityBelowOneIsOne() {
        var sampler = ReservoirSampler(capacity: 0, generator: SplitMix64(seed: 1))
        for value in 0..<100 { sampler.add(Double(value)) }
        #expect(sampler.capacity == 1)
        #expect(sampler.values.count == 1)
        #expect(!sampler.isExact)
    }

    @Test func underAndAtTheCapTheSampleIsTheStreamInOrder() {
        for count in [1, 9, 10] {
            var sampler = ReservoirSampler(capacity: 10, generator: SplitMix64(seed: 3))
            for value in 0..<count { sampler.add(Double(value)) }
            #expect(sampler.values == (0..<count).map(Double.init))
            #expect(sampler.isExact)
        }
    }

    @Test func aboveTheCapTheSampleHasExactlyCapDistinctStreamValues() {
        for count in [11, 12, 100, 100_000] {
            var sampler = ReservoirSampler(capacity: 10, generator: SplitMix64(seed: 3))
            for value in 0..<count { sampler.add(Double(value)) }
            #expect(sampler.values.count == 10)
            #expect(Set(sampler.values).count == 10)
            #expect(sampler.values.allSatisfy { $0 >= 0 && $0 < Double(count) })
            #expect(!sampler.isExact)
            #expect(sampler.seen == count)
        }
    }

    @Test func reproducibleForASeedAndDifferentAcrossSeeds() {
        func sample(_ seed: UInt64) -> [Double] {
            var sampler = ReservoirSampler(capacity: 50, generator: SplitMix64(seed: seed))
            for value in 0..<10_000 { sampler.add(Double(value)) }
            return sampler.values
        }
        #expect(sample(42) == sample(42))
        #expect(sample(42) != sample(43))
    }

    // MARK: Uniformity

    /// Every position of the stream must be kept with probability k / n. Over many seeds the
    /// inclusion counts per position follow (approximately) a chi-square with n - 1 degrees of
    /// freedom; the bound is loose (about 5 standard deviations) so the test is stable, yet a
    /// sampler that favours early or late values fails it by far.
    @Test func inclusionIsUniformOverPositions() {
        let n = 100, k = 10, trials = 20_000
        var counts = [Int](repeating: 0, count: n)
        for trial in 0..<trials {
            var sampler = ReservoirSampler(capacity: k, generator: SplitMix64(seed: UInt64(trial)))
            for position in 0..<n { sampler.add(Double(position)) }
            for value in sampler.values { counts[Int(value)] += 1 }
        }
        let expected = Double(trials * k) / Double(n)
        let chiSquare = counts.reduce(0.0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
        #expect(chiSquare < 99 + 5 * (2.0 * 99).squareRoot(), "chi-square \(chiSquare)")
        // First and last tenth of the stream are kept equally often (Algorithm L's skips).
        let early = counts[0..<10].reduce(0, +), late = counts[90..<100].reduce(0, +)
        #expect(abs(Double(early - late)) < 0.05 * Double(early))
    }

    /// A long stream exercises the geometric skips: positions grouped in 20 blocks.
    @Test func inclusionIsUniformOverALongStream() {
        let n = 20_000, k = 5, trials = 4_000, blocks = 20
        var counts = [Int](repeating: 0, count: blocks)
        for trial in 0..<trials {
            var sampler = ReservoirSampler(capacity: k, generator: SplitMix64(seed: 0xABC + UInt64(trial)))
            for position in 0..<n { sampler.add(Double(position)) }
            for value in sampler.values { counts[Int(value) * blocks / n] += 1 }
        }
        let expected = Double(trials * k) / Double(blocks)
        let chiSquare = counts.reduce(0.0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
        #expect(chiSquare < 19 + 5 * (2.0 * 19).squareRoot(), "chi-square \(chiSquare), counts \(counts)")
    }

    // MARK: Generator and hash

    @Test func splitMix64MatchesTheReferenceSequence() {
        var generator = SplitMix64(seed: 1_234_567)
        let first = (0..<5).map { _ in generator.next() }
        #expect(first == [
            6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423,
            4_593_380_528_125_082_431, 16_408_922_859_458_223_821,
        ])
    }

    @Test func openUnitIsStrictlyInsideAndIndicesInRange() {
        var generator = SplitMix64(seed: 9)
        for _ in 0..<10_000 {
            let unit = generator.nextOpenUnit()
            #expect(unit > 0 && unit < 1)
            let index = generator.nextIndex(below: 7)
            #expect((0..<7).contains(index))
        }
    }

    @Test func featureStreamsDifferByName() {
        var age = SplitMix64(seed: SplitMix64.defaultSeed, stream: "age")
        var tenure = SplitMix64(seed: SplitMix64.defaultSeed, stream: "tenure")
        var ageAgain = SplitMix64(seed: SplitMix64.defaultSeed, stream: "age")
        let a = age.next()
        #expect(a != tenure.next())
        #expect(a == ageAgain.next())
    }
}
