import Testing
@testable import DriftStatistics

/// `histogram(_:bins:range:)` and `histogram(_:edges:)`: numpy.histogram semantics, every value
/// accounted for, and the SIMD kernels cross-checked against the scalar edge rule.
@Suite("Histogram")
struct HistogramTests {
    // MARK: - Errors

    @Test("fewer than one bin throws", arguments: [0, -1, Int.min])
    func tooFewBins(bins: Int) {
        #expect(throws: StatisticsError.tooFewBins(requested: bins, minimum: 1)) {
            try histogram([1.0, 2.0], bins: bins)
        }
        #expect(throws: StatisticsError.self) { try histogram([1.0], bins: bins, range: 0...1) }
    }

    @Test("a range with lower > upper, NaN or infinite bounds throws")
    func invalidRanges() {
        // A ClosedRange cannot hold reversed or NaN bounds; the internal entry point takes a pair.
        #expect(throws: StatisticsError.invalidRange(lower: 2, upper: 1)) {
            try histogram([1.0], bins: 3, bounds: (2, 1))
        }
        #expect(throws: StatisticsError.self) { try histogram([1.0], bins: 3, bounds: (.nan, 1)) }
        #expect(throws: StatisticsError.self) { try histogram([1.0], bins: 3, bounds: (0, .nan)) }
        #expect(throws: StatisticsError.self) { try histogram([1.0], bins: 3, range: -Double.infinity...1) }
        #expect(throws: StatisticsError.self) { try histogram([1.0], bins: 3, range: 0...Double.infinity) }
        #expect(throws: StatisticsError.self) { try histogram([Float(1)], bins: 3, range: 0...Double.infinity) }
    }

    @Test("explicit edges: fewer than two, NaN or decreasing edges throw")
    func invalidEdges() {
        #expect(throws: StatisticsError.tooFewBins(requested: 0, minimum: 1)) { try histogram([1.0], edges: [1]) }
        #expect(throws: StatisticsError.tooFewBins(requested: 0, minimum: 1)) { try histogram([1.0], edges: []) }
        #expect(throws: StatisticsError.self) { try histogram([1.0], edges: [0, 2, 1]) }
        #expect(throws: StatisticsError.self) { try histogram([1.0], edges: [0, .nan, 2]) }
        #expect(throws: StatisticsError.self) { try histogram([1.0], edges: [.infinity, 0]) }
        do {
            _ = try histogram([1.0], edges: [0, 1, 3, 2])
            Issue.record("decreasing edges accepted")
        } catch let error as StatisticsError {
            guard case .invalidEdges(let index, _) = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(index == 3)
        } catch {
            Issue.record("unexpected error type \(error)")
        }
    }

    @Test("automatic range with NaN or an infinity throws (numpy: range is not finite)")
    func autoRangeNonFinite() {
        #expect(throws: StatisticsError.nonFiniteValue(sample: "values", index: 1, value: .infinity)) {
            try histogram([1.0, .infinity, 2], bins: 2)
        }
        #expect(throws: StatisticsError.self) { try histogram([1.0, 2, .nan], bins: 2) }
        #expect(throws: StatisticsError.self) { try histogram([Float](repeating: 1, count: 5000) + [-.infinity], bins: 2) }
        var long = [Double](repeating: 0.5, count: 10_001)
        long[9_999] = .nan
        do {
            _ = try histogram(long, bins: 4)
            Issue.record("NaN accepted with an automatic range")
        } catch let StatisticsError.nonFiniteValue(_, index, value) {
            #expect(index == 9_999 && value.isNaN)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("too many bins for the floating-point width of the range throws, as numpy")
    func tooManyBinsForRange() {
        #expect(throws: StatisticsError.self) { try histogram([1e20, 1e20], bins: 3) }
        #expect(throws: StatisticsError.self) { try histogram([0.0], bins: 2, range: -1e308...1e308) }
        #expect(throws: StatisticsError.self) { try histogram([1.0], bins: 4, range: 1...1.0000000000000004) }
    }

    // MARK: - Tiny and hand-checked inputs

    @Test("empty input uses numpy's default range (0, 1)")
    func emptyInput() throws {
        let h = try histogram([Double](), bins: 3)
        #expect(h.counts == [0, 0, 0])
        #expect(h.edges == [0, 1.0 / 3, 2.0 / 3, 1])
        #expect(h.total == 0)
        let f = try histogram([Float](), bins: 2, range: -1...1)
        #expect(f.counts == [0, 0] && f.edges == [-1, 0, 1])
    }

    @Test("0.3 with range (0, 1) and 10 bins is in bin 2, as numpy")
    func pointThreeIsInBinTwo() throws {
        let h = try histogram([0.3], bins: 10, range: 0...1)
        #expect(h.edges[3] == 0.30000000000000004)
        #expect(h.counts[2] == 1 && h.counts.reduce(0, +) == 1)
        #expect(try histogramScalar([0.3], edges: h.edges) == h)
    }

    @Test("the documentation examples hold")
    func documentationExamples() throws {
        let h = try histogram([0.1, 0.3, 0.7, 2.0, .nan], bins: 10, range: 0...1)
        #expect(h.counts == [0, 1, 1, 0, 0, 0, 1, 0, 0, 0])
        #expect(h.aboveRange == 1 && h.nanCount == 1 && h.total == 5)
        let e = try histogram([-3.0, -0.5, 0.0, 0.1, 7], edges: [-1, 0, 1])
        #expect(e.counts == [1, 2] && e.belowRange == 1 && e.aboveRange == 1)
        let f = try histogram([Float(0.25), 0.75], bins: 2, range: 0...1)
        #expect(f.counts == [1, 1])
        let g = try histogram([1.0, 2.0, 9.0, .nan], edges: [0, 5])
        #expect(g.total == 4 && g.counts == [2] && g.aboveRange == 1 && g.nanCount == 1)
    }

    @Test("hand example [1,2,2,3,3,3,4] with 3 bins")
    func handExample() throws {
        let h = try histogram([1.0, 2, 2, 3, 3, 3, 4], bins: 3)
        #expect(h.edges == [1, 2, 3, 4])
        #expect(h.counts == [1, 2, 4])
        #expect(h.belowRange == 0 && h.aboveRange == 0 && h.nanCount == 0 && h.total == 7)
    }

    @Test("constant data widens the range by 0.5 on each side")
    func constantData() throws {
        let h = try histogram([5.0, 5, 5], bins: 2)
        #expect(h.edges == [4.5, 5, 5.5])
        #expect(h.counts == [0, 3])
        let r = try histogram([1.0, 2], bins: 1, range: 3...3)
        #expect(r.edges == [2.5, 3.5] && r.belowRange == 2)
    }

    @Test("a -0.0 start becomes +0.0 in the edges, as numpy.linspace")
    func negativeZeroStart() throws {
        let h = try histogram([-0.0, 0.0, 0.5, 1], bins: 2, range: -0.0...1)
        #expect(h.edges[0].sign == .plus)
        #expect(h.counts == [2, 2])
    }

    @Test("out-of-range values, infinities and NaN are counted, never dropped")
    func everyValueIsCounted() throws {
        let values: [Double] = [-.infinity, -5, -1e-300, 0, 0.5, 1, 1 + 1e-15, 7, .infinity, .nan, .nan]
        let h = try histogram(values, bins: 2, range: 0...1)
        #expect(h.counts == [1, 2])
        #expect(h.belowRange == 3 && h.aboveRange == 3 && h.nanCount == 2)
        #expect(h.total == values.count)
        let e = try histogram(values, edges: [0, 0.5, 1])
        #expect(e == h)
    }

    @Test("last bin is closed, other bins half-open")
    func lastBinClosed() throws {
        let h = try histogram([0.0, 1, 2, 3], edges: [0, 1, 2, 3])
        #expect(h.counts == [1, 1, 2])
    }

    @Test("zero-width bins stay empty; a value on a repeated edge goes to the right-hand bin")
    func zeroWidthBins() throws {
        let h = try histogram([0.5, 1, 1, 1.5, 2], edges: [0, 1, 1, 1, 2])
        #expect(h.counts == [1, 0, 0, 4])
        let end = try histogram([1.0, 1.0], edges: [0, 1, 1, 1])
        #expect(end.counts == [0, 0, 2])        // numpy: [0, 0, 3] for three ones
        let single = try histogram([5.0, 4.0, 6.0], edges: [5, 5])
        #expect(single.counts == [1] && single.belowRange == 1 && single.aboveRange == 1)
    }

    @Test("infinite edges: [-inf, 0, inf] counts every non-NaN value")
    func infiniteEdges() throws {
        let h = try histogram([.infinity, -.infinity, 0, -1e300, .nan], edges: [-.infinity, 0, .infinity])
        #expect(h.counts == [2, 2])
        #expect(h.nanCount == 1 && h.belowRange == 0 && h.aboveRange == 0)
    }

    @Test("Float input equals Double input on Float-representable data")
    func floatEqualsDouble() throws {
        var generator = ReferenceVectorGenerator(seed: 42)
        for count in [0, 1, 7, 8, 9, 100, 5000] {
            let floats = generator.normal(count: count, mean: 0, standardDeviation: 2).map { Float($0) }
            let doubles = floats.map(Double.init)
            #expect(try histogram(floats, bins: 13, range: -3...3) == histogram(doubles, bins: 13, range: -3...3))
            #expect(try histogram(floats, bins: 7) == histogram(doubles, bins: 7))
            let edges: [Double] = [-2, -0.3, 0, 0.1, 0.7, 2.5]
            #expect(try histogram(floats, edges: edges) == histogram(doubles, edges: edges))
        }
    }

    // MARK: - Reference vectors (numpy.histogram)

    @Test("every histogram vector case: counts exact, edges bit-exact")
    func referenceVectors() throws {
        let cases = try ReferenceVectors.cases(method: "histogram")
        #expect(cases.count > 0)
        for vectorCase in cases {
            let values = try vectorCase.array("a")
            let binsJSON = vectorCase.inputs["bins"]
            let rangeJSON = vectorCase.inputs["range"]
            let compute: () throws -> Histogram = {
                if let binCount = binsJSON?.int {
                    var bounds: (lower: Double, upper: Double)?
                    if let pair = rangeJSON?.doubles, pair.count == 2 { bounds = (pair[0], pair[1]) }
                    if let bounds, bounds.lower <= bounds.upper {
                        // The public entry point whenever a ClosedRange can hold the range.
                        return try histogram(values, bins: binCount, range: bounds.lower...bounds.upper)
                    }
                    return try histogram(values, bins: binCount, bounds: bounds)
                }
                guard let binsJSON else { throw VectorError.missingField("\(vectorCase.id): inputs.bins") }
                let edges = try ReferenceVectors.resolveArray(binsJSON, context: "\(vectorCase.id): inputs.bins")
                return try histogram(values, edges: edges)
            }
            if vectorCase.expectsError {
                #expect(throws: (any Error).self, "\(vectorCase.id): numpy raised") { try compute() }
                continue
            }
            let result = try compute()
            let expectedCounts = try vectorCase.expectedDoubles("counts")
            #expect(result.counts.map(Double.init) == expectedCounts, "\(vectorCase.id): counts")
            expectClose(result.edges, try vectorCase.expectedDoubles("edges"), vectorCase.tolerance("edges"),
                        "\(vectorCase.id): edges")
            #expect(result.total == values.count, "\(vectorCase.id): total")
            #expect(try histogramScalar(values, edges: result.edges) == result, "\(vectorCase.id): scalar")
        }
    }

    // MARK: - Properties: SIMD kernels versus the scalar edge rule

    /// Random values around `edges`: exact edges and their neighbours, -0.0, NaN, infinities,
    /// values outside the edges and in between.
    static func probeValues(edges: [Double], count: Int, generator: inout ReferenceVectorGenerator) -> [Double] {
        let finite = edges.filter(\.isFinite)
        let low = finite.first ?? -1
        let high = finite.last ?? 1
        let span = max(high - low, 1e-300)
        return (0..<count).map { _ -> Double in
            let edge = edges[Int(generator.next() % UInt64(edges.count))]
            switch generator.next() % 12 {
            case 0: return edge
            case 1: return edge.nextUp
            case 2: return edge.nextDown
            case 3: return [.nan, .infinity, -.infinity, -0.0, 0.0][Int(generator.next() % 5)]
            case 4: return low - span * generator.nextUnit()
            case 5: return high + span * generator.nextUnit()
            default: return low + span * generator.nextUnit()
            }
        }
    }

    @Test("uniform bins: SIMD path equals the scalar edge rule on random and edge values")
    func uniformMatchesScalar() throws {
        var generator = ReferenceVectorGenerator(seed: 2024)
        let ranges: [(Double, Double)] = [(0, 1), (-3, 3), (-5, 5), (1e6, 1e6 + 1), (-1e-300, 1e-300),
                                          (0, 0x1p-1030), (-2.5, -0.5), (1e15, 1e16), (0.1, 0.7)]
        var uniformGridsSeen = 0
        for trial in 0..<300 {
            let (lower, upper) = ranges[trial % ranges.count]
            let bins = [1, 2, 3, 7, 10, 64, 1000][Int(generator.next() % 7)]
            guard let binning = try? HistogramBinning(bins: bins, lower: lower, upper: upper) else { continue }
            if case .uniform = binning.method { uniformGridsSeen += 1 }
            let count = Int(generator.next() % 300)
            let values = HistogramTests.probeValues(edges: binning.edges, count: count, generator: &generator)
            let fast = try histogram(values, bins: bins, range: lower...upper)
            let scalar = try histogramScalar(values, edges: fast.edges)
            #expect(fast == scalar, "trial \(trial): range \(lower)...\(upper), \(bins) bins, n = \(count)")
            #expect(fast.edges == binning.edges)
            #expect(fast.total == count)
        }
        #expect(uniformGridsSeen > 100)
    }

    @Test("explicit edges: every kernel equals the scalar edge rule")
    func explicitMatchesScalar() throws {
        var generator = ReferenceVectorGenerator(seed: 77)
        var methodsSeen: Set<String> = []
        for trial in 0..<400 {
            let bins = [1, 2, 3, 4, 5, 9, 20, 50, 300][trial % 9]
            var edges = (0...bins).map { _ in generator.normal(count: 1, mean: 0, standardDeviation: 2)[0] }.sorted()
            switch trial % 5 {
            case 1 where bins >= 3:
                edges[1] = edges[2]                        // a zero-width bin
            case 2:
                edges[0] = -.infinity
            case 3:
                edges[bins] = .infinity
            case 4 where bins >= 4:
                for index in 1..<bins / 2 { edges[index] = edges[0] + Double(index) * 1e-12 }   // clustered
            default:
                break
            }
            let binning = try HistogramBinning(edges: edges)
            switch binning.method {
            case .uniform: methodsSeen.insert("uniform")
            case .linearScan: methodsSeen.insert("linearScan")
            case .cellTable: methodsSeen.insert("cellTable")
            case .binarySearch: methodsSeen.insert("binarySearch")
            }
            let count = Int(generator.next() % 200)
            let values = HistogramTests.probeValues(edges: edges, count: count, generator: &generator)
            let fast = try histogram(values, edges: edges)
            #expect(fast == (try histogramScalar(values, edges: edges)), "trial \(trial): \(bins) bins, n = \(count)")
            #expect(fast.total == count)
        }
        // Infinite-only edges use the binary search; uniform edges given explicitly the grid.
        let allInfinite = try HistogramBinning(edges: [-.infinity, -.infinity, .infinity, .infinity, .infinity, .infinity])
        if case .binarySearch = allInfinite.method { methodsSeen.insert("binarySearch") }
        let values = HistogramTests.probeValues(edges: [-1, 0, 1], count: 333, generator: &generator)
        let infiniteEdges: [Double] = [-.infinity, -.infinity, .infinity, .infinity, .infinity, .infinity]
        #expect(try histogram(values, edges: infiniteEdges) == histogramScalar(values, edges: infiniteEdges))
        // A finite span that overflows also takes the binary search, here with 700 bins.
        var wideEdges = (0...700).map { Double($0 - 350) * 5e305 }
        wideEdges[0] = -.greatestFiniteMagnitude
        wideEdges[699] = wideEdges[698]
        let wide = try HistogramBinning(edges: wideEdges)
        guard case .binarySearch = wide.method else {
            Issue.record("overflowing span did not take the binary search")
            return
        }
        let wideValues = HistogramTests.probeValues(edges: wideEdges, count: 5003, generator: &generator)
            + [1, -1, 0, 3.3e306, -2e306]
        #expect(try histogram(wideValues, edges: wideEdges) == histogramScalar(wideValues, edges: wideEdges))
        #expect(methodsSeen.isSuperset(of: ["uniform", "linearScan", "cellTable", "binarySearch"]), "\(methodsSeen)")
    }

    @Test("explicit equal-width edges are recognised and binned like bins: range:")
    func explicitUniformEdges() throws {
        let edges = try uniformBinEdges(lower: -4, upper: 4, count: 64)
        let binning = try HistogramBinning(edges: edges)
        guard case .uniform = binning.method else {
            Issue.record("uniform edges not recognised")
            return
        }
        var generator = ReferenceVectorGenerator(seed: 5)
        let values = HistogramTests.probeValues(edges: edges, count: 4099, generator: &generator)
        let byEdges = try histogram(values, edges: edges)
        #expect(byEdges == (try histogram(values, bins: 64, range: -4...4)))
        #expect(byEdges == (try histogramScalar(values, edges: edges)))
    }

    @Test("ill-conditioned equal-width bins fall back to exact explicit-edge binning")
    func illConditionedGrid() throws {
        // Bins much narrower than the spacing of doubles near 1e6: duplicate-prone edges.
        let binning = try HistogramBinning(bins: 50, lower: 1e6, upper: 1e6 + 1e-7)
        if case .uniform = binning.method { Issue.record("ill-conditioned grid took the arithmetic path") }
        var generator = ReferenceVectorGenerator(seed: 9)
        let values = HistogramTests.probeValues(edges: binning.edges, count: 1000, generator: &generator)
        let h = try histogram(values, bins: 50, range: 1e6...(1e6 + 1e-7))
        #expect(h == (try histogramScalar(values, edges: h.edges)))
    }

    @Test("large random inputs: all kernels agree with the scalar reference")
    func largeInputs() throws {
        var generator = ReferenceVectorGenerator(seed: 31)
        let values = generator.normal(count: 100_003, mean: 0.2, standardDeviation: 1.7)
        let uniform = try histogram(values, bins: 100, range: -4...4)
        #expect(uniform == (try histogramScalar(values, edges: uniform.edges)))
        let auto = try histogram(values, bins: 37)
        #expect(auto == (try histogramScalar(values, edges: auto.edges)))
        #expect(auto.belowRange == 0 && auto.aboveRange == 0 && auto.counts.reduce(0, +) == values.count)
        #expect(auto.edges.first == values.min() && auto.edges.last == values.max())
        let quantileEdges = stride(from: 0, through: 100_000, by: 5_000).map { values.sorted()[$0] }
        let irregular = try histogram(values, edges: quantileEdges)
        #expect(irregular == (try histogramScalar(values, edges: quantileEdges)))
        let integers = generator.integers(count: 50_001, low: -6, high: 6)
        let onEdges = try histogram(integers, bins: 12, range: -6...6)
        #expect(onEdges == (try histogramScalar(integers, edges: onEdges.edges)))
    }
}
