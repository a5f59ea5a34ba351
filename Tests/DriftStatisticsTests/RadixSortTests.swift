import Testing
@testable import DriftStatistics

/// `sortDoubles` / `radixSortDoubles`: the LSD radix sort must agree with the standard sort.
@Suite("Radix sort of doubles")
struct RadixSortTests {
    static let sizes = [0, 1, 2, 3, 255, 256, 257, 1023, 1024, 1025, 4099, 100_000]

    /// Asserts that `sorted` is `original` in ascending order: same multiset of bit patterns,
    /// non-decreasing, `==` to the standard library's sort, and -0.0 before 0.0.
    static func expectSorted(_ sorted: [Double], of original: [Double], _ label: String) {
        #expect(sorted.count == original.count, "\(label): count")
        #expect(sorted == original.sorted(), "\(label): differs from Array.sorted()")
        #expect(sorted.map(\.bitPattern).sorted() == original.map(\.bitPattern).sorted(),
                "\(label): not a permutation of the input bits")
        if let firstPositiveZero = sorted.firstIndex(where: { $0 == 0 && $0.sign == .plus }),
           let lastNegativeZero = sorted.lastIndex(where: { $0 == 0 && $0.sign == .minus }) {
            #expect(lastNegativeZero < firstPositiveZero, "\(label): -0.0 after 0.0")
        }
    }

    /// Data sets of `count` values from a seeded generator.
    static func dataSets(count: Int, seed: UInt64) -> [(String, [Double])] {
        var generator = ReferenceVectorGenerator(seed: seed)
        let normal = generator.normal(count: count, mean: 0, standardDeviation: 3)
        let negative = normal.map { -abs($0) - 1 }
        let zeros = (0..<count).map { _ in generator.next() & 1 == 0 ? -0.0 : 0.0 }
        let subnormal = (0..<count).map { _ -> Double in
            let magnitude = Double(bitPattern: generator.next() & 0x000F_FFFF_FFFF_FFFF)
            return generator.next() & 1 == 0 ? magnitude : -magnitude
        }
        let huge = (0..<count).map { _ -> Double in
            let picks: [Double] = [.greatestFiniteMagnitude, -.greatestFiniteMagnitude, 1e308, -1e300,
                                   .leastNonzeroMagnitude, -.leastNormalMagnitude, 1, -1, 0]
            return picks[Int(generator.next() % UInt64(picks.count))] * (generator.nextUnit() < 0.5 ? 1 : 0.5)
        }
        let anyBits = (0..<count).map { _ -> Double in
            let value = Double(bitPattern: generator.next())
            return value.isFinite ? value : 1.5
        }
        let integers = generator.integers(count: count, low: -5, high: 5)
        return [
            ("normal", normal), ("negative", negative), ("signed zeros", zeros),
            ("subnormal", subnormal), ("huge magnitudes", huge), ("random bit patterns", anyBits),
            ("ties", integers), ("all equal", Array(repeating: 2.5, count: count)),
            ("already sorted", normal.sorted()), ("reversed", Array(normal.sorted().reversed())),
            ("mixed zeros and subnormals", (0..<count).map { $0 % 2 == 0 ? zeros[$0] : subnormal[$0] }),
        ]
    }

    @Test("empty and single-element arrays are left alone")
    func tinyInputs() {
        var empty: [Double] = []
        radixSortDoubles(&empty)
        sortDoubles(&empty)
        #expect(empty.isEmpty)
        var single = [-0.0]
        radixSortDoubles(&single)
        #expect(single[0].bitPattern == (-0.0).bitPattern)
        var pair = [1.0, -1.0]
        radixSortDoubles(&pair)
        #expect(pair == [-1.0, 1.0])
    }

    @Test("order-preserving key: monotone and invertible")
    func keyMapping() {
        let ordered: [Double] = [-.infinity, -.greatestFiniteMagnitude, -1, -.leastNormalMagnitude,
                                 -.leastNonzeroMagnitude, -0.0, 0.0, .leastNonzeroMagnitude,
                                 .leastNormalMagnitude, 1, .greatestFiniteMagnitude, .infinity]
        let keys = ordered.map { orderedKey($0.bitPattern) }
        #expect(keys == keys.sorted())
        #expect(Set(keys).count == keys.count)
        var generator = ReferenceVectorGenerator(seed: 7)
        for _ in 0..<10_000 {
            let bits = generator.next()
            #expect(bitsFromOrderedKey(orderedKey(bits)) == bits)
        }
    }

    @Test("radixSortDoubles equals Array.sorted() on every data set and size", arguments: sizes)
    func radixMatchesStandardSort(count: Int) {
        for (name, values) in RadixSortTests.dataSets(count: count, seed: UInt64(count) &+ 11) {
            var sorted = values
            radixSortDoubles(&sorted)
            RadixSortTests.expectSorted(sorted, of: values, "radix \(name) n=\(count)")
        }
    }

    @Test("sortDoubles (threshold dispatch) equals Array.sorted()", arguments: sizes)
    func dispatchMatchesStandardSort(count: Int) {
        for (name, values) in RadixSortTests.dataSets(count: count, seed: UInt64(count) &+ 99) {
            var sorted = values
            sortDoubles(&sorted)
            #expect(sorted == values.sorted(), "sortDoubles \(name) n=\(count)")
        }
    }

    @Test("NaN and infinity bit patterns do not break the sort")
    func nonFiniteBitPatterns() {
        var generator = ReferenceVectorGenerator(seed: 3)
        var values = generator.normal(count: 5000, mean: 0, standardDeviation: 1)
        let specials: [Double] = [.nan, -.nan, .infinity, -.infinity,
                                  Double(bitPattern: 0x7FF0_0000_0000_0001), Double(bitPattern: 0xFFFF_FFFF_FFFF_FFFF)]
        for (index, special) in specials.enumerated() { values[index * 777] = special }
        var sorted = values
        radixSortDoubles(&sorted)
        #expect(sorted.map(\.bitPattern).sorted() == values.map(\.bitPattern).sorted())
        let nonNaN = sorted.filter { !$0.isNaN }
        #expect(nonNaN == values.filter { !$0.isNaN }.sorted())
        #expect(nonNaN.first == -.infinity && nonNaN.last == .infinity)
    }

    @Test("SortedSample sorts through the radix path for large samples")
    func sortedSampleUsesRadixSort() throws {
        var generator = ReferenceVectorGenerator(seed: 21)
        let values = generator.exponential(count: 50_000, location: -2, scale: 4)
        let sample = try SortedSample(values)
        #expect(sample.values == values.sorted())
        let floats = values.map { Float($0) }
        #expect(try SortedSample(floats).values == floats.map(Double.init).sorted())
    }
}
