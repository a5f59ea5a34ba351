/// The two one-sided extremes of `F1 - F2` over the pooled sample, with their locations.
///
/// `plus` is `max(F1 - F2)` and `minus` is `max(F2 - F1)` (not yet clipped at zero), each
/// computed in floating point as `i / n1 - j / n2` exactly as numpy does, so ties between equal
/// rational values are broken the way `argmax` breaks them.
@usableFromInline
struct ECDFExtrema: Sendable {
    @usableFromInline var plus: Double
    @usableFromInline var plusLocation: Double
    @usableFromInline var minus: Double
    @usableFromInline var minusLocation: Double

    @inlinable
    init(plus: Double, plusLocation: Double, minus: Double, minusLocation: Double) {
        self.plus = plus
        self.plusLocation = plusLocation
        self.minus = minus
        self.minusLocation = minusLocation
    }
}

/// Tracks the running maximum of one signed ECDF difference and where numpy's `argmax` over
/// `concat(sorted(x), sorted(y))` would put it: the first x value reaching the maximum if any,
/// else the first y value.
@usableFromInline
struct ExtremumTracker {
    /// Exact numerator of the difference over `n1 * n2` (integer, so no rounding).
    @usableFromInline var numerator: Int = .min
    /// The difference as numpy computes it in floating point (breaks ties between equal numerators).
    @usableFromInline var value: Double = -.infinity
    @usableFromInline var locationInX: Double = .nan
    @usableFromInline var hasX = false
    @usableFromInline var locationInY: Double = .nan
    @usableFromInline var hasY = false

    @inlinable init() {}

    /// Observes the difference `numerator / (n1 n2)`, whose floating-point value is `float`, at
    /// pooled value `location`, present in x and/or y.
    @inlinable @inline(__always)
    mutating func observe(numerator candidate: Int, value float: Double, at location: Double, inX: Bool, inY: Bool) {
        if candidate > numerator || float > value {
            numerator = candidate
            value = float
            hasX = inX
            locationInX = location
            hasY = inY
            locationInY = location
        } else if float == value {
            if inX && !hasX { hasX = true; locationInX = location }
            if inY && !hasY { hasY = true; locationInY = location }
        }
    }

    @inlinable var location: Double { hasX ? locationInX : locationInY }
}

/// The state of the merge pass: how many values of each sample are consumed and the two
/// running extrema.
@usableFromInline
struct ECDFMerge {
    @usableFromInline let n1: Int
    @usableFromInline let n2: Int
    @usableFromInline let size1: Double
    @usableFromInline let size2: Double
    @usableFromInline var i = 0
    @usableFromInline var j = 0
    @usableFromInline var plus = ExtremumTracker()
    @usableFromInline var minus = ExtremumTracker()

    @inlinable init(n1: Int, n2: Int) {
        self.n1 = n1
        self.n2 = n2
        size1 = Double(n1)
        size2 = Double(n2)
    }

    /// Evaluates both ECDF differences after every value `<= value` has been consumed.
    @inlinable @inline(__always)
    mutating func evaluate(at value: Double, inX: Bool, inY: Bool) {
        let numerator = i &* n2 &- j &* n1
        if numerator >= plus.numerator {
            let difference = Double(i) / size1 - Double(j) / size2
            plus.observe(numerator: numerator, value: difference, at: value, inX: inX, inY: inY)
        }
        if -numerator >= minus.numerator {
            let difference = Double(j) / size2 - Double(i) / size1
            minus.observe(numerator: -numerator, value: difference, at: value, inX: inX, inY: inY)
        }
    }
}

/// One merge pass over two sorted samples giving `max(F1 - F2)` and `max(F2 - F1)`.
///
/// Both ECDFs are evaluated after consuming every value equal to the current pooled value
/// (`searchsorted(..., 'right')`). The extremes are tracked on exact integer numerators
/// `i * n2 - j * n1`; the floating-point difference is only computed for candidates.
///
/// - Complexity: O(n1 + n2), no allocation.
@inlinable
func ecdfExtrema(_ x: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>) -> ECDFExtrema {
    let n1 = x.count
    let n2 = y.count
    var state = ECDFMerge(n1: n1, n2: n2)
    var i = 0
    var j = 0
    while i < n1 && j < n2 {
        let a = x[i]
        let b = y[j]
        if a < b {
            i += 1
            while i < n1 && x[i] == a { i += 1 }
            state.i = i
            state.evaluate(at: a, inX: true, inY: false)
        } else if b < a {
            j += 1
            while j < n2 && y[j] == b { j += 1 }
            state.j = j
            state.evaluate(at: b, inX: false, inY: true)
        } else {
            i += 1
            while i < n1 && x[i] == a { i += 1 }
            j += 1
            while j < n2 && y[j] == a { j += 1 }
            state.i = i
            state.j = j
            state.evaluate(at: a, inX: true, inY: true)
        }
    }
    // At most one sample has values left; y's ECDF (or x's) is 1 from here on.
    while i < n1 {
        let a = x[i]
        i += 1
        while i < n1 && x[i] == a { i += 1 }
        state.i = i
        state.evaluate(at: a, inX: true, inY: false)
    }
    while j < n2 {
        let b = y[j]
        j += 1
        while j < n2 && y[j] == b { j += 1 }
        state.j = j
        state.evaluate(at: b, inX: false, inY: true)
    }
    return ECDFExtrema(
        plus: state.plus.value, plusLocation: state.plus.location,
        minus: state.minus.value, minusLocation: state.minus.location)
}
