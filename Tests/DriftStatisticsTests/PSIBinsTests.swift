import Testing
@testable import DriftStatistics

@Suite("PSIBins")
struct PSIBinsTests {
    // MARK: Edge cases

    @Test("fewer than one bin throws", arguments: [0, -3])
    func tooFewBins(bins: Int) throws {
        let reference = try SortedSample([1.0, 2, 3])
        for binning in PSIBinning.allCases {
            #expect(throws: StatisticsError.tooFewBins(requested: bins, minimum: 1)) {
                try PSIBins(reference: reference, bins: bins, binning: binning)
            }
        }
    }

    @Test("a constant reference is degenerate for both binnings")
    func constantReference() throws {
        for values in [[4.0], [4.0, 4, 4, 4]] {
            let reference = try SortedSample(values)
            for binning in PSIBinning.allCases {
                #expect(throws: StatisticsError.self, "\(values) \(binning)") {
                    try PSIBins(reference: reference, bins: 10, binning: binning)
                }
            }
        }
    }

    @Test("one bin holds everything")
    func oneBin() throws {
        let reference = try SortedSample([3.0, 1, 2])
        for binning in PSIBinning.allCases {
            let bins = try PSIBins(reference: reference, bins: 1, binning: binning)
            #expect(bins.edges == [1, 3] && bins.referenceCounts == [3] && bins.referenceTotal == 3)
        }
    }

    @Test("rebuilding validates edges and counts")
    func rebuildValidation() throws {
        #expect(throws: StatisticsError.self) { try PSIBins(edges: [1], referenceCounts: []) }
        #expect(throws: StatisticsError.self) { try PSIBins(edges: [], referenceCounts: []) }
        #expect(throws: StatisticsError.self) { try PSIBins(edges: [0, 2, 1], referenceCounts: [1, 1]) }
        #expect(throws: StatisticsError.self) { try PSIBins(edges: [0, .nan], referenceCounts: [1]) }
        #expect(throws: StatisticsError.self) { try PSIBins(edges: [-.infinity, 0, 1], referenceCounts: [1, 1]) }
        #expect(throws: StatisticsError.self) { try PSIBins(edges: [1, 1], referenceCounts: [1]) }
        #expect(throws: StatisticsError.self) { try PSIBins(edges: [0, 1, 2], referenceCounts: [1]) }
        #expect(throws: StatisticsError.self) { try PSIBins(edges: [0, 1, 2], referenceCounts: [1, -1]) }
        #expect(throws: StatisticsError.self) { try PSIBins(edges: [0, 1, 2], referenceCounts: [0, 0]) }
        #expect(throws: StatisticsError.self) { try PSIBins(edges: [0, 1, 2], referenceCounts: [Int.max, 1]) }
        let bins = try PSIBins(edges: [0, 1, 1, 2], referenceCounts: [2, 0, 3])   // zero-width bin allowed
        #expect(bins.count == 3 && bins.referenceTotal == 5)
    }

    @Test("bin index: open outer bins, an interior edge goes right, a repeated edge skips its empty bin")
    func binIndexRules() throws {
        let bins = try PSIBins(edges: [0, 1, 2, 2, 3], referenceCounts: [1, 1, 0, 1])
        let cases: [(Double, Int)] = [
            (-1e300, 0), (-.infinity, 0), (0, 0), (0.999, 0), (1, 1), (1.5, 1), (2, 3), (2.5, 3), (3, 3),
            (7, 3), (.infinity, 3), (.nan, 3), (-0.0, 0),
        ]
        for (value, expected) in cases {
            #expect(bins.binIndex(of: value) == expected, "\(value)")
        }
        #expect(bins.counts(of: [Float(-1), 0.5, 1, 2, 9, .nan]) == [2, 1, 0, 2])
    }

    // MARK: Quantile edges

    @Test("quantile edges follow numpy's linear quantile on 1...10")
    func quantileEdgesSmall() throws {
        let reference = try SortedSample((1...10).map(Double.init))
        let bins = try PSIBins(reference: reference, bins: 5, binning: .quantile)
        // numpy.quantile(np.arange(1, 11), [0, .2, .4, .6, .8, 1]) (lerp: b - d * (1 - g) for g >= 0.5)
        let expected = [1.0, 3 - 1 * (1 - (1.8 - 1)), 5 - 1 * (1 - (9 * 0.4 - 3)), 6 + 1 * (9 * 0.6 - 5),
                        8 + 1 * (9 * 0.8 - 7), 10]
        #expect(bins.edges == expected, "\(bins.edges)")
        #expect(bins.referenceCounts == [2, 2, 2, 2, 2])
    }

    @Test("ties collapse quantile edges into fewer bins")
    func quantileTies() throws {
        let reference = try SortedSample([0.0, 0, 0, 0, 0, 0, 0, 1, 2, 3])
        let bins = try PSIBins(reference: reference, bins: 10, binning: .quantile)
        #expect(bins.edges.first == 0 && bins.edges.last == 3)
        #expect(zip(bins.edges, bins.edges.dropFirst()).allSatisfy { $0 < $1 }, "\(bins.edges)")
        #expect(bins.count < 10 && bins.referenceTotal == 10)
        // Everything at 0 sits in the bins left of the first positive edge.
        #expect(bins.referenceCounts[0] == 7, "\(bins.referenceCounts)")
    }

    @Test("the linear quantile interpolates without overflow at the extremes of Double")
    func quantileHuge() throws {
        let q = PSIBins.linearQuantile(sorted: [-1.5e308, 1.5e308], level: 0.25)
        #expect(q.isFinite && abs(q - (-0.75e308)) <= 1e293, "\(q)")
        #expect(PSIBins.linearQuantile(sorted: [-1.5e308, 1.5e308], level: 0) == -1.5e308)
        #expect(PSIBins.linearQuantile(sorted: [-1.5e308, 1.5e308], level: 1) == 1.5e308)
        let huge = try SortedSample([-1.5e308, 1.5e308])
        let bins = try PSIBins(reference: huge, bins: 4, binning: .quantile)
        #expect(bins.edges.count == 5 && bins.edges.allSatisfy(\.isFinite))
        // Uniform edges would need the overflowing width max - min.
        #expect(throws: StatisticsError.self) { try PSIBins(reference: huge, bins: 4, binning: .uniform) }
    }

    // MARK: Uniform edges

    @Test("uniform edges are numpy.linspace over the reference range")
    func uniformEdges() throws {
        let reference = try SortedSample([0.0, 0.2, 1, 0.7])
        let bins = try PSIBins(reference: reference, bins: 10, binning: .uniform)
        #expect(bins.edges == (try uniformBinEdges(lower: 0, upper: 1, count: 10)))
        #expect(bins.edges[3] == 0.30000000000000004)
        // 0.2 == edges[2] goes right, but 0.7 < edges[7] == 0.7000000000000001 stays in bin 6.
        #expect(bins.edges[7] == 0.7000000000000001)
        #expect(bins.referenceCounts == [1, 0, 1, 0, 0, 0, 1, 0, 0, 1])
    }

    // MARK: Properties

    @Test("reference counts from the sorted sample equal counts(of:) on the reference")
    func sortedCountsMatchBinning() throws {
        var generator = ReferenceVectorGenerator(seed: 31)
        for trial in 0..<30 {
            let values = trial.isMultiple(of: 3)
                ? generator.integers(count: 5 + trial * 11, low: 0, high: 6)
                : generator.normal(count: 5 + trial * 11, mean: 0, standardDeviation: 1)
            let reference = try SortedSample(values)
            for binning in PSIBinning.allCases {
                let bins = try PSIBins(reference: reference, bins: 1 + trial % 12, binning: binning)
                #expect(bins.referenceCounts == bins.counts(of: values), "trial \(trial) \(binning)")
                #expect(bins.referenceTotal == values.count)
                // binIndex agrees with a linear count of interior edges <= x.
                for value in values.prefix(20) {
                    let interior = bins.edges.dropFirst().dropLast()
                    #expect(bins.binIndex(of: value) == interior.filter { $0 <= value }.count)
                }
                let rebuilt = try PSIBins(edges: bins.edges, referenceCounts: bins.referenceCounts)
                #expect(rebuilt == bins)
            }
        }
    }
}
