/// A lookup table that finds the bin of a value among irregular explicit edges with one
/// arithmetic step and one comparison: the arithmetic guess plus correction for explicit edges.
///
/// The finite part of the edges, `[origin, origin + width]`, is cut into `cellCount` cells by
/// the monotone function `cell(x) = round((x - origin) * scale - 0.5)` (every operation rounded
/// once, no fused multiply-add), evaluated identically for the edges when the table is built
/// and for the values when they are binned. Monotonicity is all exactness needs: an edge whose
/// cell is below `cell(x)` is `< x`, one whose cell is above is `> x`, so the slot of `x` is the
/// number of edges in earlier cells plus one comparison with the (at most one) edge in its own
/// cell (the last edge takes part as `nextUp(last)`, which turns `x > last` into `x >= nextUp(last)`). Cells holding two or more edges (clustered or repeated edges) and values outside the
/// table fall back to the exact binary search, value by value.
@usableFromInline
struct CellTable: Sendable {
    /// The first finite edge.
    @usableFromInline let origin: Double
    /// Cells per unit of `x`.
    @usableFromInline let scale: Double
    /// The largest valid cell index (`cellCount - 1`).
    @usableFromInline let lastCell: Int
    /// The edge inside each cell, or NaN when the cell holds none (NaN compares false);
    /// `lastCell + 2` entries, the last one a NaN sentinel for values outside the table.
    @usableFromInline let cellEdges: [Double]
    /// The number of edges `edges[0..<k]` below each cell; ``crowded`` for a cell with several
    /// edges and for the sentinel entry.
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
        // The finite edges edges[first...last] go in the table; the -infinity edges before them
        // are below every non-NaN value, the +infinity edges after them above every finite one.
        // A finite last edge edges[bins] is stored as nextUp(edges[bins]), so that the same
        // `<=` comparison counts `x > edges[bins]` (the "above" slot) and keeps the last bin closed.
        for index in first...last {
            let cell = CellTable.cell(of: edges[index], origin: origin, scale: scale)
            guard cell >= 0, cell <= cellCount else { return nil }
            edgesInCell[cell] += 1
            cellEdges[cell] = index == bins ? edges[index].nextUp : edges[index]
        }
        // One extra entry, index cellCount + 1, is the sentinel for values outside the table.
        cellEdges.append(.nan)
        var cellBases = [Int](repeating: CellTable.crowded, count: cellCount + 2)
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
/// vector registers, per-lane table loads, then one packed comparison with the cells' edges
/// (branch-free, so values close to an edge cost no misprediction). Crowded cells and values
/// outside the table (NaN included) leave an invalid slot that the scatter step resolves exactly.
@usableFromInline
func tallyCellTable(
    _ values: UnsafeBufferPointer<Double>, table: CellTable,
    edges: UnsafeBufferPointer<Double>, counters: UnsafeMutableBufferPointer<Int>
) {
    guard let base = values.baseAddress, let counterBase = counters.baseAddress else { return }
    let slotCount = edges.count + 2
    let lastCell = UInt64(table.lastCell)
    let sentinel = table.lastCell + 1
    let origin = SIMD8<Double>(repeating: table.origin)
    let scale = SIMD8<Double>(repeating: table.scale)
    let half = SIMD8<Double>(repeating: 0.5)
    let magic = SIMD8<Double>(repeating: roundingMagic)
    let magicBits = SIMD8<Int64>(repeating: Int64(bitPattern: roundingMagic.bitPattern))

    table.cellEdges.withUnsafeBufferPointer { cellEdgeBuffer in
        table.cellBases.withUnsafeBufferPointer { cellBaseBuffer in
            guard let cellEdges = cellEdgeBuffer.baseAddress,
                  let cellBases = cellBaseBuffer.baseAddress else { return }

            @inline(__always)
            func entry(_ cell: Int64) -> Int {
                UInt64(bitPattern: cell) <= lastCell ? Int(truncatingIfNeeded: cell) : sentinel
            }

            @inline(__always)
            func tallyVector(_ x: SIMD8<Double>) {
                let centred = (x - origin) * scale - half
                let cell = unsafeBitCast(centred + magic, to: SIMD8<Int64>.self) &- magicBits
                let i0 = entry(cell[0]), i1 = entry(cell[1]), i2 = entry(cell[2]), i3 = entry(cell[3])
                let i4 = entry(cell[4]), i5 = entry(cell[5]), i6 = entry(cell[6]), i7 = entry(cell[7])
                let cellEdge = SIMD8<Double>(
                    cellEdges[i0], cellEdges[i1], cellEdges[i2], cellEdges[i3],
                    cellEdges[i4], cellEdges[i5], cellEdges[i6], cellEdges[i7])
                let cellBase = SIMD8<Int64>(
                    Int64(cellBases[i0]), Int64(cellBases[i1]), Int64(cellBases[i2]), Int64(cellBases[i3]),
                    Int64(cellBases[i4]), Int64(cellBases[i5]), Int64(cellBases[i6]), Int64(cellBases[i7]))
                let slot = cellBase &- unsafeBitCast(cellEdge .<= x, to: SIMD8<Int64>.self)   // true is -1
                scatter(slot, values: x, validLow: 0, validCount: slotCount, edges: edges, counters: counterBase)
            }

            let count = values.count
            var start = 0
            while start + 8 <= count {
                tallyVector(UnsafeRawPointer(base + start).loadUnaligned(as: SIMD8<Double>.self))
                start += 8
            }
            if start < count {
                tallyVector(loadPadded(base, start: start, end: count))
                counterBase[(edges.count + 1) * HistogramBinning.counterLanes] -= 8 - (count - start)
            }
        }
    }
}
