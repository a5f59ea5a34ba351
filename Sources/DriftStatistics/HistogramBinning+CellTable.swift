/// A lookup table that finds the bin of a value among irregular explicit edges with one
/// arithmetic step and one comparison: the arithmetic guess plus correction for explicit edges.
///
/// The finite part of the edges, `[origin, origin + width]`, is cut into `cellCount` cells by
/// the monotone function `cell(x) = round((x - origin) * scale - 0.5)` (every operation rounded
/// once, no fused multiply-add), evaluated identically for the edges when the table is built
/// and for the values when they are binned. Monotonicity is all exactness needs: an edge whose
/// cell is below `cell(x)` is `< x`, one whose cell is above is `> x`, so the slot of `x` is the
/// number of edges in earlier cells plus one comparison with the (at most one) edge in its own
/// cell. Cells holding two or more edges (clustered or repeated edges) and values outside the
/// table fall back to the exact binary search, value by value.
@usableFromInline
struct CellTable: Sendable {
    /// The first finite edge.
    @usableFromInline let origin: Double
    /// Cells per unit of `x`.
    @usableFromInline let scale: Double
    /// The largest valid cell index (`cellCount - 1`).
    @usableFromInline let lastCell: Int
    /// The edge inside each cell, or NaN when the cell holds none (NaN compares false).
    @usableFromInline let cellEdges: [Double]
    /// The number of edges `edges[0..<k]` below each cell; ``crowded`` for a cell with several.
    @usableFromInline let cellBases: [Int]

    /// The base of a cell with more than one edge: so negative that the slot stays negative.
    @inlinable static var crowded: Int { Int.min / 2 }

    /// Builds the table, or returns `nil` when the edges have fewer than two finite values or a
    /// finite span that overflows.
    @usableFromInline
    init?(edges: [Double]) {
        let bins = edges.count - 1
        guard let first = edges.firstIndex(where: { $0.isFinite }),
              let last = edges.lastIndex(where: { $0.isFinite }),
              edges[first] < edges[last] else { return nil }
        let origin = edges[first]
        let width = edges[last] - origin
        guard width.isFinite else { return nil }
        // About eight cells per bin keeps crowded cells rare for smooth edge sequences
        // (quantiles); capped so the table stays cache-sized.
        let cellCount = min(max(8 * bins, 64), 1 << 16)
        let scale = Double(cellCount) / width
        guard scale.isFinite, scale > 0 else { return nil }

        var cellEdges = [Double](repeating: .nan, count: cellCount + 1)
        var edgesInCell = [Int](repeating: 0, count: cellCount + 1)
        // Edges edges[first...min(last, bins - 1)] go in the table; the -infinity edges before
        // them are below every non-NaN value, the +infinity edges after them above every finite one.
        let tableEnd = min(last, bins - 1)
        if first <= tableEnd {
            for index in first...tableEnd {
                let cell = CellTable.cell(of: edges[index], origin: origin, scale: scale)
                guard cell >= 0, cell <= cellCount else { return nil }
                edgesInCell[cell] += 1
                cellEdges[cell] = edges[index]
            }
        }
        var cellBases = [Int](repeating: 0, count: cellCount + 1)
        var below = first
        for cell in 0...cellCount {
            cellBases[cell] = edgesInCell[cell] > 1 ? CellTable.crowded : below
            below += edgesInCell[cell]
        }
        self.origin = origin
        self.scale = scale
        self.lastCell = cellCount
        self.cellEdges = cellEdges
        self.cellBases = cellBases
    }

    /// `round((x - origin) * scale - 0.5)` with the kernels' exact sequence of roundings; any
    /// result outside `0...lastCell` (including for NaN and infinities) means "not in the table".
    @inlinable
    static func cell(of value: Double, origin: Double, scale: Double) -> Int {
        let shifted = value - origin
        let scaled = shifted * scale
        let centred = scaled - 0.5
        let rounded = centred + roundingMagic
        return Int(truncatingIfNeeded: Int64(bitPattern: rounded.bitPattern) &- Int64(bitPattern: roundingMagic.bitPattern))
    }
}

/// Irregular explicit edges through a ``CellTable``: cell indices for eight values at once in
/// vector registers, then per value one table load, one comparison and the counter increment.
@usableFromInline
func tallyCellTable(
    _ values: UnsafeBufferPointer<Double>, table: CellTable,
    edges: UnsafeBufferPointer<Double>, counters: UnsafeMutableBufferPointer<Int>
) {
    guard let base = values.baseAddress, let counterBase = counters.baseAddress else { return }
    let bins = edges.count - 1
    let lastEdge = edges[bins]
    let lastCell = UInt64(table.lastCell)
    let origin = SIMD8<Double>(repeating: table.origin)
    let scale = SIMD8<Double>(repeating: table.scale)
    let half = SIMD8<Double>(repeating: 0.5)
    let magic = SIMD8<Double>(repeating: roundingMagic)
    let magicBits = SIMD8<Int64>(repeating: Int64(bitPattern: roundingMagic.bitPattern))
    let lanes = HistogramBinning.counterLanes

    table.cellEdges.withUnsafeBufferPointer { cellEdgeBuffer in
        table.cellBases.withUnsafeBufferPointer { cellBaseBuffer in
            guard let cellEdges = cellEdgeBuffer.baseAddress,
                  let cellBases = cellBaseBuffer.baseAddress else { return }

            @inline(__always)
            func increment(_ cell: Int64, _ x: Double, lane: Int) {
                var slot: Int
                if UInt64(bitPattern: cell) <= lastCell {
                    let index = Int(truncatingIfNeeded: cell)
                    slot = cellBases[index] &+ (cellEdges[index] <= x ? 1 : 0) &+ (x > lastEdge ? 1 : 0)
                    if slot < 0 { slot = slotOfOutlier(x, edges: edges) }
                } else {
                    slot = slotOfOutlier(x, edges: edges)
                }
                counterBase[slot &* lanes &+ (lane & 3)] &+= 1
            }

            @inline(__always)
            func tallyVector(_ x: SIMD8<Double>) {
                let centred = (x - origin) * scale - half
                let cell = unsafeBitCast(centred + magic, to: SIMD8<Int64>.self) &- magicBits
                increment(cell[0], x[0], lane: 0)
                increment(cell[1], x[1], lane: 1)
                increment(cell[2], x[2], lane: 2)
                increment(cell[3], x[3], lane: 3)
                increment(cell[4], x[4], lane: 4)
                increment(cell[5], x[5], lane: 5)
                increment(cell[6], x[6], lane: 6)
                increment(cell[7], x[7], lane: 7)
            }

            let count = values.count
            var start = 0
            while start + 8 <= count {
                tallyVector(UnsafeRawPointer(base + start).loadUnaligned(as: SIMD8<Double>.self))
                start += 8
            }
            while start < count {
                let x = base[start]
                let cell = CellTable.cell(of: x, origin: table.origin, scale: table.scale)
                increment(Int64(cell), x, lane: start)
                start += 1
            }
        }
    }
}
