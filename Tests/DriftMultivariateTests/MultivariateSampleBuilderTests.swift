import Testing
@testable import DriftMultivariate

@Suite struct MultivariateSampleBuilderTests {
    let features: [(name: String, categorical: Bool)] = [("x", false), ("plan", true)]

    @Test func dropsAndCountsIncompleteRows() {
        var builder = MultivariateSampleBuilder(features: features, capacity: 10, seed: 1)
        builder.addRow { $0 == 0 ? .number(1) : .category("a") }
        builder.addRow { $0 == 0 ? nil : .category("a") }                   // missing
        builder.addRow { $0 == 0 ? .number(.nan) : .category("a") }         // NaN
        builder.addRow { $0 == 0 ? .number(-.infinity) : .category("a") }   // inf
        builder.addRow { $0 == 0 ? .category("oops") : .category("a") }     // text in a numeric feature
        builder.addRow { $0 == 0 ? .number(2) : nil }                       // missing label
        builder.addRow { $0 == 0 ? .number(3) : .number(4.5) }              // a number as a label
        builder.addIncompleteRow()
        let sample = builder.build()
        #expect(sample.rowCount == 2)
        #expect(sample.completeRows == 2)
        #expect(sample.droppedRows == 6)
        #expect(sample.columns == [.numeric([1, 3]), .categorical(["a", "4.5"])])
    }

    @Test func keepsEveryRowInOrderUpToTheCap() {
        var builder = MultivariateSampleBuilder(features: features, capacity: 5, seed: 1)
        for value in 0..<5 { builder.addRow { $0 == 0 ? .number(Double(value)) : .category("c\(value)") } }
        #expect(builder.build().columns == [.numeric([0, 1, 2, 3, 4]), .categorical(["c0", "c1", "c2", "c3", "c4"])])
    }

    /// Above the cap: rows stay whole (each kept x goes with its own label), the sample is
    /// reproducible from the seed, and another seed keeps other rows.
    @Test func reservoirKeepsWholeRowsReproducibly() throws {
        func build(seed: UInt64) -> MultivariateSample {
            var builder = MultivariateSampleBuilder(features: features, capacity: 50, seed: seed)
            for value in 0..<5_000 { builder.addRow { $0 == 0 ? .number(Double(value)) : .category("row\(value)") } }
            return builder.build()
        }
        let sample = build(seed: 7)
        #expect(sample.rowCount == 50 && sample.completeRows == 5_000)
        guard case .numeric(let xs) = sample.columns[0], case .categorical(let labels) = sample.columns[1] else {
            Issue.record("wrong kinds")
            return
        }
        for (x, label) in zip(xs, labels) { #expect(label == "row\(Int(x))") }
        #expect(Set(xs).count == 50)
        #expect(xs.contains { $0 >= 2_500 }, "a uniform sample reaches the second half")
        #expect(build(seed: 7) == sample)
        #expect(build(seed: 8) != sample)
    }
}
