/// Both multivariate tests of one production sample against a reference: each either ran or
/// says why not, so one failing test never hides the other.
///
/// ```swift
/// let comparison = compareMultivariate(reference: reference, production: sample,
///                                      settings: MultivariateSettings(), seed: 42)
/// switch comparison.mmd {
/// case .success(let mmd): print(mmd.pValue)
/// case .failure(let error): print("mmd: \(error)")
/// }
/// ```
public struct MultivariateComparison: Sendable, Equatable {
    /// The MMD test, or why it could not run.
    public var mmd: Result<MMDResult, MultivariateError>
    /// The PCA reconstruction-error comparison, or why it could not run.
    public var reconstruction: Result<ReconstructionDrift, MultivariateError>
    /// The features, in order.
    public var features: [String]
    /// The encoded columns the tests saw.
    public var encodedColumns: Int
    /// The reference sample's rows.
    public var referenceRows: Int
    /// The production sample's rows.
    public var productionRows: Int
    /// The production's complete rows (the sample is drawn from them).
    public var productionCompleteRows: Int
    /// The production rows left out for a missing value.
    public var productionDroppedRows: Int
}

/// Runs the MMD test and the PCA reconstruction-error comparison of `production` against
/// `reference`, both on the reference's encoding.
///
/// ```swift
/// let comparison = compareMultivariate(reference: reference, production: sample,
///                                      settings: MultivariateSettings(), seed: 42)
/// ```
///
/// - Parameters:
///   - reference: The fitted reference.
///   - production: The production's complete rows (the same features in the same order).
///   - settings: Permutations, bandwidth, bootstrap chunks and band width.
///   - seed: Seeds the permutations (`seed`) and the bootstrap (`seed ^ 0x5EED_B007`, so the
///     two draw independent streams from one seed).
/// - Returns: Both results.
/// - Complexity: O((n + m)² · (d + permutations)) for the MMD test.
public func compareMultivariate(
    reference: MultivariateReference, production: MultivariateSample, settings: MultivariateSettings, seed: UInt64
) -> MultivariateComparison {
    var comparison = MultivariateComparison(
        mmd: .failure(.invalidArgument(name: "production", reason: "not encoded")),
        reconstruction: .failure(.invalidArgument(name: "production", reason: "not encoded")),
        features: reference.sample.names, encodedColumns: reference.model.featureCount,
        referenceRows: reference.sample.rowCount, productionRows: production.rowCount,
        productionCompleteRows: production.completeRows, productionDroppedRows: production.droppedRows)
    let encoded: (reference: Matrix, production: Matrix)
    do {
        try settings.validate()
        encoded = (try reference.encoding.encode(reference.sample), try reference.encoding.encode(production))
    } catch {
        let failure = error as? MultivariateError ?? .invalidArgument(name: "production", reason: "\(error)")
        comparison.mmd = .failure(failure)
        comparison.reconstruction = .failure(failure)
        return comparison
    }
    comparison.mmd = Result {
        try maximumMeanDiscrepancy(
            reference: encoded.reference, production: encoded.production, bandwidth: settings.bandwidth,
            permutations: settings.permutations, seed: seed)
    }.mapError { $0 as? MultivariateError ?? .invalidArgument(name: "mmd", reason: "\($0)") }
    comparison.reconstruction = Result {
        guard encoded.production.rows >= 1 else {
            throw MultivariateError.tooFewRows(sample: "production", rows: 0, needed: 1)
        }
        return try reconstructionDrift(
            model: reference.model, holdoutErrors: try reference.holdoutErrors(encoded: encoded.reference), production: encoded.production,
            bootstrap: settings.bootstrap, sigmas: settings.bandSigmas, seed: seed ^ bootstrapSeedSalt)
    }.mapError { $0 as? MultivariateError ?? .invalidArgument(name: "pca_reconstruction", reason: "\($0)") }
    return comparison
}

/// XORed into the comparison's seed for the reconstruction band's bootstrap, so it does not
/// replay the MMD permutations' random stream (`0x5EED_B007`: "seed boot").
let bootstrapSeedSalt: UInt64 = 0x5EED_B007
