/// The range `numpy.histogram` uses when none is given: the data's minimum and maximum, or
/// `(0, 1)` for an empty array.
///
/// The scan runs eight lanes at a time; a running `x - x` sum turns NaN as soon as a NaN or an
/// infinity is seen, and only then is the first offending index looked up for the error.
///
/// - Throws: ``StatisticsError/nonFiniteValue(sample:index:value:)`` for the first NaN or
///   infinity (numpy: "autodetected range ... is not finite").
@inlinable
func autodetectedRange<T: BinaryFloatingPoint>(_ values: [T]) throws -> (lower: Double, upper: Double) {
    if values.isEmpty { return (0, 1) }
    var lower = Double.infinity
    var upper = -Double.infinity
    var offset = 0
    var failure: (index: Int, value: Double)?
    withDoubleChunks(values) { chunk in
        if failure == nil {
            if let (chunkLower, chunkUpper) = finiteExtrema(chunk) {
                lower = min(lower, chunkLower)
                upper = max(upper, chunkUpper)
            } else if let index = chunk.firstIndex(where: { !$0.isFinite }) {
                failure = (offset + index, chunk[index])
            }
        }
        offset += chunk.count
    }
    if let failure {
        throw StatisticsError.nonFiniteValue(sample: "values", index: failure.index, value: failure.value)
    }
    return (lower, upper)
}

/// The minimum and maximum of a non-empty buffer, or `nil` if it holds NaN or an infinity.
@usableFromInline
func finiteExtrema(_ values: UnsafeBufferPointer<Double>) -> (Double, Double)? {
    guard let base = values.baseAddress, !values.isEmpty else { return nil }
    var lowest = SIMD8<Double>(repeating: values[0])
    var highest = lowest
    var poison = SIMD8<Double>()
    var start = 0
    while start + 8 <= values.count {
        let x = UnsafeRawPointer(base + start).loadUnaligned(as: SIMD8<Double>.self)
        lowest.replace(with: x, where: x .< lowest)
        highest.replace(with: x, where: x .> highest)
        poison += x - x   // 0 for finite x, NaN for NaN and +-infinity
        start += 8
    }
    var low = lowest.min()
    var high = highest.max()
    var scalarPoison = poison.sum()
    while start < values.count {
        let x = values[start]
        low = min(low, x)
        high = max(high, x)
        scalarPoison += x - x
        start += 1
    }
    return scalarPoison == 0 ? (low, high) : nil
}
