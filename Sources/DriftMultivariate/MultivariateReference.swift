/// What the multivariate tests keep of a reference: its sample of complete rows, their
/// one-hot encoding, and the PCA model fitted on half of them.
///
/// ```swift
/// let reference = try MultivariateReference.fit(sample: referenceSample, settings: MultivariateSettings())
/// reference.model.componentCount
/// let result = compareMultivariate(reference: reference, production: productionSample,
///                                  settings: MultivariateSettings(), seed: 42)
/// ```
///
/// The sample's even rows (0, 2, 4, …) fit the standardization and the PCA model; its odd rows
/// are held out and give the reconstruction errors of unchanged data for the band
/// (see ``reconstructionDrift(model:holdoutErrors:production:bootstrap:sigmas:seed:)``).
/// Interleaving rather than halving keeps both halves alike when the rows are in time order.
/// The MMD test uses every row.
public struct MultivariateReference: Sendable, Hashable {
    /// The reference's complete rows.
    public var sample: MultivariateSample
    /// The features' encoding (categories by reference frequency).
    public var encoding: OneHotEncoding
    /// The PCA model fitted on the sample's even rows.
    public var model: PCAModel

    /// A reference from stored parts.
    ///
    /// - Parameters:
    ///   - sample: The complete rows.
    ///   - encoding: Their encoding.
    ///   - model: The PCA model, over the encoding's columns.
    /// - Throws: ``MultivariateError/featureMismatch(reason:)`` when the parts do not fit together.
    public init(sample: MultivariateSample, encoding: OneHotEncoding, model: PCAModel) throws {
        let width = encoding.columnNames.count
        guard model.featureCount == width else {
            throw MultivariateError.featureMismatch(reason: "the model has \(model.featureCount) columns, the encoding \(width)")
        }
        _ = try encoding.encode(MultivariateSample(
            unchecked: sample.names, columns: sample.columns.map(\.emptied), rowCount: 0, completeRows: 0, droppedRows: 0))
        self.sample = sample
        self.encoding = encoding
        self.model = model
    }

    /// Encodes `sample` and fits the PCA model on its even rows.
    ///
    /// - Parameters:
    ///   - sample: The reference's complete rows (at least 4).
    ///   - settings: `maxCategories` and `varianceFraction` are used.
    /// - Returns: The reference.
    /// - Throws: ``MultivariateError`` for too few rows, no variance or bad settings.
    /// - Complexity: O(rows · d² + d³) for d encoded columns.
    public static func fit(sample: MultivariateSample, settings: MultivariateSettings) throws -> MultivariateReference {
        try settings.validate()
        guard sample.rowCount >= 4 else {
            throw MultivariateError.tooFewRows(sample: "reference", rows: sample.rowCount, needed: 4)
        }
        let encoding = try OneHotEncoding.fit(sample, maxCategories: settings.maxCategories)
        let encoded = try encoding.encode(sample)
        let model = try PCAModel.fit(encoded.selectingRows(stride(from: 0, to: encoded.rows, by: 2)),
                                     varianceFraction: settings.varianceFraction)
        return MultivariateReference(unchecked: sample, encoding: encoding, model: model)
    }

    init(unchecked sample: MultivariateSample, encoding: OneHotEncoding, model: PCAModel) {
        self.sample = sample
        self.encoding = encoding
        self.model = model
    }

    /// The reconstruction errors of the held-out (odd) rows.
    ///
    /// - Throws: ``MultivariateError`` when the rows cannot be encoded.
    /// - Complexity: O(rows · d · k).
    public func holdoutErrors() throws -> [Double] {
        try holdoutErrors(encoded: encoding.encode(sample))
    }

    /// The held-out rows' errors from the already encoded sample.
    func holdoutErrors(encoded: Matrix) throws -> [Double] {
        try model.reconstructionErrors(encoded.selectingRows(stride(from: 1, to: encoded.rows, by: 2)))
    }
}

extension MultivariateColumn {
    /// The same kind of column with no rows.
    var emptied: MultivariateColumn {
        isCategorical ? .categorical([]) : .numeric([])
    }
}
