/// Validated bin edges plus the fastest exact way to find a value's bin: the engine shared by
/// ``histogram(_:bins:range:)``, ``histogram(_:edges:)`` and ``HistogramAccumulator``.
///
/// Every value is mapped to a *slot*: slot 0 counts values below `edges[0]` (including -inf),
/// slots `1...k` are the `k` bins, slot `k + 1` counts values above `edges[k]` (including +inf)
/// and slot `k + 2` counts NaN. Membership follows the edge rule exactly: `x` is in bin `i` iff
/// `edges[i] <= x < edges[i + 1]`, the last bin also taking `x == edges[k]`; with repeated edges
/// a value equal to the repeated edge goes to the right-most bin starting there.
@usableFromInline
struct HistogramBinning: Sendable {
    /// The `k + 1` non-decreasing, NaN-free bin edges.
    @usableFromInline let edges: [Double]
    /// How the kernels locate a value's bin.
    @usableFromInline let method: Method

    /// The bin-location strategy chosen when the binning is built.
    @usableFromInline
    enum Method: Sendable {
        /// Equal-width bins whose edges are exactly `Double(i) * step + lower` (numpy.linspace),
        /// well conditioned enough that an arithmetic guess is within one bin of the truth.
        case uniform(UniformGrid)
        /// Very few edges: count the edges `<= x` with one vector comparison per edge.
        case linearScan
        /// Irregular edges with a finite span: arithmetic cell guess plus one comparison.
        case cellTable(CellTable)
        /// Anything else (for example only infinite edges): branch-free binary search.
        case binarySearch
    }

    /// Up to this many bins, explicit edges are located by a vector scan over all edges
    /// (measured on x86_64: faster than the cell table up to about 4 bins).
    @inlinable static var linearScanMaximumBins: Int { 4 }

    /// The number of bins `k`.
    @inlinable var binCount: Int { edges.count - 1 }

    /// The number of slots: below, `k` bins, above, NaN.
    @inlinable var slotCount: Int { edges.count + 2 }

    /// Explicit edges, validated as numpy.histogram does (non-decreasing; zero-width bins and
    /// infinite edges allowed), plus a NaN check numpy lacks.
    ///
    /// - Throws: ``StatisticsError/tooFewBins(requested:minimum:)`` for fewer than two edges,
    ///   ``StatisticsError/invalidEdges(index:reason:)`` for NaN or a decrease.
    @usableFromInline
    init(edges: [Double]) throws {
        guard edges.count >= 2 else {
            throw StatisticsError.tooFewBins(requested: max(edges.count - 1, 0), minimum: 1)
        }
        for (index, edge) in edges.enumerated() {
            if edge.isNaN {
                throw StatisticsError.invalidEdges(index: index, reason: "edge is NaN")
            }
            if index > 0, edge < edges[index - 1] {
                throw StatisticsError.invalidEdges(
                    index: index, reason: "edges must be non-decreasing (\(edges[index - 1]) > \(edge))")
            }
        }
        self.edges = edges
        let bins = edges.count - 1
        if let grid = UniformGrid(edges: edges) {
            method = .uniform(grid)
        } else if bins <= HistogramBinning.linearScanMaximumBins {
            method = .linearScan
        } else if let table = CellTable(edges: edges) {
            method = .cellTable(table)
        } else {
            method = .binarySearch
        }
    }

    /// `bins` equal-width bins over `lower...upper` with numpy's edges: a zero-width range is
    /// widened to `lower - 0.5 ... upper + 0.5`, and edges that are not strictly increasing
    /// (too many bins for the floating-point width of the range) are an error, as in numpy.
    ///
    /// - Throws: ``StatisticsError/tooFewBins(requested:minimum:)`` when `bins < 1`,
    ///   ``StatisticsError/invalidRange(lower:upper:)`` for non-finite bounds or
    ///   `lower > upper`, ``StatisticsError/invalidArgument(name:reason:)`` when the bins
    ///   cannot all have a positive finite width.
    @usableFromInline
    init(bins: Int, lower: Double, upper: Double) throws {
        guard bins >= 1 else { throw StatisticsError.tooFewBins(requested: bins, minimum: 1) }
        guard lower.isFinite, upper.isFinite, lower <= upper else {
            throw StatisticsError.invalidRange(lower: lower, upper: upper)
        }
        var first = lower
        var last = upper
        if first == last {
            first -= 0.5
            last += 0.5
        }
        let edges = try uniformBinEdges(lower: first, upper: last, count: bins)
        for index in 1..<edges.count where !(edges[index - 1] < edges[index]) {
            throw StatisticsError.invalidArgument(
                name: "bins",
                reason: "too many bins for the data range [\(first), \(last)]: "
                    + "cannot create \(bins) finite-sized bins")
        }
        try self.init(edges: edges)
    }

