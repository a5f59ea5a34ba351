/// Per-column centring and scaling, `z = (x − mean) / scale`, fitted on one sample and applied
/// to others (as scikit-learn's `StandardScaler`).
///
/// ```swift
/// let standardization = Standardization.fit(reference)
/// let z = standardization.apply(production)   // in the reference's units
/// ```
public struct Standardization: Sendable, Hashable, Codable {
    /// The column means.
    public var means: [Double]
    /// The column population standard deviations (divisor n); 1 for a constant column, which is
    /// then only centred.
    public var scales: [Double]

    /// A standardization with the given means and scales (same length, scales finite and > 0).
    ///
    /// - Parameters:
    ///   - means: The column means.
    ///   - scales: The column scales.
    /// - Throws: ``MultivariateError/invalidArgument(name:reason:)`` when the lengths differ or
    ///   a value is not usable.
    public init(means: [Double], scales: [Double]) throws {
        guard means.count == scales.count else {
            throw MultivariateError.invalidArgument(name: "scales", reason: "\(scales.count) scales for \(means.count) means")
        }
        guard means.allSatisfy(\.isFinite), scales.allSatisfy({ $0.isFinite && $0 > 0 }) else {
            throw MultivariateError.invalidArgument(name: "standardization", reason: "a mean is not finite or a scale is not above 0")
        }
        self.means = means
        self.scales = scales
    }

    /// Fits means and population standard deviations of the columns of `matrix`: the mean,
    /// then the largest absolute deviation `s`, then `s · √(Σ((x − mean)/s)² / n)`, so values
    /// near the ends of the double range (1e300) neither overflow nor pass for constant.
    ///
    /// - Parameter matrix: At least one row, finite.
    /// - Returns: The standardization; constant columns get scale 1.
    /// - Complexity: O(rows · columns), three passes.
    public static func fit(_ matrix: Matrix) -> Standardization {
        let (rows, columns) = (matrix.rows, matrix.columns)
        var means = [Double](repeating: 0, count: columns)
        var largest = [Double](repeating: 0, count: columns)
        var squares = [Double](repeating: 0, count: columns)
        guard rows > 0 else {
            return Standardization(unchecked: means, scales: [Double](repeating: 1, count: columns))
        }
        let n = Double(rows)
        matrix.elements.withUnsafeBufferPointer { x in
            for row in 0..<rows {
                for column in 0..<columns { means[column] += x[row * columns + column] }
            }
            for column in 0..<columns {
                // A sum that overflowed: average the values divided by n instead.
                means[column] = means[column].isFinite
                    ? means[column] / n
                    : (0..<rows).reduce(0) { $0 + x[$1 * columns + column] / n }
            }
            for row in 0..<rows {
                for column in 0..<columns {
                    largest[column] = max(largest[column], abs(x[row * columns + column] - means[column]))
                }
            }
            for row in 0..<rows {
                for column in 0..<columns where largest[column] > 0 && largest[column].isFinite {
                    let scaled = (x[row * columns + column] - means[column]) / largest[column]
                    squares[column] += scaled * scaled
                }
            }
        }
        let scales = (0..<columns).map { column -> Double in
            let deviation = largest[column] * (squares[column] / n).squareRoot()
            return deviation > 0 && deviation.isFinite ? deviation : 1
        }
        return Standardization(unchecked: means, scales: scales)
    }

    init(unchecked means: [Double], scales: [Double]) {
        self.means = means
        self.scales = scales
    }

    /// `(x − mean) / scale` for every element of `matrix` (same column count).
    ///
    /// - Complexity: O(rows · columns).
    public func apply(_ matrix: Matrix) -> Matrix {
        var result = matrix
        let columns = matrix.columns
        result.elements.withUnsafeMutableBufferPointer { x in
            for row in 0..<matrix.rows {
                for column in 0..<columns {
                    x[row * columns + column] = (x[row * columns + column] - means[column]) / scales[column]
                }
            }
        }
        return result
    }
}
