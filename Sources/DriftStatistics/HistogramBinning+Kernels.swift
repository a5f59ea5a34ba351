// The SIMD hot loops of the histogram. Each kernel maps eight values at a time to their slots
// (see ``HistogramBinning``) using only concrete vector operators (+ - *, comparisons,
// `replace(with:where:)`, integer `&+ &-` on bit patterns), which compile to packed
// instructions; per-lane generic conversions such as `SIMD8<Int64>(_:rounding:)` would not.
// Counts are scattered into `HistogramBinning.counterLanes` interleaved counter arrays
// (`counters[slot * lanes + lane]`), summed by the caller.

/// 1.5 * 2^52: adding it to a double in [-2^51, 2^51] rounds that double to an integer and leaves
/// the integer in the low mantissa bits, so `bitPattern(t + magic) - bitPattern(magic)` is
/// `round(t)` as an integer, entirely in vector registers.
@usableFromInline let roundingMagic: Double = 0x1.8p52

/// Equal-width bins whose edges are exactly `Double(i) * step + lower` (`i < k`) and `upper`,
/// with an error analysis proving that the arithmetic bin guess is close to the edge rule.
///
/// Let `u = (x - lower) * k / (upper - lower)` in exact arithmetic and `M` the larger of
/// `|lower|`, `|upper|`. The kernel computes `t = x * scale - offset` (`scale = k / span`,
/// `offset = lower * scale + 0.5`), which is within `eta = 2^-50 (M + span) k / span + 2^-51 k`
/// of `u - 0.5` for every `x` whose guess lands in a bin; every computed edge is within
/// `D = 2^-53 (3 span + M)` of its exact position, `d = D k / span` bins. So with
/// `g = round(t)` and `f = t - g` (exact):
///
/// * if `|f| <= 0.5 - margin` with `margin > d + eta` and `g` is a bin index, the value lies
///   strictly between `edges[g]` and `edges[g + 1]`: its bin is `g`, no comparison needed;
/// * otherwise `g` (clamped to the last bin) is within one bin of the edge-rule bin, because
///   `d + eta < 1`, and one comparison with each neighbouring edge finds it.
///
/// Grids failing these bounds (huge offsets relative to the bin width, subnormal steps) are
/// binned by the explicit-edge kernels instead.
@usableFromInline
struct UniformGrid: Sendable, Hashable {
    @usableFromInline let lower: Double
    @usableFromInline let upper: Double
    @usableFromInline let step: Double
    @usableFromInline let scale: Double
    @usableFromInline let offset: Double
    @usableFromInline let margin: Double
    @usableFromInline let binCount: Int

    /// Recognises edges produced by ``uniformBinEdges(lower:upper:count:)`` with a normal step;
    /// `nil` for any other edges or when the grid is too ill-conditioned for the fast path.
    @usableFromInline
    init?(edges: [Double]) {
        let bins = edges.count - 1
        guard bins >= 1, bins < 1 << 40 else { return nil }
        let lower = edges[0]
        let upper = edges[bins]
        guard lower.isFinite, upper.isFinite, lower < upper else { return nil }
        let span = upper - lower
        let step = span / Double(bins)
        guard span.isFinite, step >= 0x1p-1000 else { return nil }
        for index in 0..<bins {
            let product = Double(index) * step
            if product + lower != edges[index] { return nil }
        }
        let scale = Double(bins) / span
        let scaledLower = lower * scale
        let offset = scaledLower + 0.5
        guard scale.isFinite, scale > 0, offset.isFinite else { return nil }
        let magnitude = max(abs(lower), abs(upper))
        let binsPerSpan = Double(bins) / span
        let edgeError = 0x1p-52 * (3 * span + 2 * magnitude) * binsPerSpan
        let guessError = 0x1p-49 * (magnitude + span) * binsPerSpan + 0x1p-50 * Double(bins) + 0x1p-60
        let total = edgeError + guessError
        guard total.isFinite, total <= 0x1p-4 else { return nil }
        self.lower = lower
        self.upper = upper
        self.step = step
        self.scale = scale
        self.offset = offset
        self.margin = 2 * total
        self.binCount = bins
    }
}

/// Increments the counters of the eight slots in `slot` whose value lies in
/// `validLow ..< validLow + validCount`; any other lane is placed by the edge rule
/// (``slotOfOutlier(_:edges:)``), so the kernels are exact and memory-safe for every input.
/// Lane `j` uses counter array `j % 4`. Written out lane by lane so that no loop or stack
/// round trip is left in the hot path.
@inline(__always)
@usableFromInline
func scatter(
    _ slot: SIMD8<Int64>, values x: SIMD8<Double>, validLow: Int, validCount: Int,
    edges: UnsafeBufferPointer<Double>, counters: UnsafeMutablePointer<Int>
) {
    @inline(__always)
    func increment(_ slotValue: Int64, lane: Int) {
        var position = Int(truncatingIfNeeded: slotValue)
        if UInt(bitPattern: position &- validLow) >= UInt(bitPattern: validCount) {
            position = slotOfOutlier(x[lane], edges: edges)
        }
        counters[position &* HistogramBinning.counterLanes &+ (lane & 3)] &+= 1
    }
    increment(slot[0], lane: 0)
    increment(slot[1], lane: 1)
    increment(slot[2], lane: 2)
    increment(slot[3], lane: 3)
    increment(slot[4], lane: 4)
    increment(slot[5], lane: 5)
    increment(slot[6], lane: 6)
    increment(slot[7], lane: 7)
}

