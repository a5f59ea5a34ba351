import Foundation
import Testing
@testable import DriftStatistics

/// PSI by the definition, written out plainly: proportions, epsilon for empty bins, terms.
private func definitionPSI(_ reference: [Int], _ production: [Int], epsilon: Double = 1e-4) -> Double {
    let referenceTotal = Double(reference.reduce(0, +))
    let productionTotal = Double(production.reduce(0, +))
    var total = 0.0
    for (r, c) in zip(reference, production) {
        let p = r == 0 ? epsilon : Double(r) / referenceTotal
        let q = c == 0 ? epsilon : Double(c) / productionTotal
        total += (q - p) * Foundation.log(q / p)
    }
    return total
}

private let close = Tolerance(absolute: 1e-14, relative: 1e-12)

@Suite("Population Stability Index")
struct PopulationStabilityIndexTests {
    // MARK: Edge cases

    @Test("empty samples, non-finite values, bad bins and bad epsilon throw")
    func invalidInputs() throws {
        let good = [1.0, 2, 3, 4]
        #expect(throws: StatisticsError.self) { try populationStabilityIndex(reference: [Double](), production: good) }
        #expect(throws: StatisticsError.self) { try populationStabilityIndex(reference: good, production: [Double]()) }
        for bad in [Double.nan, .infinity, -.infinity] {
            #expect(throws: StatisticsError.self) { try populationStabilityIndex(reference: good + [bad], production: good) }
            #expect(throws: StatisticsError.self) { try populationStabilityIndex(reference: good, production: good + [bad]) }
        }
        #expect(throws: StatisticsError.self) { try populationStabilityIndex(reference: good, production: good, bins: 0) }
        for epsilon in [0.0, -1e-4, 1, .nan, .infinity] {
            #expect(throws: StatisticsError.self, "epsilon \(epsilon)") {
                try populationStabilityIndex(reference: good, production: good, epsilon: epsilon)
            }
        }
        for binning in PSIBinning.allCases {
            #expect(throws: StatisticsError.self, "\(binning)") {
                try populationStabilityIndex(reference: [5.0, 5, 5], production: good, binning: binning)
            }
        }
        let bins = try PSIBins(edges: [0, 1, 2], referenceCounts: [3, 4])
        #expect(throws: StatisticsError.self) { try populationStabilityIndex(bins, production: [Double]()) }
        #expect(throws: StatisticsError.self) { try populationStabilityIndex(bins, production: [0.5, .nan]) }
    }

    @Test("categorical counts: mismatched, empty, negative, fractional or zero-total counts throw")
    func invalidCounts() {
        let bad: [([Double], [Double])] = [
            ([], []), ([1, 2], [1]), ([1, -1], [1, 1]), ([1, 0.5], [1, 1]), ([0, 0], [1, 1]),
            ([1, 1], [0, 0]), ([1, .nan], [1, 1]), ([1, .infinity], [1, 1]), ([1e300, 1], [1, 1]),
        ]
        for (reference, production) in bad {
            #expect(throws: StatisticsError.self, "\(reference) \(production)") {
                try populationStabilityIndex(referenceCounts: reference, productionCounts: production)
            }
        }
    }

    @Test("a hand example: counts [50, 30, 20] vs [40, 30, 30]")
    func handExample() throws {
        let result = try populationStabilityIndex(referenceCounts: [50, 30, 20], productionCounts: [40, 30, 30])
        let expected = (0.4 - 0.5) * Foundation.log(0.4 / 0.5) + 0 + (0.3 - 0.2) * Foundation.log(0.3 / 0.2)
        expectClose(result.value, expected, close, "psi")
        #expect(result.edges.isEmpty && result.bins == 3)
        #expect(result.referenceProportions == [0.5, 0.3, 0.2] && result.productionProportions == [0.4, 0.3, 0.3])
        #expect(result.contributions[1] == 0 && result.contributions.allSatisfy { $0 >= 0 })
    }

    @Test("empty bins use epsilon without renormalising")
    func epsilonForEmptyBins() throws {
        let result = try populationStabilityIndex(referenceCounts: [10, 0], productionCounts: [5, 5], epsilon: 1e-3)
        #expect(result.referenceProportions == [1, 1e-3] && result.productionProportions == [0.5, 0.5])
        expectClose(result.value, definitionPSI([10, 0], [5, 5], epsilon: 1e-3), close, "psi")
    }

    @Test("production values beyond the reference range land in the outer bins")
    func outsideRange() throws {
        let result = try populationStabilityIndex(
            reference: [0.0, 1, 2, 3, 4, 5, 6, 7, 8, 9], production: [-100.0, 100, 4.5], bins: 5, binning: .uniform)
        #expect(result.productionCounts == [1, 0, 1, 0, 1])
    }

    // MARK: Reference vectors

    @Test("every psi.json case: edges, counts and proportions bit-exact, psi at rel 1e-12")
    func referenceVectors() throws {
        let cases = try ReferenceVectors.cases(method: "psi")
        #expect(cases.count > 0)
        for vectorCase in cases {
            let reference = try vectorCase.array("reference")
            let current = try vectorCase.array("current")
            let bins = vectorCase.inputs["bins"]?.int ?? 10
            let epsilon = vectorCase.inputs["epsilon"]?.double ?? 1e-4
            let binningName = vectorCase.inputs["binning"]?.string ?? "quantile"
            guard let binning = PSIBinning(rawValue: binningName) else {
                Issue.record("\(vectorCase.id): unknown binning \(binningName)")
                continue
            }
            let invalidInput = reference.isEmpty || current.isEmpty || !(reference + current).allSatisfy(\.isFinite)
            if vectorCase.expectsError || invalidInput {
                #expect(throws: StatisticsError.self, "\(vectorCase.id) should throw") {
                    try populationStabilityIndex(reference: reference, production: current, bins: bins,
                                                 binning: binning, epsilon: epsilon)
                }
                continue
            }
            let result = try populationStabilityIndex(reference: reference, production: current, bins: bins,
                                                      binning: binning, epsilon: epsilon)
            let id = vectorCase.id
            expectClose(result.edges, try vectorCase.expectedDoubles("edges"), vectorCase.tolerance("edges"), "\(id) edges")
            #expect(result.referenceCounts.map(Double.init) == (try vectorCase.expectedDoubles("ref_counts")), "\(id) ref_counts")
            #expect(result.productionCounts.map(Double.init) == (try vectorCase.expectedDoubles("cur_counts")), "\(id) cur_counts")
            expectClose(result.referenceProportions, try vectorCase.expectedDoubles("ref_props"),
                        vectorCase.tolerance("ref_props"), "\(id) ref_props")
            expectClose(result.productionProportions, try vectorCase.expectedDoubles("cur_props"),
                        vectorCase.tolerance("cur_props"), "\(id) cur_props")
            expectClose(result.value, try vectorCase.expectedDouble("psi"), vectorCase.tolerance("psi"), "\(id) psi")
            if let raw = vectorCase.expected["raw_quantile_edges"]?.doubles {
                let sorted = reference.sorted()
                let computed = (0...bins).map { PSIBins.linearQuantile(sorted: sorted, level: Double($0) / Double(bins)) }
                expectClose(computed, raw, .exact, "\(id) raw_quantile_edges")
            }
            // The stored-bins path gives the identical result.
            let stored = try PSIBins(edges: result.edges, referenceCounts: result.referenceCounts)
            #expect(try populationStabilityIndex(stored, production: current, epsilon: epsilon) == result, "\(id) stored bins")
        }
    }

    // MARK: Properties

    @Test("0 for identical counts; symmetric in its arguments for the same bins")
    func zeroAndSymmetry() throws {
        var generator = ReferenceVectorGenerator(seed: 17)
        for trial in 0..<30 {
            let reference = generator.normal(count: 200 + trial, mean: 0, standardDeviation: 1)
            let production = generator.normal(count: 150, mean: Double(trial) / 20, standardDeviation: 1)
            let bins = try PSIBins(reference: SortedSample(reference), bins: 2 + trial % 15,
                                   binning: trial.isMultiple(of: 2) ? .quantile : .uniform)
            #expect(try populationStabilityIndex(bins, production: reference).value == 0, "trial \(trial)")
            let forward = try populationStabilityIndex(bins, production: production)
            let reference64 = bins.referenceCounts.map(Double.init)
            let production64 = forward.productionCounts.map(Double.init)
            let backward = try populationStabilityIndex(referenceCounts: production64, productionCounts: reference64)
            expectClose(backward.value, forward.value, close, "trial \(trial) symmetry")
            expectClose(forward.value, definitionPSI(bins.referenceCounts, forward.productionCounts), close,
                        "trial \(trial) definition")
            #expect(forward.value >= 0 && forward.contributions.allSatisfy { $0 >= 0 })
            let sum = forward.contributions.reduce(0, +)
            expectClose(forward.value, sum, close, "trial \(trial) contributions sum")
            // Doubling every count changes no proportion and no PSI.
            let doubled = try populationStabilityIndex(referenceCounts: reference64.map { 2 * $0 },
                                                       productionCounts: production64.map { 2 * $0 })
            #expect(doubled.value == forward.value, "trial \(trial) doubling")
        }
    }

    @Test("Float input gives the same result as the same values in Double")
    func floatInput() throws {
        var generator = ReferenceVectorGenerator(seed: 2)
        let reference = generator.normal(count: 300, mean: 0, standardDeviation: 1).map { Float($0) }
        let production = generator.normal(count: 200, mean: 0.3, standardDeviation: 1).map { Float($0) }
        let asFloat = try populationStabilityIndex(reference: reference, production: production)
        let asDouble = try populationStabilityIndex(reference: reference.map(Double.init),
                                                    production: production.map(Double.init))
        #expect(asFloat == asDouble)
    }

    @Test("PSI grows with the size of a mean shift")
    func monotoneInShift() throws {
        var generator = ReferenceVectorGenerator(seed: 40)
        let reference = generator.normal(count: 5000, mean: 0, standardDeviation: 1)
        let base = generator.normal(count: 5000, mean: 0, standardDeviation: 1)
        let bins = try PSIBins(reference: SortedSample(reference), bins: 10, binning: .quantile)
        var previous = -1.0
        for shift in [0.0, 0.25, 0.5, 1.0, 2.0] {
            let value = try populationStabilityIndex(bins, production: base.map { $0 + shift }).value
            #expect(value > previous, "shift \(shift): \(value) <= \(previous)")
            previous = value
        }
        #expect(previous > 0.25)
    }
}
