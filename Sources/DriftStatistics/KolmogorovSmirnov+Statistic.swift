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

    /// Observes the difference `numerator / (n1 n2)`, whose floating-point value `computeValue`
    /// gives lazily, at pooled value `at`, present in x and/or y.
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
    let size1 = Double(n1)
    let size2 = Double(n2)
    var plus = ExtremumTracker()
    var minus = ExtremumTracker()
    var i = 0
    var j = 0
    while i < n1 || j < n2 {
        let a = i < n1 ? x[i] : Double.infinity
        let b = j < n2 ? y[j] : Double.infinity
        let value: Double
        let inX: Bool
        let inY: Bool
        if a < b {
            value = a
            inX = true
            inY = false
            i += 1
            while i < n1 && x[i] == value { i += 1 }
        } else if b < a {
            value = b
            inX = false
            inY = true
            j += 1
            while j < n2 && y[j] == value { j += 1 }
        } else {
            value = a
            inX = true
            inY = true
            i += 1
            while i < n1 && x[i] == value { i += 1 }
            j += 1
            while j < n2 && y[j] == value { j += 1 }
        }
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
    return ECDFExtrema(
        plus: plus.value, plusLocation: plus.location, minus: minus.value, minusLocation: minus.location)
}
