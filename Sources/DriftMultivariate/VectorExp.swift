/// `exp(x)` for eight non-positive doubles at once: the kernel step's hot loop, where glibc's
/// scalar `exp` would cost more than the BLAS work.
///
/// Cody–Waite reduction `x = k·ln 2 + r` with `|r| ≤ ln 2 / 2`, a degree-13 Taylor polynomial
/// for `exp(r)` (truncation below 2⁻⁵⁴ relative), and `2ᵏ` built from its bits. `k` is found by
/// the round-to-nearest "magic number" addition, so only packed `+ − ×` and integer shifts are
/// used (no per-lane conversions). Inputs below −708 give 0 (the true value is below the
/// smallest normal double, negligible beside the kernel's diagonal of ones); 0 gives exactly 1.
///
/// - Complexity: O(1), about 35 packed operations.
@inlinable
func nonPositiveExp(_ x: SIMD8<Double>) -> SIMD8<Double> {
    let log2e = 1.4426950408889634
    let ln2High = 0x1.62e42fee00000p-1
    let ln2Low = 0x1.a39ef35793c76p-33
    let magic = 0x1.8p52
    let magicBits = magic.bitPattern
    let underflow = x .< SIMD8<Double>(repeating: -708)
    let clampedX = x.replacing(with: -708, where: underflow)
    let shifted = clampedX * log2e + magic
    let k = shifted - magic
    let r = (clampedX - k * ln2High) - k * ln2Low
    var p = SIMD8<Double>(repeating: 1.0 / 6_227_020_800)       // 1/13!
    p = p * r + 1.0 / 479_001_600                                 // 1/12!
    p = p * r + 1.0 / 39_916_800
    p = p * r + 1.0 / 3_628_800
    p = p * r + 1.0 / 362_880
    p = p * r + 1.0 / 40_320
    p = p * r + 1.0 / 5_040
    p = p * r + 1.0 / 720
    p = p * r + 1.0 / 120
    p = p * r + 1.0 / 24
    p = p * r + 1.0 / 6
    p = p * r + 0.5
    p = p * r + 1.0
    p = p * r + 1.0
    let bits = unsafeBitCast(shifted, to: SIMD8<UInt64>.self)
    let scaleBits = (bits &- magicBits &+ 1023) &<< 52
    let scale = unsafeBitCast(scaleBits, to: SIMD8<Double>.self)
    return (p * scale).replacing(with: 0, where: underflow)
}

/// Replaces every element `v` of `values` by `exp(scale · v)` (`scale · v ≤ 0`), eight at a time.
///
/// - Complexity: O(values.count).
@inlinable
func exponentiateNonPositive(_ values: UnsafeMutableBufferPointer<Double>, scale: Double) {
    let count = values.count
    guard let base = values.baseAddress else { return }
    var index = 0
    while index + 8 <= count {
        let raw = UnsafeMutableRawPointer(base + index)
        let vector = raw.loadUnaligned(as: SIMD8<Double>.self)
        raw.storeBytes(of: nonPositiveExp(vector * scale), as: SIMD8<Double>.self)
        index += 8
    }
    if index < count {
        var tail = SIMD8<Double>(repeating: 0)
        for lane in 0..<(count - index) { tail[lane] = base[index + lane] }
        let result = nonPositiveExp(tail * scale)
        for lane in 0..<(count - index) { base[index + lane] = result[lane] }
    }
}
