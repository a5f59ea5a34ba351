import Testing
@testable import DriftStatistics

/// ∫ |F - G| dt by brute force: on each gap between consecutive distinct pooled values the
/// (weighted) CDFs are constant, evaluated by scanning all values at the gap's midpoint.
private func bruteForceWasserstein(
    _ u: [Double], _ v: [Double], uWeights: [Double]? = nil, vWeights: [Double]? = nil
) -> Double {
    let uw = uWeights ?? [Double](repeating: 1, count: u.count)
    let vw = vWeights ?? [Double](repeating: 1, count: v.count)
    func cdf(_ values: [Double], _ weights: [Double], at t: Double) -> Double {
        var below = 0.0
        for (value, weight) in zip(values, weights) where value <= t { below += weight }
        return below / weights.reduce(0, +)
    }
    let grid = Array(Set(u + v)).sorted()
    var total = 0.0
    for (left, right) in zip(grid, grid.dropFirst()) {
        let middle = left / 2 + right / 2
        let difference = abs(cdf(u, uw, at: middle) - cdf(v, vw, at: middle))
        if difference != 0 { total += difference * (right - left) }   // a zero gap adds nothing, even if infinitely wide
    }
    return total
}

private let close = Tolerance(absolute: 1e-15, relative: 1e-12)

@Suite("Wasserstein distance")
struct WassersteinTests {
    // MARK: Edge cases

    @Test("empty samples throw")
    func emptySamples() {
        #expect(throws: StatisticsError.self) { try wassersteinDistance([Double](), [1.0]) }
        #expect(throws: StatisticsError.self) { try wassersteinDistance([1.0], [Double]()) }
        #expect(throws: StatisticsError.self) { try wassersteinDistance([Double](), [1.0], uWeights: []) }
    }

    @Test("NaN and infinities in a sample throw", arguments: [Double.nan, .infinity, -.infinity])
    func nonFiniteSamples(bad: Double) {
        #expect(throws: StatisticsError.self) { try wassersteinDistance([1.0, bad], [1.0]) }
        #expect(throws: StatisticsError.self) { try wassersteinDistance([1.0], [bad]) }
        #expect(throws: StatisticsError.self) { try wassersteinDistance([1.0, bad], [1.0], uWeights: [1, 1]) }
    }

