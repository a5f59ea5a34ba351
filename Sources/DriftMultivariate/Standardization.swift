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

    /// Fits means and population standard deviations of the columns of `matrix` (two passes:
    /// the mean, then the squared deviations from it).
    ///
    /// - Parameter matrix: At least one row.
    /// - Returns: The standardization; constant columns get scale 1.
    /// - Complexity: O(rows · columns).
    public static func fit(_ matrix: Matrix) -> Standardization {
        let (rows, columns) = (matrix.rows, matrix.columns)
        var means = [Double](repeating: 0, count: columns)
        var squares = [Double](repeating: 0, count: columns)
        guard rows > 0 else {
            return Standardization(unchecked: means, scales: [Double](repeating: 1, count: columns))
        }
        matrix.elements.withUnsafeBufferPointer { x in
            for row in 0..<rows {
                for column in 0..<columns { means[column] += x[row * columns + column] }
            }
            for column in 0..<columns { means[column] /= Double(rows) }
            for row in 0..<rows {
                for column in 0..<columns {
                    let deviation = x[row * columns + column] - means[column]
                    squares[column] += deviation * deviation
                }
            }
        }
        let scales = squares.map { square -> Double in
            let deviation = (square / Double(rows)).squareRoot()
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