/// ``slotByEdgeRule(_:edges:)`` kept out of line: the kernels' rare path (values outside the
/// range or NaN in the uniform fast path).
@inline(never)
@usableFromInline
func slotOfOutlier(_ value: Double, edges: UnsafeBufferPointer<Double>) -> Int {
    slotByEdgeRule(value, edges: edges)
}

/// Loads eight values starting at `start`, padding past `end` with NaN (the caller removes the
/// padding from the NaN slot).
@inline(__always)
@usableFromInline
func loadPadded(_ base: UnsafePointer<Double>, start: Int, end: Int) -> SIMD8<Double> {
    var x = SIMD8<Double>(repeating: .nan)
    for lane in 0..<(end - start) { x[lane] = base[start + lane] }
    return x
}

/// Uniform bins (see ``UniformGrid``): the rounded arithmetic guess is the bin unless a value
/// of the vector is within `margin` of an edge; such vectors are corrected by one comparison
/// with each computed neighbouring edge, and values outside the range, NaN included, are
/// classified by the scatter step.
@usableFromInline
func tallyUniform(
    _ values: UnsafeBufferPointer<Double>, grid: UniformGrid,
    edges: UnsafeBufferPointer<Double>, counters: UnsafeMutableBufferPointer<Int>
) {
    guard let base = values.baseAddress, let counterBase = counters.baseAddress else { return }
    let bins = grid.binCount
    let lower = SIMD8<Double>(repeating: grid.lower)
    let upper = SIMD8<Double>(repeating: grid.upper)
    let step = SIMD8<Double>(repeating: grid.step)
    let scale = SIMD8<Double>(repeating: grid.scale)
    let offset = SIMD8<Double>(repeating: grid.offset)
    let nearEdge = SIMD8<Double>(repeating: 0.5 - grid.margin)
    let lastBin = SIMD8<Double>(repeating: Double(bins - 1))
    let one = SIMD8<Double>(repeating: 1)
    let infinity = SIMD8<Double>(repeating: .infinity)
    let magic = SIMD8<Double>(repeating: roundingMagic)
    let magnitudeMask = SIMD8<UInt64>(repeating: 0x7FFF_FFFF_FFFF_FFFF)
    // bitPattern(magic + g) - (bitPattern(magic) - 1) = g + 1 = the slot of bin g.
    let slotBias = SIMD8<Int64>(repeating: Int64(bitPattern: roundingMagic.bitPattern) &- 1)
    let aboveSlot = SIMD8<Int64>(repeating: Int64(bins + 1))
    let nanSlot = SIMD8<Int64>(repeating: Int64(bins + 2))

    @inline(__always)
    func tallyVector(_ x: SIMD8<Double>) {
        let t = x * scale - offset
        let rounded = t + magic
        let guess = rounded - magic
        let fraction = unsafeBitCast(
            unsafeBitCast(t - guess, to: SIMD8<UInt64>.self) & magnitudeMask, to: SIMD8<Double>.self)
        if !any(fraction .> nearEdge) {
            // Fast: lanes whose guess is a bin are exact; others (outside, NaN) are classified
            // by the scatter's fallback.
            let slot = unsafeBitCast(rounded, to: SIMD8<Int64>.self) &- slotBias
            scatter(slot, values: x, validLow: 1, validCount: bins, edges: edges, counters: counterBase)
            return
        }
        // A value near an edge: correct the clamped guess by one bin against the exact edges.
        var clamped = t
        clamped.replace(with: lastBin, where: t .> lastBin)
        let clampedRounded = clamped + magic
        let clampedGuess = clampedRounded - magic
        var slot = unsafeBitCast(clampedRounded, to: SIMD8<Int64>.self) &- slotBias
        let leftEdge = clampedGuess * step + lower
        var rightEdge = (clampedGuess + one) * step + lower
        rightEdge.replace(with: infinity, where: clampedGuess .>= lastBin)   // last bin is closed
        slot &+= unsafeBitCast(x .< leftEdge, to: SIMD8<Int64>.self)         // true is -1
        slot &-= unsafeBitCast(x .>= rightEdge, to: SIMD8<Int64>.self)
        slot.replace(with: 0, where: x .< lower)
        slot.replace(with: aboveSlot, where: x .> upper)
        slot.replace(with: nanSlot, where: x .!= x)
        scatter(slot, values: x, validLow: 0, validCount: bins + 3, edges: edges, counters: counterBase)
    }

    let count = values.count
    var start = 0
    while start + 8 <= count {
        tallyVector(UnsafeRawPointer(base + start).loadUnaligned(as: SIMD8<Double>.self))
        start += 8
    }
    if start < count {
        tallyVector(loadPadded(base, start: start, end: count))
        counterBase[(bins + 2) * HistogramBinning.counterLanes] -= 8 - (count - start)
    }
}