    /// Adds the slot counts of `values` to `slots` (which has ``slotCount`` elements).
    @usableFromInline
    func tally(_ values: UnsafeBufferPointer<Double>, into slots: inout [Int]) {
        precondition(slots.count == slotCount, "slot array of the wrong size")
        guard !values.isEmpty else { return }
        let lanes = HistogramBinning.counterLanes
        var counters = [Int](repeating: 0, count: slotCount * lanes)
        counters.withUnsafeMutableBufferPointer { counterBuffer in
            edges.withUnsafeBufferPointer { edgeBuffer in
                switch method {
                case .uniform(let grid):
                    tallyUniform(values, grid: grid, edges: edgeBuffer, counters: counterBuffer)
                case .linearScan:
                    tallyLinearScan(values, edges: edgeBuffer, counters: counterBuffer)
                case .cellTable(let table):
                    tallyCellTable(values, table: table, edges: edgeBuffer, counters: counterBuffer)
                case .binarySearch:
                    tallyBinarySearch(values, edges: edgeBuffer, counters: counterBuffer)
                }
            }
        }
        for slot in 0..<slotCount {
            var sum = 0
            for lane in 0..<lanes { sum &+= counters[slot &* lanes &+ lane] }
            slots[slot] &+= sum
        }
    }

    /// Adds the slot counts of `values` (any binary floating-point type, promoted exactly to
    /// `Double` in chunks) to `slots`.
    @inlinable
    func tally<T: BinaryFloatingPoint>(_ values: [T], into slots: inout [Int]) {
        withDoubleChunks(values) { chunk in tally(chunk, into: &slots) }
    }

    /// The exact slot of one value by the edge rule (binary search): the reference the
    /// kernels fall back to and the scalar cross-check relies on.
    @inlinable
    func slot(of value: Double) -> Int {
        edges.withUnsafeBufferPointer { slotByEdgeRule(value, edges: $0) }
    }

    /// Builds the public result from slot counts.
    @inlinable
    func histogram(fromSlots slots: [Int]) -> Histogram {
        let bins = binCount
        return Histogram(
            edges: edges,
            counts: Array(slots[1...bins]),
            belowRange: slots[0],
            aboveRange: slots[bins + 1],
            nanCount: slots[bins + 2])
    }

    /// Independent counters per lane group, summed at the end, so that consecutive increments
    /// of the same bin do not wait on each other (store-to-load forwarding stalls).
    @inlinable static var counterLanes: Int { 4 }
}

/// Calls `body` with `values` as `Double`s: the array's own storage for `[Double]`, otherwise
/// exact conversions in chunks of 2048 (no allocation proportional to the input). `Float`
/// takes a concrete conversion loop even when this function is not specialised.
@inlinable
func withDoubleChunks<T: BinaryFloatingPoint>(
    _ values: [T], _ body: (UnsafeBufferPointer<Double>) throws -> Void
) rethrows {
    try values.withUnsafeBufferPointer { buffer in
        let raw = UnsafeRawBufferPointer(buffer)
        if T.self == Double.self {
            try raw.withMemoryRebound(to: Double.self) { try body($0) }
        } else if T.self == Float.self {
            try raw.withMemoryRebound(to: Float.self) { try forEachConvertedChunk($0, body) }
        } else {
            try forEachConvertedChunk(buffer, body)
        }
    }
}

/// Converts `values` to `Double` (exactly, for every type narrower than `Double`) in chunks of
/// 2048 held in a stack buffer and calls `body` on each chunk in order.
@inlinable
func forEachConvertedChunk<S: BinaryFloatingPoint>(
    _ values: UnsafeBufferPointer<S>, _ body: (UnsafeBufferPointer<Double>) throws -> Void
) rethrows {
    let chunkSize = 2048
    try withUnsafeTemporaryAllocation(of: Double.self, capacity: chunkSize) { scratch in
        guard let scratchBase = scratch.baseAddress, let source = values.baseAddress else { return }
        var start = 0
        while start < values.count {
            let length = min(chunkSize, values.count - start)
            for index in 0..<length {
                scratchBase[index] = Double(source[start &+ index])
            }
            try body(UnsafeBufferPointer(start: scratchBase, count: length))
            start += length
        }
    }
}

/// The slot of `value` by the edge rule, by binary search over `edges` (`k + 1` edges):
/// 0 below, `1...k` bins, `k + 1` above, `k + 2` NaN.
@inlinable
func slotByEdgeRule(_ value: Double, edges: UnsafeBufferPointer<Double>) -> Int {
    let bins = edges.count - 1
    if value.isNaN { return bins + 2 }
    if value > edges[bins] { return bins + 1 }
    if value < edges[0] { return 0 }
    // Number of edges among edges[0..<bins] that are <= value (upper bound).
    var low = 0
    var high = bins
    while low < high {
        let middle = low + (high - low) / 2
        if edges[middle] <= value { low = middle + 1 } else { high = middle }
    }
    return low
}
