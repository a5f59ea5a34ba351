/// How ``PSIBins`` places its edges on the reference sample.
///
/// ```swift
/// let bins = try PSIBins(reference: reference, bins: 10, binning: .uniform)
/// ```
public enum PSIBinning: String, Sendable, CaseIterable {
    /// Edges at the reference quantiles `i / k` (`numpy.quantile(ref, q, method='linear')`),
    /// duplicates removed: about equally many reference values per bin; ties may merge bins.
    case quantile
    /// `k` equal-width bins from the reference minimum to its maximum (`numpy.linspace`).
    case uniform
}

extension PSIBins {
    /// Computes bin edges from a reference sample and counts the reference in them.
    ///
    /// - `.quantile`: `edges = unique(quantile_linear(ref, i / k) for i in 0...k)`; ties in
    ///   the reference can leave fewer than `k` bins.
    /// - `.uniform`: `edges = linspace(min(ref), max(ref), k + 1)` (``uniformBinEdges(lower:upper:count:)``).
    ///
    /// ```swift
    /// let reference = try SortedSample([1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10], label: "reference")
    /// let bins = try PSIBins(reference: reference, bins: 5, binning: .quantile)
    /// bins.edges             // [1.0, 2.8, 4.6, 6.3999999999999995, 8.2, 10.0] (as numpy)
    /// bins.referenceCounts   // [2, 2, 2, 2, 2]
    /// ```
    ///
    /// - Parameters:
    ///   - reference: The reference sample, sorted and finite.
    ///   - bins: The requested number of bins `k`, at least 1.
    ///   - binning: Quantile (default) or uniform edges.
    /// - Throws: ``StatisticsError/tooFewBins(requested:minimum:)`` when `bins < 1`,
    ///   ``StatisticsError/degenerateReference(reason:)`` when the reference is constant
    ///   (fewer than two distinct edges), ``StatisticsError/invalidRange(lower:upper:)`` for
    ///   uniform bins whose width `max - min` overflows a `Double`.
    /// - Complexity: O(k log n) given the sorted reference.
    public init(reference: SortedSample, bins: Int = 10, binning: PSIBinning = .quantile) throws {
        guard bins >= 1 else { throw StatisticsError.tooFewBins(requested: bins, minimum: 1) }
        let sorted = reference.values
        let edges: [Double]
        switch binning {
        case .uniform:
            guard reference.minimum < reference.maximum else {
                throw StatisticsError.degenerateReference(
                    reason: "\(reference.label) is constant (\(reference.minimum)); uniform bins need a range")
            }
            guard (reference.maximum - reference.minimum).isFinite else {
                // numpy.linspace would form inf * 0 = NaN edges here.
                throw StatisticsError.invalidRange(lower: reference.minimum, upper: reference.maximum)
            }
            edges = try uniformBinEdges(lower: reference.minimum, upper: reference.maximum, count: bins)
        case .quantile:
            edges = PSIBins.uniqueQuantileEdges(sorted: sorted, bins: bins)
            guard edges.count >= 2 else {
                throw StatisticsError.degenerateReference(
                    reason: "\(reference.label) is constant (\(reference.minimum)); quantile bins need 2 distinct edges")
            }
        }
        self.init(validatedEdges: edges, referenceCounts: PSIBins.countSorted(sorted, edges: edges))
    }

    /// `numpy.quantile(sorted, q, method='linear')` for a sorted, finite, non-empty sample.
    ///
    /// `v = (n - 1) * q`, `lo = floor(v)`, `g = v - lo`, `a = s[lo]`, `b = s[lo + 1]`,
    /// `d = b - a`, result `b - d * (1 - g)` when `g >= 0.5`, else `a + d * g` (numpy's `_lerp`,
    /// bit for bit). `v >= n - 1` gives the maximum.
    static func linearQuantile(sorted: [Double], level: Double) -> Double {
        let n = sorted.count
        let position = Double(n - 1) * level
        let lowerPosition = position.rounded(.down)
        guard lowerPosition < Double(n - 1) else { return sorted[n - 1] }
        let lowerIndex = lowerPosition <= 0 ? 0 : Int(lowerPosition)
        let fraction = position - lowerPosition
        let a = sorted[lowerIndex]
        let b = sorted[lowerIndex + 1]
        let difference = b - a
        guard difference.isFinite else {
            // b - a overflows (a near -max, b near +max): interpolate without forming it.
            return a * (1 - fraction) + b * fraction
        }
        if fraction >= 0.5 {
            return b - difference * (1 - fraction)
        }
        return a + difference * fraction
    }

    /// The distinct quantile edges at levels `Double(i) / Double(bins)`, `i = 0...bins`, ascending.
    static func uniqueQuantileEdges(sorted: [Double], bins: Int) -> [Double] {
        var raw = (0...bins).map { index in
            linearQuantile(sorted: sorted, level: Double(index) / Double(bins))
        }
        raw.sort()
        var unique: [Double] = []
        unique.reserveCapacity(raw.count)
        for edge in raw where unique.last.map({ $0 != edge }) ?? true {
            unique.append(edge)
        }
        return unique
    }

    /// Bin counts of a sorted sample: the number of values `< edges[i]` for each interior edge
    /// (a value equal to an edge belongs to the bin on its right), differenced; the outer bins
    /// take everything below / above.
    static func countSorted(_ sorted: [Double], edges: [Double]) -> [Int] {
        let binCount = edges.count - 1
        var counts = [Int](repeating: 0, count: binCount)
        var previous = 0
        for bin in 0..<binCount {
            let upTo = bin == binCount - 1 ? sorted.count : countBelow(sorted, edges[bin + 1])
            counts[bin] = upTo - previous
            previous = upTo
        }
        return counts
    }

    /// The number of elements of ascending `sorted` that are `< value` (lower bound).
    static func countBelow(_ sorted: [Double], _ value: Double) -> Int {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = low + (high - low) / 2
            if sorted[middle] < value {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low
    }
}
