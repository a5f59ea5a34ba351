import COpenBLAS

/// A principal component model of a reference sample: its standardization and the leading
/// eigenvectors of the standardized covariance, enough of them to explain a chosen fraction
/// of the variance (as scikit-learn's `PCA(n_components=0.65)` after a `StandardScaler`).
///
/// ```swift
/// let model = try PCAModel.fit(reference, varianceFraction: 0.65)
/// model.componentCount                     // k
/// let errors = try model.reconstructionErrors(production)   // one per row
/// ```
///
/// Rows far from the reference's principal subspace reconstruct badly: when correlations
/// between features change, the mean reconstruction error grows even if no single feature's
/// distribution moved (NannyML's data reconstruction drift).
public struct PCAModel: Sendable, Hashable {
    /// The reference's standardization.
    public var standardization: Standardization
    /// The kept components, one per row (`k × d`), orthonormal, each signed so that its largest
    /// absolute entry is positive.
    public var components: Matrix
    /// The share of the standardized variance of every component (all `d`, descending).
    public var explainedVarianceRatio: [Double]

    /// The number of kept components `k`.
    public var componentCount: Int { components.rows }
    /// The number of (encoded) features `d`.
    public var featureCount: Int { components.columns }

    /// A model from its parts, as a profile stores them.
    ///
    /// - Parameters:
    ///   - standardization: Means and scales, one per feature.
    ///   - components: `k × d` orthonormal rows.
    ///   - explainedVarianceRatio: `d` shares.
    /// - Throws: ``MultivariateError/invalidArgument(name:reason:)`` when the sizes disagree.
    public init(standardization: Standardization, components: Matrix, explainedVarianceRatio: [Double]) throws {
        guard standardization.means.count == components.columns, explainedVarianceRatio.count == components.columns,
              components.rows >= 1, components.rows <= components.columns else {
            throw MultivariateError.invalidArgument(
                name: "components",
                reason: "\(components.rows) × \(components.columns) components for \(standardization.means.count) features and \(explainedVarianceRatio.count) variance shares")
        }
        self.standardization = standardization
        self.components = components
        self.explainedVarianceRatio = explainedVarianceRatio
    }

    /// Fits the model on `reference`: standardization, covariance `ZᵀZ / (n − 1)` by BLAS
    /// `dsyrk`, its eigendecomposition by LAPACKE `dsyevd`, then the fewest leading components
    /// whose cumulative share of the variance exceeds `varianceFraction` (scikit-learn's rule).
    ///
    /// - Parameters:
    ///   - reference: The reference rows (`n × d`, n ≥ 2, finite).
    ///   - varianceFraction: In (0, 1); 0.65 by default.
    /// - Returns: The fitted model.
    /// - Throws: ``MultivariateError/tooFewRows(sample:rows:needed:)``,
    ///   ``MultivariateError/noVariance(sample:)`` when every column is constant,
    ///   ``MultivariateError/invalidArgument(name:reason:)`` for a fraction outside (0, 1) or a
    ///   non-finite element, ``MultivariateError/lapackFailure(routine:info:)``.
    /// - Complexity: O(n · d² + d³).
    public static func fit(_ reference: Matrix, varianceFraction: Double = 0.65) throws -> PCAModel {
        guard varianceFraction > 0, varianceFraction < 1 else {
            throw MultivariateError.invalidArgument(name: "varianceFraction", reason: "\(varianceFraction) is not in (0, 1)")
        }
        guard reference.rows >= 2 else {
            throw MultivariateError.tooFewRows(sample: "reference", rows: reference.rows, needed: 2)
        }
        guard reference.columns >= 1 else { throw MultivariateError.invalidArgument(name: "reference", reason: "no columns") }
        try reference.requireFinite("reference")
        let standardization = Standardization.fit(reference)
        let z = standardization.apply(reference)
        let d = reference.columns
        var covariance = z.crossProductUpper()
        let divisor = Double(reference.rows - 1)
        for index in covariance.indices { covariance[index] /= divisor }
        var eigenvalues = [Double](repeating: 0, count: d)
        let info = covariance.withUnsafeMutableBufferPointer { a in
            eigenvalues.withUnsafeMutableBufferPointer { w in
                LAPACKE_dsyevd(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "V")), Int8(UInt8(ascii: "U")),
                               Int32(d), a.baseAddress, Int32(d), w.baseAddress)
            }
        }
        guard info == 0 else { throw MultivariateError.lapackFailure(routine: "dsyevd", info: info) }
        // Ascending from LAPACK: reverse; round-off can leave tiny negative eigenvalues.
        let variances = eigenvalues.reversed().map { max($0, 0) }
        let total = variances.reduce(0, +)
        guard total > 0 else { throw MultivariateError.noVariance(sample: "reference") }
        let ratios = variances.map { $0 / total }
        var cumulative = 0.0
        var kept = d
        for (index, ratio) in ratios.enumerated() {
            cumulative += ratio
            if cumulative > varianceFraction { kept = index + 1; break }
        }
        // Eigenvector j is column j of the row-major result; component c is eigenvector d − 1 − c.
        var components = Matrix(zeros: kept, d)
        for component in 0..<kept {
            let column = d - 1 - component
            var largest = 0.0
            for feature in 0..<d where abs(covariance[feature * d + column]) > abs(largest) {
                largest = covariance[feature * d + column]
            }
            let sign: Double = largest < 0 ? -1 : 1
            for feature in 0..<d { components[component, feature] = sign * covariance[feature * d + column] }
        }
        return PCAModel(unchecked: standardization, components: components, ratios: ratios)
    }

    init(unchecked standardization: Standardization, components: Matrix, ratios: [Double]) {
        self.standardization = standardization
        self.components = components
        self.explainedVarianceRatio = ratios
    }

    /// The Euclidean distance between each standardized row of `matrix` and its projection on
    /// the model's components, `‖z − Cᵀ C z‖` (BLAS `dgemm` twice).
    ///
    /// ```swift
    /// let errors = try model.reconstructionErrors(production)
    /// let mean = errors.reduce(0, +) / Double(errors.count)
    /// ```
    ///
    /// - Parameter matrix: Rows with the model's `d` columns, finite.
    /// - Returns: One error per row, in standardized units.
    /// - Throws: ``MultivariateError/featureMismatch(reason:)`` for another column count;
    ///   ``MultivariateError/invalidArgument(name:reason:)`` for a non-finite element.
    /// - Complexity: O(rows · d · k).
    public func reconstructionErrors(_ matrix: Matrix) throws -> [Double] {
        guard matrix.columns == featureCount else {
            throw MultivariateError.featureMismatch(reason: "\(matrix.columns) encoded columns, the model has \(featureCount)")
        }
        try matrix.requireFinite("rows")
        var residual = standardization.apply(matrix)
        let scores = residual.multipliedTransposed(components)    // rows × k
        residual.subtractProduct(scores, components)               // z − scores · C
        let d = featureCount
        return (0..<matrix.rows).map { row in
            var sum = 0.0
            for column in 0..<d {
                let value = residual.elements[row * d + column]
                sum += value * value
            }
            return sum.squareRoot()
        }
    }
}