    @Test("invalid weights throw: length, negative, NaN, zero sum, infinite sum")
    func invalidWeights() {
        let bad: [[Double]] = [[1], [1, 2, 3], [1, -1], [1, .nan], [0, 0], [1, .infinity], [1e308, 1e308]]
        for weights in bad {
            #expect(throws: StatisticsError.self, "u \(weights)") {
                try wassersteinDistance([0.0, 1], [0.5], uWeights: weights)
            }
            #expect(throws: StatisticsError.self, "v \(weights)") {
                try wassersteinDistance([0.5], [0.0, 1], vWeights: weights)
            }
        }
    }

    @Test("single points: the distance is |x - y|; identical samples give 0")
    func tinyInputs() throws {
        #expect(try wassersteinDistance([2.5], [-1.0]) == 3.5)
        #expect(try wassersteinDistance([4.0], [4.0]) == 0)
        #expect(try wassersteinDistance([1.0, 2, 2, 3], [3.0, 2, 1, 2]) == 0)
        #expect(try wassersteinDistance([-0.0], [0.0]) == 0)
    }

    @Test("zero weights drop their values")
    func zeroWeights() throws {
        let weighted = try wassersteinDistance([0.0, 10, 1], [0.5], uWeights: [1, 0, 1])
        #expect(weighted == (try wassersteinDistance([0.0, 1], [0.5])))
    }

    @Test("overflowing gaps: inf where the CDFs differ across it, 0 (not NaN) where they agree")
    func overflowingGaps() throws {
        #expect(try wassersteinDistance([-1e308], [1e308]) == .infinity)
        #expect(try wassersteinDistance([-1e308, 1e308], [-1e308, 1e308]) == 0)
        let huge = try wassersteinDistance([-1e308, 0], [0, 1e308])
        #expect(huge == 1e308)
    }

    @Test("normalizedWasserstein: a constant reference keeps its distance, only the normalized one is nil")
    func constantReferenceKeepsDistance() throws {
        let constant = try SortedSample([2.0, 2, 2], label: "reference")
        // scipy.stats.wasserstein_distance([2, 2, 2], [-1, -1]) == 3.0
        let moved = try normalizedWasserstein(reference: constant, production: try SortedSample([-1.0, -1], label: "production"))
        #expect(moved.distance == 3)
        #expect(moved.normalized == nil)
        #expect(moved.referenceStandardDeviation == 0)
        #expect(moved.normalizedUnavailableReason == "reference is constant (2.0); its standard deviation is 0")
        // Constant reference, varying production: ∫|F - G| = 0.5·1 + 0.5·1 = 1.
        let spread = try normalizedWasserstein(reference: constant, production: try SortedSample([1.0, 3], label: "production"))
        #expect(spread.distance == 1 && spread.normalized == nil)
        // Both constant and equal: distance 0, normalized still undefined.
        let same = try normalizedWasserstein(reference: constant, production: try SortedSample([2.0], label: "production"))
        #expect(same.distance == 0 && same.normalized == nil && same.normalizedUnavailableReason != nil)
        // Single values on both sides.
        let single = try normalizedWasserstein(reference: try SortedSample([5.0], label: "reference"),
                                               production: try SortedSample([7.5], label: "production"))
        #expect(single.distance == 2.5 && single.normalized == nil)
        // A varying reference against a constant production is fully defined.
        let constantProduction = try normalizedWasserstein(
            reference: try SortedSample([1.0, 3], label: "reference"), production: try SortedSample([2.0, 2], label: "production"))
        #expect(constantProduction.distance == 1 && constantProduction.normalized == 1 && constantProduction.normalizedUnavailableReason == nil)
    }

    @Test("normalizedWasserstein: a distance beyond the largest double is an overflow error, never infinity")
    func normalizedOverflow() throws {
        let low = try SortedSample([-1.5e308, -1.5e308], label: "reference")
        let high = try SortedSample([1.5e308], label: "production")
        #expect(throws: StatisticsError.overflow(quantity: "the Wasserstein distance", reason: "the samples span more than the largest double")) {
            try normalizedWasserstein(reference: low, production: high)
        }
    }

    @Test("normalizedWasserstein: closed form on a small case, extreme magnitudes")
    func normalizedEdgeCases() throws {
        let reference = try SortedSample([1.0, 2, 3, 4], label: "reference")
        let production = try SortedSample([2.0, 3, 4, 5], label: "production")
        let result = try normalizedWasserstein(reference: reference, production: production)
        #expect(result.distance == 1)
        expectClose(result.referenceStandardDeviation, 1.25.squareRoot(), Tolerance(absolute: 0, relative: 1e-15), "std")
        expectClose(try #require(result.normalized), 1 / 1.25.squareRoot(), Tolerance(absolute: 0, relative: 1e-15), "normalized")
        // Huge and tiny magnitudes do not overflow or underflow the standard deviation.
        let huge = try SortedSample([-1e308, 1e308], label: "reference")
        #expect(try normalizedWasserstein(reference: huge, production: huge).referenceStandardDeviation == 1e308)
        let tiny = try SortedSample([0, 4 * Double.leastNonzeroMagnitude], label: "reference")
        let tinyResult = try normalizedWasserstein(reference: tiny, production: tiny)
        #expect(tinyResult.referenceStandardDeviation == 2 * Double.leastNonzeroMagnitude && tinyResult.normalized == 0)
    }

    // MARK: Reference vectors

    @Test("every wasserstein.json case at the README tolerances")
    func referenceVectors() throws {
        let cases = try ReferenceVectors.cases(method: "wasserstein")
        #expect(cases.count > 0)
        for vectorCase in cases {
            let u = try vectorCase.array("u")
            let v = try vectorCase.array("v")
            func weights(_ name: String) throws -> [Double]? {
                guard let json = vectorCase.inputs[name], !json.isNull else { return nil }
                return try vectorCase.array(name)
            }
            let uWeights = try weights("u_weights")
            let vWeights = try weights("v_weights")
            let finiteInputs = (u + v).allSatisfy(\.isFinite)
            let expected = vectorCase.expectsError ? nil : try vectorCase.expectedDouble("distance")
            if vectorCase.expectsError || !finiteInputs || u.isEmpty || v.isEmpty {
                // scipy raises, or returns NaN/inf for non-finite input: we throw.
                #expect(throws: StatisticsError.self, "\(vectorCase.id) should throw") {
                    try wassersteinDistance(u, v, uWeights: uWeights, vWeights: vWeights)
                }
                continue
            }
            let distance = try wassersteinDistance(u, v, uWeights: uWeights, vWeights: vWeights)
            guard let expected else { continue }
            if expected.isNaN {
                // scipy's 0 * inf on an overflowing gap; we skip zero CDF gaps instead.
                #expect(!distance.isNaN, "\(vectorCase.id): NaN returned")
                #expect(distance == bruteForceWasserstein(u, v, uWeights: uWeights, vWeights: vWeights)
                        || distance.isInfinite, "\(vectorCase.id)")
                continue
            }
            expectClose(distance, expected, vectorCase.tolerance("distance"), "\(vectorCase.id) distance")
            if uWeights == nil, vWeights == nil {
                let sorted = try wassersteinDistance(SortedSample(u), SortedSample(v))
                #expect(sorted.bitPattern == distance.bitPattern, "\(vectorCase.id): sorted path differs")
            }
        }
    }

    // MARK: Properties

    @Test("symmetric, and the sorted path equals the array path bit for bit")
    func symmetryAndPaths() throws {
        var generator = ReferenceVectorGenerator(seed: 11)
        for trial in 0..<20 {
            let u = generator.normal(count: 1 + trial * 7, mean: 0, standardDeviation: 1)
            let v = generator.integers(count: 1 + trial * 3, low: -2, high: 2)
            let forward = try wassersteinDistance(u, v)
            #expect(forward == (try wassersteinDistance(v, u)), "trial \(trial)")
            #expect(forward == (try wassersteinDistance(SortedSample(u), SortedSample(v))), "trial \(trial)")
            #expect(forward == (try wassersteinDistance(u.reversed(), v.shuffled(using: &generator))), "trial \(trial)")
        }
    }

    @Test("a shifted copy is at distance |shift|: exactly for dyadic data, to 1e-12 otherwise")
    func translation() throws {
        var generator = ReferenceVectorGenerator(seed: 3)
        let integers = generator.integers(count: 64, low: -50, high: 50)
        #expect(try wassersteinDistance(integers, integers.map { $0 + 3 }) == 3)
        #expect(try wassersteinDistance(integers.map { $0 - 0.25 }, integers) == 0.25)
        let normal = generator.normal(count: 500, mean: 1, standardDeviation: 2)
        for shift in [0.1, -1.7, 42.0] {
            let shifted = normal.map { $0 + shift }
            // The shifted copy's gaps are rounded, so compare with the distance measured on the data.
            let expected = zip(normal.sorted(), shifted.sorted()).map { abs($1 - $0) }.reduce(0, +) / 500
            expectClose(try wassersteinDistance(normal, shifted), expected, close, "shift \(shift)")
            expectClose(try wassersteinDistance(normal, shifted), abs(shift), Tolerance(absolute: 0, relative: 1e-9),
                        "shift \(shift) vs |shift|")
        }
    }

    @Test("scale equivariance: W(a u, a v) = |a| W(u, v)")
    func scaling() throws {
        var generator = ReferenceVectorGenerator(seed: 8)
        let u = generator.normal(count: 300, mean: 0, standardDeviation: 1)
        let v = generator.exponential(count: 200, location: 0, scale: 1)
        let base = try wassersteinDistance(u, v)
        #expect(try wassersteinDistance(u.map { $0 * 8 }, v.map { $0 * 8 }) == 8 * base)   // powers of two: exact
        expectClose(try wassersteinDistance(u.map { -$0 }, v.map { -$0 }), base, close, "reflection")
        expectClose(try wassersteinDistance(u.map { $0 * 3.7 }, v.map { $0 * 3.7 }), 3.7 * base, close, "3.7")
        expectClose(try wassersteinDistance(u.map { $0 * -0.01 }, v.map { $0 * -0.01 }), 0.01 * base, close, "-0.01")
    }

    @Test("equals the brute-force integral of |F - G| on small inputs (with ties and weights)")
    func bruteForce() throws {
        var generator = ReferenceVectorGenerator(seed: 21)
        for trial in 0..<40 {
            let u = generator.integers(count: 1 + trial % 9, low: 0, high: 6).map { $0 * 0.5 }
            let v = generator.normal(count: 1 + trial % 5, mean: 1, standardDeviation: 2)
            expectClose(try wassersteinDistance(u, v), bruteForceWasserstein(u, v), close, "trial \(trial)")
            let uWeights = u.map { _ in generator.nextUnit() * 3 + 0.1 }
            expectClose(try wassersteinDistance(u, v, uWeights: uWeights),
                        bruteForceWasserstein(u, v, uWeights: uWeights), close, "weighted trial \(trial)")
        }
    }

    @Test("integer weights equal repeated values")
    func integerWeights() throws {
        var generator = ReferenceVectorGenerator(seed: 77)
        for trial in 0..<20 {
            let u = generator.normal(count: 2 + trial, mean: 0, standardDeviation: 1)
            let v = generator.uniform(count: 3 + trial / 2, low: -1, high: 2)
            let uWeights = u.map { _ in Double(1 + generator.next() % 4) }
            let vWeights = v.map { _ in Double(1 + generator.next() % 3) }
            let repeatedU = zip(u, uWeights).flatMap { Array(repeating: $0, count: Int($1)) }
            let repeatedV = zip(v, vWeights).flatMap { Array(repeating: $0, count: Int($1)) }
            expectClose(try wassersteinDistance(u, v, uWeights: uWeights, vWeights: vWeights),
                        try wassersteinDistance(repeatedU, repeatedV), close, "trial \(trial)")
            // Unit weights are exactly the unweighted distance.
            #expect(try wassersteinDistance(u, v, uWeights: u.map { _ in 1 }) == (try wassersteinDistance(u, v)))
        }
    }

    @Test("Float input equals the same values as Double")
    func floatInput() throws {
        let u: [Float] = [0.1, 2.5, -1.25, 7]
        let v: [Float] = [1, 1.5]
        #expect(try wassersteinDistance(u, v) == (try wassersteinDistance(u.map(Double.init), v.map(Double.init))))
    }

    @Test("normalizedWasserstein: a one-SD shift gives 1; normalized is scale invariant")
    func normalizedProperties() throws {
        var generator = ReferenceVectorGenerator(seed: 12)
        let values = generator.normal(count: 1000, mean: 5, standardDeviation: 3)
        let stats = SummaryStatistics(values)
        let reference = try SortedSample(values, label: "reference")
        let shifted = try SortedSample(values.map { $0 + stats.standardDeviation }, label: "production")
        let result = try normalizedWasserstein(reference: reference, production: shifted)
        expectClose(result.referenceStandardDeviation, stats.standardDeviation, close, "std vs Welford")
        expectClose(try #require(result.normalized), 1, Tolerance(absolute: 0, relative: 1e-9), "one-SD shift")
        let scaledReference = try SortedSample(values.map { $0 * 10 }, label: "reference")
        let scaledShifted = try SortedSample(shifted.values.map { $0 * 10 }, label: "production")
        let scaled = try normalizedWasserstein(reference: scaledReference, production: scaledShifted)
        expectClose(try #require(scaled.normalized), try #require(result.normalized), close, "scale invariance")
    }
}
