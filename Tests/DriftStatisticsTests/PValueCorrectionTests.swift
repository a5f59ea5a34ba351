import Testing
@testable import DriftStatistics

@Suite("p-value corrections")
struct PValueCorrectionTests {
    // MARK: Edge cases

    @Test("empty input gives empty output for every method")
    func emptyInput() throws {
        for method in PValueCorrection.allCases {
            #expect(try adjustedPValues([], method: method) == [], "\(method)")
        }
    }

    @Test("NaN, negative and > 1 p-values throw", arguments: [Double.nan, -0.1, 1.5, .infinity, -.infinity])
    func invalidPValues(bad: Double) {
        for method in PValueCorrection.allCases {
            #expect(throws: StatisticsError.self, "\(method)") {
                try adjustedPValues([0.2, bad, 0.3], method: method)
            }
        }
    }

    @Test("a single p-value is unchanged by every method")
    func singlePValue() throws {
        for method in PValueCorrection.allCases {
            #expect(try adjustedPValues([0.037], method: method) == [0.037], "\(method)")
        }
    }

    @Test("boundaries 0 and 1 are valid; 1 stays 1 and 0 stays 0")
    func boundaries() throws {
        for method in PValueCorrection.allCases {
            let adjusted = try adjustedPValues([0, 1, 0.5], method: method)
            #expect(adjusted[0] == 0 && adjusted[1] == 1, "\(method): \(adjusted)")
        }
    }

    @Test("subnormal p-values are scaled, not flushed")
    func subnormalPValues() throws {
        let tiny = Double.leastNonzeroMagnitude
        let p = [tiny, 2 * tiny, 0.5]
        #expect(try adjustedPValues(p, method: .bonferroni) == [3 * tiny, 6 * tiny, 1])
        #expect(try adjustedPValues(p, method: .holm) == [3 * tiny, 4 * tiny, 0.5])
        let bh = try adjustedPValues(p, method: .benjaminiHochberg)
        #expect(bh[0] > 0 && bh[0] <= 3 * tiny && bh[1] == 3 * tiny && bh[2] == 0.5, "\(bh)")
    }

    @Test(".none returns the input and the raw value of BH is \"bh\"")
    func noneAndRawValues() throws {
        let p = [0.3, 0.01, 0.2]
        #expect(try adjustedPValues(p, method: .none) == p)
        #expect(PValueCorrection(rawValue: "bh") == .benjaminiHochberg)
        #expect(PValueCorrection.allCases.map(\.rawValue) == ["none", "bonferroni", "holm", "bh"])
    }

    // MARK: Reference vectors

    @Test("every corrections.json case at the README tolerances")
    func referenceVectors() throws {
        let cases = try ReferenceVectors.cases(method: "corrections")
        #expect(cases.count > 0)
        let methods: [(String, PValueCorrection)] = [
            ("bonferroni", .bonferroni), ("holm", .holm), ("bh", .benjaminiHochberg),
        ]
        for vectorCase in cases {
            let p = try vectorCase.array("pvalues")
            // scipy raises for p outside [0, 1]; for NaN it propagates NaN, and we throw.
            if vectorCase.expectsError || !p.allSatisfy({ $0 >= 0 && $0 <= 1 }) {
                for (_, method) in methods {
                    #expect(throws: StatisticsError.self, "\(vectorCase.id) \(method)") {
                        try adjustedPValues(p, method: method)
                    }
                }
                continue
            }
            guard let alpha = vectorCase.inputs["alpha"]?.double else {
                Issue.record("\(vectorCase.id): missing alpha")
                continue
            }
            for (field, method) in methods {
                let adjusted = try adjustedPValues(p, method: method)
                expectClose(adjusted, try vectorCase.expectedDoubles(field), vectorCase.tolerance(field),
                            "\(vectorCase.id) \(field)")
                let expectedRejections = vectorCase.expected["reject_\(field)"]?.array?.compactMap(\.bool)
                #expect(expectedRejections != nil, "\(vectorCase.id): missing reject_\(field)")
                #expect(adjusted.map { $0 <= alpha } == expectedRejections, "\(vectorCase.id) reject_\(field)")
            }
        }
    }

    // MARK: Properties

    @Test("textbook example: p = 0.01 ... 0.05")
    func textbookExample() throws {
        let p = [0.01, 0.02, 0.03, 0.04, 0.05]
        let tolerance = Tolerance(absolute: 0, relative: 1e-15)
        expectClose(try adjustedPValues(p, method: .bonferroni), [0.05, 0.1, 0.15, 0.2, 0.25], tolerance, "bonferroni")
        expectClose(try adjustedPValues(p, method: .holm), [0.05, 0.08, 0.09, 0.09, 0.09], tolerance, "holm")
        expectClose(try adjustedPValues(p, method: .benjaminiHochberg), [0.05, 0.05, 0.05, 0.05, 0.05], tolerance, "bh")
    }

    @Test("Benjamini & Hochberg (1995) example: 15 p-values, 4 rejections at q = 0.05")
    func benjaminiHochbergPaperExample() throws {
        let p = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344,
                 0.0459, 0.3240, 0.4262, 0.5719, 0.6528, 0.7590, 1.0000]
        let bh = try adjustedPValues(p, method: .benjaminiHochberg)
        #expect(bh.filter { $0 <= 0.05 }.count == 4, "\(bh)")
        // Bonferroni rejects 3 of them (0.0095 * 15 > 0.05).
        #expect(try adjustedPValues(p, method: .bonferroni).filter { $0 <= 0.05 }.count == 3)
        // 0.0095 * 15 / 4 = 0.035625 is the BH value of the fourth p-value.
        expectClose(bh[3], 0.035625, Tolerance(absolute: 0, relative: 1e-15), "bh[3]")
    }

    @Test("random p-values: >= raw, <= 1, monotone in p, BH <= Holm <= Bonferroni, order-equivariant")
    func randomProperties() throws {
        var generator = ReferenceVectorGenerator(seed: 4242)
        for trial in 0..<50 {
            let m = 1 + trial
            var p = (0..<m).map { _ in generator.nextUnit() * (trial.isMultiple(of: 2) ? 1 : 0.05) }
            if m > 3 { p[1] = p[2] }   // a tie
            let bonferroni = try adjustedPValues(p, method: .bonferroni)
            let holm = try adjustedPValues(p, method: .holm)
            let bh = try adjustedPValues(p, method: .benjaminiHochberg)
            for method in [bonferroni, holm, bh] {
                for i in 0..<m {
                    #expect(method[i] >= p[i] && method[i] <= 1, "trial \(trial)")
                    for j in 0..<m where p[i] <= p[j] {
                        #expect(method[i] <= method[j], "trial \(trial): not monotone at \(i), \(j)")
                    }
                }
            }
            for i in 0..<m {
                #expect(bh[i] <= holm[i] * (1 + 1e-15) && holm[i] <= bonferroni[i], "trial \(trial) index \(i)")
            }
            if m > 3 { #expect(holm[1] == holm[2] && bh[1] == bh[2], "ties must get equal values") }
            // Reversing the input reverses the output.
            for method in [PValueCorrection.bonferroni, .holm, .benjaminiHochberg] {
                let forward = try adjustedPValues(p, method: method)
                let backward = try adjustedPValues(p.reversed(), method: method)
                #expect(forward == backward.reversed(), "trial \(trial) \(method)")
            }
        }
    }

    @Test("Holm equals a brute-force step-down; BH equals a brute-force step-up")
    func bruteForce() throws {
        var generator = ReferenceVectorGenerator(seed: 7)
        for trial in 0..<30 {
            let m = 2 + trial % 9
            let p = (0..<m).map { _ in (generator.nextUnit() * 20).rounded() / 20 }   // many ties
            let holm = try adjustedPValues(p, method: .holm)
            let bh = try adjustedPValues(p, method: .benjaminiHochberg)
            for i in 0..<m {
                // Ties: Holm's running maximum always includes the first (smallest-rank) member of
                // the tie, BH's running minimum the last (largest-rank) member.
                var holmValue = 0.0
                for j in 0..<m where p[j] <= p[i] {
                    let rank = p.filter { $0 < p[j] }.count + 1
                    holmValue = max(holmValue, Double(m - rank + 1) * p[j])
                }
                var bhValue = Double.infinity
                for j in 0..<m where p[j] >= p[i] {
                    let rank = p.filter { $0 <= p[j] }.count
                    bhValue = min(bhValue, p[j] * (Double(m) / Double(rank)))
                }
                #expect(holm[i] == min(1, holmValue), "trial \(trial) holm[\(i)]")
                #expect(bh[i] == min(1, bhValue), "trial \(trial) bh[\(i)]")
            }
        }
    }
}
