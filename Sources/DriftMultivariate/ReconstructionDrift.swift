import DriftStatistics

/// The result of ``reconstructionDrift(model:holdoutErrors:production:bootstrap:sigmas:seed:)``:
/// the production rows' mean PCA reconstruction error against a band from the reference.
///
/// ```swift
/// let drift = try reconstructionDrift(model: model, holdoutErrors: holdout, production: y, seed: 7)
/// if drift.isDrifted { print("error \(drift.error) outside [\(drift.lower), \(drift.upper)]") }
/// ```
public struct ReconstructionDrift: Sendable, Hashable {
    /// The mean reconstruction error of the production rows.
    public var error: Double
    /// The mean reconstruction error of the reference's held-out rows: the band's centre.
    public var referenceError: Double
    /// The band's lower end.
    public var lower: Double
    /// The band's upper end.
    public var upper: Double
    /// The model's number of components.
    public var components: Int
    /// The rows per bootstrap chunk.
    public var chunkRows: Int
    /// The number of bootstrap chunks.
    public var bootstrap: Int

    /// Whether the production error is outside the band.
    public var isDrifted: Bool { error < lower || error > upper }
}

/// Compares the mean PCA reconstruction error of `production` with a band drawn from the
/// reference's held-out rows (rows the model was not fitted on, so their errors are what
/// unchanged data gives).
///
/// ```swift
/// let model = try PCAModel.fit(fitRows)
/// let holdout = try model.reconstructionErrors(heldOutRows)
/// let drift = try reconstructionDrift(model: model, holdoutErrors: holdout, production: y, seed: 7)
/// ```
///
/// The band is the held-out mean ± `sigmas` standard deviations of `bootstrap` chunk means,
/// each the mean of `c` held-out errors drawn with replacement (`SplitMix64(seed:)`, Lemire's
/// bounded draws). The chunk size `c = round(m·h / (m + h))` (m production rows, h held-out
/// rows) gives a chunk mean the variance of the difference between the production mean and
/// the held-out mean, so the band accounts for the finite reference as well as the window: an
/// unchanged window of any size stays inside it with probability about 99.7 % at 3 σ (NannyML's
/// width). A band from in-sample rows would be biased low, which is why the rows are held out.
///
/// - Parameters:
///   - model: The fitted model.
///   - holdoutErrors: Reconstruction errors of held-out reference rows (at least 2, finite).
///   - production: The production rows (at least 1, the model's columns).
///   - bootstrap: The number of chunks (≥ 2; 1 000 by default).
///   - sigmas: The band's half-width in standard deviations (> 0; 3 by default).
///   - seed: Seeds the chunk draws.
/// - Returns: The production error and the band.
/// - Throws: ``MultivariateError`` for too few rows, mismatched columns or bad arguments.
/// - Complexity: O(m · d · k + bootstrap · c).
public func reconstructionDrift(
    model: PCAModel, holdoutErrors: [Double], production: Matrix, bootstrap: Int = 1_000, sigmas: Double = 3,
    seed: UInt64
) throws -> ReconstructionDrift {
    guard holdoutErrors.count >= 2 else {
        throw MultivariateError.tooFewRows(sample: "reference hold-out", rows: holdoutErrors.count, needed: 2)
    }
    guard holdoutErrors.allSatisfy(\.isFinite) else {
        throw MultivariateError.invalidArgument(name: "holdoutErrors", reason: "a value is not finite")
    }
    guard production.rows >= 1 else { throw MultivariateError.tooFewRows(sample: "production", rows: 0, needed: 1) }
    guard bootstrap >= 2 else { throw MultivariateError.invalidArgument(name: "bootstrap", reason: "\(bootstrap) is below 2") }
    guard sigmas.isFinite, sigmas > 0 else {
        throw MultivariateError.invalidArgument(name: "sigmas", reason: "\(sigmas) is not a finite number above 0")
    }
    let errors = try model.reconstructionErrors(production)
    let error = errors.reduce(0, +) / Double(errors.count)
    let h = holdoutErrors.count
    let centre = holdoutErrors.reduce(0, +) / Double(h)
    let (dm, dh) = (Double(production.rows), Double(h))
    let chunk = max(1, Int((dm * dh / (dm + dh)).rounded()))
    var generator = SplitMix64(seed: seed)
    var means = [Double](repeating: 0, count: bootstrap)
    for draw in 0..<bootstrap {
        var sum = 0.0
        for _ in 0..<chunk { sum += holdoutErrors[generator.nextIndex(below: h)] }
        means[draw] = sum / Double(chunk)
    }
    let meanOfMeans = means.reduce(0, +) / Double(bootstrap)
    let variance = means.reduce(0) { $0 + ($1 - meanOfMeans) * ($1 - meanOfMeans) } / Double(bootstrap - 1)
    let halfWidth = sigmas * variance.squareRoot()
    return ReconstructionDrift(
        error: error, referenceError: centre, lower: centre - halfWidth, upper: centre + halfWidth,
        components: model.componentCount, chunkRows: chunk, bootstrap: bootstrap)
}
