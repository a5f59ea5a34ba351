import DriftMultivariate
import DriftProfiles
import DriftTables

/// Runs the multivariate tests on two sets of row-tracked columns (see `CSVTable.load(…,
/// trackRows:)` and `ProductionSource.read(…, trackRows:)`): the features are the reference
/// columns that production also has, in reference order.
///
/// ```swift
/// let reference = try CSVTable.load(path: "reference.csv", trackRows: ["age", "plan"])
/// let production = try CSVTable.load(path: "production.csv", trackRows: ["age", "plan"])
/// let multivariate = compareMultivariate(reference: reference.columns, production: production.columns,
///                                        settings: MultivariateSettings(), alpha: 0.01, seed: SplitMix64.defaultSeed)
/// ```
///
/// Both sides are sampled the same way: the complete rows in order, a seeded reservoir of at
/// most `settings.sampleCap` of them (`MultivariateSampleBuilder`, seeded by `seed`), so a
/// profile built from the same reference rows with the same seed holds the same sample.
///
/// - Parameters:
///   - reference: The reference columns, row-tracked.
///   - production: The production columns, row-tracked, of the same kinds.
///   - settings: The multivariate knobs.
///   - alpha: MMD drifts below this p-value.
///   - seed: Seeds the samples, permutations and bootstrap.
/// - Returns: The report; ``MultivariateReport/TestResult/unavailable(_:)`` with the reason when
///   the reference cannot be fitted or the rows were not tracked.
/// - Complexity: O(rows · features) to sample, then the tests' cost.
public func compareMultivariate(
    reference: [ColumnSample], production: [ColumnSample], settings: MultivariateSettings, alpha: Double, seed: UInt64
) -> MultivariateReport {
    let productionByName = Dictionary(production.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    let pairs = reference.compactMap { column in productionByName[column.name].map { (column, $0) } }
    let inputs: MultivariateInputs
    do {
        let referenceSample = try MultivariateSample.sampling(pairs.map(\.0), side: "reference", capacity: settings.sampleCap, seed: seed)
        let fitted = try MultivariateReference.fit(sample: referenceSample, settings: settings)
        let productionSample = try MultivariateSample.sampling(pairs.map(\.1), side: "production", capacity: settings.sampleCap, seed: seed)
        inputs = MultivariateInputs(state: .ready(fitted, productionSample), alpha: alpha, referenceDroppedRows: referenceSample.droppedRows)
    } catch {
        inputs = MultivariateInputs(state: .unavailable("\(error)"), alpha: alpha, referenceDroppedRows: nil)
    }
    return inputs.compare(settings: settings, seed: seed)
}

/// Runs the multivariate tests of row-tracked production columns against a profile's stored
/// multivariate reference (its sample, encoding and PCA model).
///
/// ```swift
/// let multivariate = compareMultivariate(profile: profile, production: window.columns,
///                                        settings: MultivariateSettings(), alpha: 0.01, seed: SplitMix64.defaultSeed)
/// ```
///
/// The same as ``MultivariateInputs/init(profile:production:settings:alpha:seed:)`` followed by
/// ``MultivariateInputs/compare(settings:seed:)``; the job uses the two steps so the window's
/// columns can be freed before the kernel matrix is built.
///
/// - Parameters:
///   - profile: The profile; one without a multivariate reference gives
///     ``MultivariateReport/TestResult/unavailable(_:)`` with the profile's reason.
///   - production: The production columns, row-tracked, read with the profile's kinds.
///   - settings: The test knobs (`sampleCap` caps the production sample; the reference's
///     encoding and model are the stored ones).
///   - alpha: MMD drifts below this p-value.
///   - seed: Seeds the production sample, permutations and bootstrap.
/// - Returns: The report.
/// - Complexity: O(rows · features) to sample, then the tests' cost.
public func compareMultivariate(
    profile: ReferenceProfile, production: [ColumnSample], settings: MultivariateSettings, alpha: Double, seed: UInt64
) -> MultivariateReport {
    MultivariateInputs(profile: profile, production: production, settings: settings, alpha: alpha, seed: seed)
        .compare(settings: settings, seed: seed)
}

/// What the multivariate tests of one production window need, and nothing else: the profile's
/// multivariate reference and the window's seeded sample of complete rows (at most
/// `sampleCap`), or why there are none.
///
/// ```swift
/// let inputs = MultivariateInputs(profile: profile, production: window.columns,
///                                 settings: settings, alpha: 0.01, seed: SplitMix64.defaultSeed)
/// // `profile` and `window` may go now: the inputs hold O(sampleCap · features).
/// let report = inputs.compare(settings: settings, seed: SplitMix64.defaultSeed)
/// ```
public struct MultivariateInputs: Sendable {
    enum State: Sendable {
        case ready(MultivariateReference, MultivariateSample)
        case unavailable(String)
    }

    let state: State
    let alpha: Double
    let referenceDroppedRows: Int?

    init(state: State, alpha: Double, referenceDroppedRows: Int?) {
        (self.state, self.alpha, self.referenceDroppedRows) = (state, alpha, referenceDroppedRows)
    }

    /// Samples the production rows for `profile`'s multivariate reference.
    ///
    /// - Parameters:
    ///   - profile: The profile.
    ///   - production: The production columns, row-tracked, read with the profile's kinds.
    ///   - settings: `sampleCap` caps the production sample.
    ///   - alpha: MMD drifts below this p-value.
    ///   - seed: Seeds the production sample.
    /// - Complexity: O(rows · features).
    public init(profile: ReferenceProfile, production: [ColumnSample], settings: MultivariateSettings, alpha: Double, seed: UInt64) {
        self.alpha = alpha
        guard let reference = profile.multivariate else {
            let reason = profile.multivariateProblem ?? "the profile has no multivariate reference"
            (state, referenceDroppedRows) = (.unavailable("profile \(profile.model) v\(profile.version): \(reason)"), nil)
            return
        }
        referenceDroppedRows = reference.sample.droppedRows
        let productionByName = Dictionary(production.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let missing = reference.sample.names.filter { productionByName[$0] == nil }
        guard missing.isEmpty else {
            state = .unavailable("production lacks \(missing.map { "\"\($0)\"" }.joined(separator: ", ")), which the multivariate reference needs")
            return
        }
        do {
            let sample = try MultivariateSample.sampling(
                reference.sample.names.compactMap { productionByName[$0] }, side: "production", capacity: settings.sampleCap, seed: seed)
            state = .ready(reference, sample)
        } catch {
            state = .unavailable("\(error)")
        }
    }

    /// Runs both tests.
    ///
    /// - Parameters:
    ///   - settings: Permutations, bandwidth, bootstrap and band width.
    ///   - seed: Seeds the permutations and bootstrap.
    /// - Returns: The report.
    /// - Complexity: O((n + m)² · (d + permutations)) for the MMD test.
    public func compare(settings: MultivariateSettings, seed: UInt64) -> MultivariateReport {
        switch state {
        case .unavailable(let reason):
            return MultivariateReport(testResult: .unavailable(reason), alpha: alpha, referenceDroppedRows: referenceDroppedRows)
        case .ready(let reference, let sample):
            return MultivariateReport(
                testResult: .compared(compareMultivariate(reference: reference, production: sample, settings: settings, seed: seed)),
                alpha: alpha, referenceDroppedRows: referenceDroppedRows)
        }
    }
}

extension MultivariateSample {
    /// The seeded sample of the complete rows of row-tracked columns.
    ///
    /// - Throws: ``ComparisonError/multivariateRowsUnavailable(side:)`` when a column was not
    ///   read with row tracking (or lost it).
    static func sampling(_ columns: [ColumnSample], side: String, capacity: Int, seed: UInt64) throws -> MultivariateSample {
        guard !columns.isEmpty else { throw ComparisonError.multivariateRowsUnavailable(side: side, reason: "no common features") }
        guard var rows = LockstepRows(columns) else {
            throw ComparisonError.multivariateRowsUnavailable(side: side, reason: "a column was read without row tracking")
        }
        var builder = MultivariateSampleBuilder(
            features: columns.map { (name: $0.name, categorical: $0.kind == .categorical) }, capacity: capacity, seed: seed)
        var cells: [RowCell] = []
        while rows.next(into: &cells) {
            builder.addRow { feature in
                switch cells[feature] {
                case .missing: return nil
                case .number(let value): return .number(value)
                case .category(let label): return .category(label)
                }
            }
        }
        return builder.build()
    }
}
