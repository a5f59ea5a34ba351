import Foundation
import Testing
@testable import DriftStatistics

/// The chi-square test of homogeneity and the chi-square survival function.
@Suite("Chi-square homogeneity")
struct ChiSquareTests {
    // MARK: - Edge cases

    @Test("invalid tables throw invalidCounts naming the row or column")
    func invalidTables() {
        #expect(throws: StatisticsError.self) { try chiSquareHomogeneity([]) }
        #expect(throws: StatisticsError.self) { try chiSquareHomogeneity([[], []]) }
        #expect(throws: StatisticsError.invalidCounts(reason: "row 1 has 2 counts, row 0 has 3")) {
            try chiSquareHomogeneity([[1, 2, 3], [4, 5]])
        }
        #expect(throws: StatisticsError.invalidCounts(reason: "row 1, column 0 is negative (-1.0)")) {
            try chiSquareHomogeneity([[1, 2], [-1, 5]])
        }
        #expect(throws: StatisticsError.invalidCounts(reason: "row 0, column 1 is NaN")) {
            try chiSquareHomogeneity([[1, .nan], [1, 5]])
        }
        #expect(throws: StatisticsError.invalidCounts(reason: "row 0, column 0 is infinite")) {
            try chiSquareHomogeneity([[.infinity, 1], [1, 5]])
        }
        #expect(throws: StatisticsError.invalidCounts(reason: "column 1 sums to zero (its expected counts would be 0)")) {
            try chiSquareHomogeneity([[3, 0, 2], [4, 0, 1]])
        }
        #expect(throws: StatisticsError.invalidCounts(reason: "row 1 sums to zero (its expected counts would be 0)")) {
            try chiSquareHomogeneity(reference: [3, 1, 2], production: [0, 0, 0])
        }
        #expect(throws: StatisticsError.self) { try chiSquareHomogeneity([[1e308, 1e308], [1e308, 1e308]]) }
        #expect(throws: StatisticsError.invalidArgument(name: "production", reason: "2 categories, but reference has 3")) {
            try chiSquareHomogeneity(reference: [1, 2, 3], production: [1, 2])
        }
    }

    @Test("counts near 1e300: squared deviations that overflow are computed exactly, never an infinite statistic")
    func hugeCountsStayFinite() throws {
        // The statistic scales linearly with the counts: [[3, 1], [1, 3]] gives N (ad - bc)^2 / (4·4·4·4) = 2.
        let scale = 1e298
        let result = try chiSquareHomogeneity([[3 * scale, 1 * scale], [1 * scale, 3 * scale]])
        #expect(result.statistic.isFinite)
        #expect(abs(result.statistic / (2 * scale) - 1) < 1e-12)
        #expect(result.pValue == 0)   // a statistic of 2e298 on 1 dof: the true p-value underflows
        let moved = try chiSquareHomogeneity(reference: [1e300, 1e300], production: [1e300, 1e299])
        #expect(moved.statistic.isFinite && moved.statistic > 0)
    }

    @Test("a statistic beyond the largest double is an overflow error with its reason")
    func statisticOverflow() {
        // 3 x 3 diagonal: the statistic is N·(min(r, k) - 1) = 2N = 3e308.
        let table: [[Double]] = [[5e307, 0, 0], [0, 5e307, 0], [0, 0, 5e307]]
        #expect(throws: StatisticsError.overflow(
            quantity: "the chi-square statistic",
            reason: "the counts' deviations from their expected values exceed the largest double")) {
            try chiSquareHomogeneity(table)
        }
    }

    @Test("chiSquareSurvival rejects invalid arguments and handles the ends")
    func survivalEdges() throws {
        #expect(throws: StatisticsError.self) { try chiSquareSurvival(1, degreesOfFreedom: 0) }
        #expect(throws: StatisticsError.self) { try chiSquareSurvival(1, degreesOfFreedom: .infinity) }
        #expect(throws: StatisticsError.self) { try chiSquareSurvival(-1, degreesOfFreedom: 2) }
        #expect(throws: StatisticsError.self) { try chiSquareSurvival(.nan, degreesOfFreedom: 2) }
        #expect(try chiSquareSurvival(0, degreesOfFreedom: 3) == 1)
        #expect(try chiSquareSurvival(.infinity, degreesOfFreedom: 3) == 0)
        #expect(try chiSquareSurvival(1e6, degreesOfFreedom: 3) == 0)
    }

    @Test("a single category (dof 0) gives statistic 0 and p 1, with expected counts")
    func dofZero() throws {
        let result = try chiSquareHomogeneity([[7], [3]])
        #expect(result.statistic == 0)
        #expect(result.pValue == 1)
        #expect(result.degreesOfFreedom == 0)
        #expect(result.expected == [[7], [3]])
    }

    // MARK: - Reference vectors

    @Test("every chi2 vector case at the README tolerances")
    func vectorCases() throws {
        let cases = try ReferenceVectors.cases(method: "chi2")
        #expect(cases.count > 0)
        for vectorCase in cases {
            let id = vectorCase.id
            guard let rows = vectorCase.inputs["table"]?.array?.compactMap(\.doubles) else {
                Issue.record("\(id): no table")
                continue
            }
            let expectedStatistic = vectorCase.expected["statistic"]?.double
            let invalid = rows.joined().contains { !$0.isFinite || $0 < 0 } || expectedStatistic?.isNaN == true
            if vectorCase.expectsError || invalid {
                #expect(throws: StatisticsError.self, "\(id) should throw") { try chiSquareHomogeneity(rows) }
                continue
            }
            let result = try chiSquareHomogeneity(rows)
            expectClose(result.statistic, try vectorCase.expectedDouble("statistic"),
                        vectorCase.tolerance("statistic"), "\(id) statistic")
            expectClose(result.pValue, try vectorCase.expectedDouble("pvalue"),
                        vectorCase.tolerance("pvalue"), "\(id) pvalue")
            #expect(result.degreesOfFreedom == vectorCase.expected["dof"]?.int, "\(id) dof")
            let expectedFrequencies = vectorCase.expected["expected_freq"]?.array?.compactMap(\.doubles) ?? []
            #expect(result.expected.count == expectedFrequencies.count, "\(id) expected_freq rows")
            for (row, (actual, reference)) in zip(result.expected, expectedFrequencies).enumerated() {
                expectClose(actual, reference, vectorCase.tolerance("expected_freq"), "\(id) expected_freq[\(row)]")
            }
            if rows.count == 2 {
                let pair = try chiSquareHomogeneity(reference: rows[0], production: rows[1])
                #expect(pair == result, "\(id) two-vector form")
            }
        }
    }

    // MARK: - Independent checks

    @Test("dof 2: p = exp(-x/2); dof 1: p = erfc(sqrt(x/2))")
    func closedForms() throws {
        var x = 1e-4
        while x < 1400 {
            let two = exp(-x / 2)
            let pTwo = try chiSquareSurvival(x, degreesOfFreedom: 2)
            #expect(abs(pTwo - two) <= (1e-14 + 3e-16 * x) * two, "dof 2, x = \(x)")
            let one = erfc((x / 2).squareRoot())
            let pOne = try chiSquareSurvival(x, degreesOfFreedom: 1)
            if one >= Double.leastNormalMagnitude {
                #expect(abs(pOne - one) <= (1e-13 + 6e-16 * x) * one, "dof 1, x = \(x): \(pOne) vs \(one)")
            } else {
                #expect(abs(pOne - one) <= 4 * Double.leastNonzeroMagnitude, "dof 1, x = \(x) (subnormal)")
            }
            x *= 1.7
        }
    }

    @Test("2 x 2 statistic equals the textbook N (ad - bc)^2 / (row and column product)")
    func twoByTwoFormula() throws {
        let (a, b, c, d) = (12.0, 5.0, 7.0, 19.0)
        let n = a + b + c + d
        let formula = n * (a * d - b * c) * (a * d - b * c) / ((a + b) * (c + d) * (a + c) * (b + d))
        let result = try chiSquareHomogeneity([[a, b], [c, d]])
        #expect(abs(result.statistic - formula) <= 1e-13 * formula)
        #expect(result.degreesOfFreedom == 1)
    }

    @Test("proportional rows give statistic 0 and p 1; scaling both rows scales the statistic")
    func proportionalAndScaling() throws {
        let same = try chiSquareHomogeneity(reference: [10, 20, 30, 40], production: [5, 10, 15, 20])
        #expect(abs(same.statistic) <= 1e-13)
        #expect(same.pValue > 0.999_999_999)
        let table: [[Double]] = [[12, 30, 8, 4], [15, 25, 20, 9], [7, 7, 7, 7]]
        let base = try chiSquareHomogeneity(table)
        let tripled = try chiSquareHomogeneity(table.map { $0.map { $0 * 3 } })
        #expect(abs(tripled.statistic - 3 * base.statistic) <= 1e-12 * base.statistic)
        #expect(base.degreesOfFreedom == 6)
        #expect(tripled.pValue < base.pValue)
        // Row sums of the expected table equal the observed row sums.
        for (observed, expected) in zip(table, base.expected) {
            #expect(abs(observed.reduce(0, +) - expected.reduce(0, +)) <= 1e-12)
        }
    }

    @Test("huge statistics give tiny p-values down through the subnormal range, then exactly 0")
    func tinyPValues() throws {
        var previous = 1.0
        for scale in [1.0, 10, 100, 300, 600, 800, 1000] {
            let result = try chiSquareHomogeneity(reference: [scale * 10, 1, 1], production: [1, scale * 10, 1])
            #expect(result.pValue <= previous)
            previous = result.pValue
            let direct = try chiSquareSurvival(result.statistic, degreesOfFreedom: 2)
            #expect(result.pValue == direct)
            let closed = exp(-result.statistic / 2)
            #expect(abs(result.pValue - closed) <= max(1e-12 * closed, 2 * Double.leastNonzeroMagnitude))
        }
        #expect(previous == 0)
    }
}