/// Few explicit edges: the slot is the number of edges `edges[0..<k]` that are `<= x`, plus one
/// if `x > edges[k]`; NaN goes to its own slot. One packed comparison and add per edge.
@usableFromInline
func tallyLinearScan(
    _ values: UnsafeBufferPointer<Double>,
    edges: UnsafeBufferPointer<Double>, counters: UnsafeMutableBufferPointer<Int>
) {
    guard let base = values.baseAddress, let counterBase = counters.baseAddress,
          let edgeBase = edges.baseAddress else { return }
    let bins = edges.count - 1
    let slotCount = bins + 3
    let lastEdge = SIMD8<Double>(repeating: edgeBase[bins])
    let nanSlot = SIMD8<Int64>(repeating: Int64(bins + 2))

    @inline(__always)
    func slots(_ x: SIMD8<Double>) -> SIMD8<Int64> {
        var negativeCount = SIMD8<Int64>()
        for index in 0..<bins {
            let edge = SIMD8<Double>(repeating: edgeBase[index])
            negativeCount &+= unsafeBitCast(edge .<= x, to: SIMD8<Int64>.self)   // true is -1
        }
        negativeCount &+= unsafeBitCast(x .> lastEdge, to: SIMD8<Int64>.self)
        var slot = SIMD8<Int64>() &- negativeCount
        slot.replace(with: nanSlot, where: x .!= x)
        return slot
    }

    let count = values.count
    var start = 0
    while start + 8 <= count {
        let x = UnsafeRawPointer(base + start).loadUnaligned(as: SIMD8<Double>.self)
        scatter(slots(x), values: x, validLow: 0, validCount: slotCount, edges: edges, counters: counterBase)
        start += 8
    }
    if start < count {
        let x = loadPadded(base, start: start, end: count)
        scatter(slots(x), values: x, validLow: 0, validCount: slotCount, edges: edges, counters: counterBase)
        counterBase[(bins + 2) * HistogramBinning.counterLanes] -= 8 - (count - start)
    }
}

/// Many explicit edges: binary search run on eight values at once in vector registers (the
/// probe loads are per lane), a fixed sequence of steps that depends only on `k`, so there are
/// no data-dependent branches to mispredict.
@usableFromInline
func tallyBinarySearch(
    _ values: UnsafeBufferPointer<Double>,
    edges: UnsafeBufferPointer<Double>, counters: UnsafeMutableBufferPointer<Int>
) {
    guard let base = values.baseAddress, let counterBase = counters.baseAddress,
          let edgeBase = edges.baseAddress else { return }
    let bins = edges.count - 1
    let slotCount = bins + 3
    let lastEdge = SIMD8<Double>(repeating: edgeBase[bins])
    let nanSlot = SIMD8<Int64>(repeating: Int64(bins + 2))

    @inline(__always)
    func probe(_ index: SIMD8<Int64>) -> SIMD8<Double> {
        // Every index is in 0..<bins by construction of the search.
        SIMD8<Double>(
            edgeBase[Int(truncatingIfNeeded: index[0])], edgeBase[Int(truncatingIfNeeded: index[1])],
            edgeBase[Int(truncatingIfNeeded: index[2])], edgeBase[Int(truncatingIfNeeded: index[3])],
            edgeBase[Int(truncatingIfNeeded: index[4])], edgeBase[Int(truncatingIfNeeded: index[5])],
            edgeBase[Int(truncatingIfNeeded: index[6])], edgeBase[Int(truncatingIfNeeded: index[7])])
    }

    @inline(__always)
    func slots(_ x: SIMD8<Double>) -> SIMD8<Int64> {
        // low = number of edges among edges[0..<bins] that are <= x (upper bound).
        var low = SIMD8<Int64>()
        var length = bins
        while length > 1 {
            let half = length >> 1
            let taken = unsafeBitCast(probe(low &+ Int64(half)) .<= x, to: SIMD8<Int64>.self)
            low &+= taken & Int64(half)
            length &-= half
        }
        var slot = low &- unsafeBitCast(probe(low) .<= x, to: SIMD8<Int64>.self)
        slot &-= unsafeBitCast(x .> lastEdge, to: SIMD8<Int64>.self)
        slot.replace(with: nanSlot, where: x .!= x)
        return slot
    }

    let count = values.count
    var start = 0
    while start + 8 <= count {
        let x = UnsafeRawPointer(base + start).loadUnaligned(as: SIMD8<Double>.self)
        scatter(slots(x), values: x, validLow: 0, validCount: slotCount, edges: edges, counters: counterBase)
        start += 8
    }
    if start < count {
        let x = loadPadded(base, start: start, end: count)
        scatter(slots(x), values: x, validLow: 0, validCount: slotCount, edges: edges, counters: counterBase)
        counterBase[(bins + 2) * HistogramBinning.counterLanes] -= 8 - (count - start)
    }
}
