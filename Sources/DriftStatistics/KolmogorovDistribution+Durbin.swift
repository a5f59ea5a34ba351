import Foundation

/// `P(D_n < d)` by Durbin's (1968) matrix formula, in the form of Marsaglia, Tsang & Wang (2003).
///
/// Write `n d = k - h` with integer `k` and `0 <= h < 1`, `m = 2k - 1`. The `m x m` matrix `H`
/// has `H[i][j] = 1 / (i - j + 1)!` for `i - j + 1 >= 0` (else 0), its first column and last row
/// corrected by `h^(i+1) / (i+1)!` and `h^(m-j) / (m-j)!`, and the corner by `(2h - 1)^m / m!`
/// when `2h > 1`. Then `P(D_n < d) = n!/n^n (H^n)[k-1][k-1]`. `H^n` grows like `e^n`, so the
/// powers by squaring carry a separate binary exponent.
///
/// ```swift
/// let cdf = durbinMatrixCDF(10, 0.274)   // about 0.6284 (Marsaglia et al.)
/// ```
///
/// - Parameters:
///   - n: The sample size, at least 1.
///   - d: The statistic.
/// - Returns: The CDF in `[0, 1]`.
/// - Complexity: O(m^3 log n) time and O(m^2) memory with `m = 2 ceil(n d) - 1`.
@usableFromInline
func durbinMatrixCDF(_ n: Int, _ d: Double) -> Double {
    if d >= 1 { return 1 }
    let nd = Double(n) * d
    if nd <= 0.5 { return 0 }
    let k = Int(nd.rounded(.up))
    let h = Double(k) - nd
    let m = 2 * k - 1

    // inverseFactorial[i] = 1 / i!
    var inverseFactorial = [Double](repeating: 1, count: m + 1)
    if m >= 1 { for i in 1...m { inverseFactorial[i] = inverseFactorial[i - 1] / Double(i) } }

    var base = SquareMatrix(size: m)
    for i in 0..<m {
        for j in 0..<m where i - j + 1 >= 0 {
            base[i, j] = inverseFactorial[i - j + 1]
        }
    }
    for i in 0..<m {
        base[i, 0] -= pow(h, Double(i + 1)) * inverseFactorial[i + 1]
        base[m - 1, i] -= pow(h, Double(m - i)) * inverseFactorial[m - i]
    }
    if 2 * h - 1 > 0 {
        base[m - 1, 0] += pow(2 * h - 1, Double(m)) * inverseFactorial[m]
    }

    // H^n by repeated squaring, with binary exponents.
    var power = SquareMatrix.identity(size: m)
    var powerExponent = 0
    var baseExponent = 0
    var remaining = n
    while remaining > 0 {
        if remaining & 1 == 1 {
            power = power.multiplied(by: base)
            powerExponent += baseExponent
            powerExponent += power.normalise()
        }
        remaining >>= 1
        if remaining > 0 {
            base = base.multiplied(by: base)
            baseExponent *= 2
            baseExponent += base.normalise()
        }
    }

    // Multiply by n!/n^n = prod (i/n), rescaling so that nothing underflows.
    var p = power[k - 1, k - 1]
    var exponent = powerExponent
    let size = Double(n)
    for i in 1...n {
        p = Double(i) * p / size
        if abs(p) < 0x1p-128 && p != 0 {
            p *= 0x1p128
            exponent -= 128
        }
    }
    return clipProbability(scalbn(p, exponent))
}

/// A dense square matrix of doubles, row-major, for the Durbin matrix power.
@usableFromInline
struct SquareMatrix {
    @usableFromInline let size: Int
    @usableFromInline var elements: [Double]

    @usableFromInline init(size: Int) {
        self.size = size
        elements = [Double](repeating: 0, count: size * size)
    }

    @usableFromInline static func identity(size: Int) -> SquareMatrix {
        var matrix = SquareMatrix(size: size)
        for i in 0..<size { matrix[i, i] = 1 }
        return matrix
    }

    @usableFromInline subscript(row: Int, column: Int) -> Double {
        get { elements[row * size + column] }
        set { elements[row * size + column] = newValue }
    }

    /// `self * other`.
    @usableFromInline func multiplied(by other: SquareMatrix) -> SquareMatrix {
        var result = SquareMatrix(size: size)
        let m = size
        elements.withUnsafeBufferPointer { a in
            other.elements.withUnsafeBufferPointer { b in
                result.elements.withUnsafeMutableBufferPointer { c in
                    for i in 0..<m {
                        for l in 0..<m {
                            let factor = a[i * m + l]
                            if factor == 0 { continue }
                            for j in 0..<m {
                                c[i * m + j] += factor * b[l * m + j]
                            }
                        }
                    }
                }
            }
        }
        return result
    }

    /// Divides by a power of two when the largest element exceeds `2^128`; returns the exponent
    /// removed (0 if none).
    @usableFromInline mutating func normalise() -> Int {
        var largest = 0.0
        for value in elements { largest = max(largest, abs(value)) }
        guard largest > 0x1p128 else { return 0 }
        let shift = Int(largest.exponent)
        for index in elements.indices { elements[index] = scalbn(elements[index], -shift) }
        return shift
    }
}
