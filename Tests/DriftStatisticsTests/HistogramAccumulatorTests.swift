import Testing
@testable import DriftStatistics

/// `HistogramAccumulator`: streaming chunks and merging give exactly the one-shot histogram.
@Suite("Histogram accumulator")
struct HistogramAccumulatorTests {
    @Test("invalid bins, ranges and edges throw")
    func invalidArguments() {
        #expect(throws: StatisticsError.tooFewBins(requested: 0, minimum: 1)) {
            try HistogramAccumulator(bins: 0, range: 0...1)
        }
        // Reversed bounds cannot be a ClosedRange; the shared validation rejects them.
        #expect(throws: StatisticsError.invalidRange(lower: 1, upper: 0)) {
            try HistogramBinning(bins: 3, lower: 1, upper: 0)
        }
        #expect(throws: StatisticsError.self) { try HistogramAccumulator(bins: 3, range: 0...Double.infinity) }
        #expect(throws: StatisticsError.self) { try HistogramAccumulator(edges: [1]) }
        #expect(throws: StatisticsError.self) { try HistogramAccumulator(edges: [0, 2, 1]) }
        #expect(throws: StatisticsError.self) { try HistogramAccumulator(edges: [0, .nan]) }
    }

    @Test("a fresh accumulator is an empty histogram with the requested edges")
    func emptyAccumulator() throws {
        let accumulator = try HistogramAccumulator(bins: 4, range: 0...1)
        let h = accumulator.histogram
        #expect(h.edges == [0, 0.25, 0.5, 0.75, 1])
        #expect(h.counts == [0, 0, 0, 0] && h.total == 0)
        var empty = try HistogramAccumulator(edges: [-1, 1])
        empty.add(contentsOf: [Double]())
        #expect(empty.histogram.total == 0)
    }

    @Test("chunked input equals one call on the concatenation", arguments: [1, 7, 8, 9, 100, 2048, 2049, 5000])
    func chunkedEqualsOneShot(chunkSize: Int) throws {
        var generator = ReferenceVectorGenerator(seed: UInt64(chunkSize))
        var values = generator.normal(count: 20_011, mean: 0, standardDeviation: 2)
        values[3] = .nan
        values[4_000] = .infinity
        values[4_001] = -.infinity
        values[7_777] = -0.0
        let explicitEdges: [Double] = [-.infinity, -2, -1, -0.5, 0, 0.25, 1, 3, 3, 6]
        var uniform = try HistogramAccumulator(bins: 25, range: -3...3)
        var explicit = try HistogramAccumulator(edges: explicitEdges)
        var start = 0
        while start < values.count {
            let chunk = Array(values[start..<min(start + chunkSize, values.count)])
            uniform.add(contentsOf: chunk)
            explicit.add(contentsOf: chunk)
            start += chunkSize
        }
        #expect(uniform.histogram == (try histogram(values, bins: 25, range: -3...3)))
        #expect(explicit.histogram == (try histogram(values, edges: explicitEdges)))
        #expect(explicit.histogram == (try histogramScalar(values, edges: explicitEdges)))
        #expect(uniform.histogram.total == values.count)
    }

    @Test("Float chunks equal the one-shot Float histogram")
    func floatChunks() throws {
        var generator = ReferenceVectorGenerator(seed: 12)
        let floats = generator.exponential(count: 10_000, location: 0, scale: 1).map { Float($0) }
        var accumulator = try HistogramAccumulator(bins: 16, range: 0...4)
        for chunk in stride(from: 0, to: floats.count, by: 333).map({ Array(floats[$0..<min($0 + 333, floats.count)]) }) {
            accumulator.add(contentsOf: chunk)
        }
        #expect(accumulator.histogram == (try histogram(floats, bins: 16, range: 0...4)))
        #expect(accumulator.histogram.aboveRange > 0)
    }

    @Test("merging accumulators equals accumulating everything in one")
    func mergeEqualsOneShot() throws {
        var generator = ReferenceVectorGenerator(seed: 8)
        let left = generator.normal(count: 3_001, mean: -1, standardDeviation: 1)
        let right = generator.normal(count: 4_099, mean: 1, standardDeviation: 1) + [.nan, 9]
        var first = try HistogramAccumulator(bins: 10, range: -2...2)
        var second = try HistogramAccumulator(bins: 10, range: -2...2)
        first.add(contentsOf: left)
        second.add(contentsOf: right)
        try first.merge(second)
        #expect(first.histogram == (try histogram(left + right, bins: 10, range: -2...2)))
        #expect(first.histogram.nanCount == 1)
    }

    @Test("merging accumulators with different edges throws")
    func mergeDifferentEdges() throws {
        var first = try HistogramAccumulator(bins: 10, range: -2...2)
        let other = try HistogramAccumulator(bins: 10, range: -2...2.5)
        let fewer = try HistogramAccumulator(bins: 9, range: -2...2)
        #expect(throws: StatisticsError.self) { try first.merge(other) }
        #expect(throws: StatisticsError.self) { try first.merge(fewer) }
        #expect(first.histogram.total == 0)
    }
}
