import DriftMultivariate
import DriftStatistics
import DriftTables
import Foundation

/// Runs every test that fits one feature's kind on its reference and production samples.
///
/// Numeric features get Kolmogorov–Smirnov, Cramér–von Mises, Wasserstein (raw and
/// normalized) and PSI; categorical features get chi-square over the union of categories,
/// Jensen–Shannon and PSI over the categories. A test that cannot run records why in its
/// ``TestOutcome`` and the other tests still run. Both samples are sorted once and shared by
/// the sort-based tests.
///
/// If the two columns have different kinds (numbers in one file, text in the other), pass
/// both as categorical: ``compareTables(reference:production:options:)`` does this.
///
/// ```swift
/// let feature = compareFeatures(reference: referenceColumn, production: productionColumn,
///                               options: ComparisonOptions())
/// print(feature.primaryPValue ?? .nan)
/// ```
///
/// - Parameters:
///   - reference: The reference column.
///   - production: The production column, of the same kind.
///   - options: PSI binning and the like; alpha and correction are applied by the caller
///     across features (see ``markDrift(_:options:)``).
/// - Returns: The feature's report, with `drifted` not yet decided.
/// - Complexity: O((n + m) log(n + m)) at most (dominated by sorting), O(n + m) memory.
public func compareFeatures(
    reference: ColumnSample, production: ColumnSample, options: ComparisonOptions
) -> FeatureReport {
    let kind: ColumnKind = reference.kind == .numeric && production.kind == .numeric ? .numeric : .categorical
    if let failed = textInNumericColumn(
        name: reference.name, kind: kind, referenceCount: reference.testedCount,
        referenceMissing: reference.missing, production: production
    ) {
        return failed
    }
    switch kind {
    case .numeric:
        return compareNumeric(reference: reference, production: production, options: options)
    case .categorical:
        return compareCategorical(reference: reference, production: production)
    }
}

private func compareNumeric(
    reference: ColumnSample, production: ColumnSample, options: ComparisonOptions
) -> FeatureReport {
    compareNumeric(
        name: reference.name,
        referenceSample: TestOutcome { try SortedSample(reference.values, label: "reference") },
        referenceCount: reference.values.count, referenceMissing: reference.missing,
        production: production,
        psiBins: { try PSIBins(reference: $0, bins: options.psiBins, binning: options.psiBinning) },
        options: options)
}

/// The numeric tests, given the sorted reference (or why it is unavailable) and how to get PSI bins.
func compareNumeric(
    name: String, referenceSample: TestOutcome<SortedSample>, referenceCount: Int,
    referenceMissing: MissingCounts, production: ColumnSample,
    psiBins: (SortedSample) throws -> PSIBins, options: ComparisonOptions
) -> FeatureReport {
    let productionSample = TestOutcome { try SortedSample(production.values, label: "production") }
    func both<Value>(_ body: (SortedSample, SortedSample) throws -> Value) -> TestOutcome<Value> {
        TestOutcome {
            switch (referenceSample, productionSample) {
            case let (.value(referenceValues), .value(productionValues)):
                return try body(referenceValues, productionValues)
            case let (.failed(message), _), let (_, .failed(message)):
                throw ComparisonFailure(message: message)
            }
        }
    }
    var report = FeatureReport(
        name: name, kind: .numeric,
        referenceCount: referenceCount, productionCount: production.values.count,
        referenceMissing: referenceMissing, productionMissing: production.missing,
        psi: both { referenceValues, productionValues in
            try populationStabilityIndex(try psiBins(referenceValues), production: productionValues.values)
        })
    report.kolmogorovSmirnov = both { try kolmogorovSmirnov($0, $1) }
    report.cramerVonMises = both { try cramerVonMises($0, $1) }
    report.wasserstein = both { try normalizedWasserstein(reference: $0, production: $1) }
    return report
}

private func compareCategorical(reference: ColumnSample, production: ColumnSample) -> FeatureReport {
    compareCategorical(
        name: reference.name, referenceCategories: reference.categories, referenceMissing: reference.missing,
        productionCategories: production.categories, productionMissing: production.missing)
}

/// The categorical tests over the sorted union of both sides' categories.
func compareCategorical(
    name: String, referenceCategories: [String: Int], referenceMissing: MissingCounts,
    productionCategories: [String: Int], productionMissing: MissingCounts
) -> FeatureReport {
    let categories = Array(Set(referenceCategories.keys).union(productionCategories.keys)).sorted()
    let referenceCounts = categories.map { Double(referenceCategories[$0] ?? 0) }
    let productionCounts = categories.map { Double(productionCategories[$0] ?? 0) }
    let referenceTotal = referenceCategories.values.reduce(0, +)
    let productionTotal = productionCategories.values.reduce(0, +)
    func nonEmpty() throws {
        if referenceTotal == 0 { throw StatisticsError.emptySample(sample: "reference") }
        if productionTotal == 0 { throw StatisticsError.emptySample(sample: "production") }
    }
    var report = FeatureReport(
        name: name, kind: .categorical,
        referenceCount: referenceTotal, productionCount: productionTotal,
        referenceMissing: referenceMissing, productionMissing: productionMissing,
        psi: TestOutcome {
            try nonEmpty()
            return try populationStabilityIndex(referenceCounts: referenceCounts, productionCounts: productionCounts)
        })
    report.chiSquare = TestOutcome {
        try nonEmpty()
        return try chiSquareHomogeneity(reference: referenceCounts, production: productionCounts)
    }
    report.jensenShannon = TestOutcome {
        try nonEmpty()
        return try jensenShannonDistance(referenceCounts, productionCounts)
    }
    report.categories = categories
    return report
}

/// Decides every feature with the options' ``DriftPolicy`` (see ``DriftPolicy/decide(_:)``):
/// deciding test, status, corrected p-values and `drifted`.
///
/// Features whose deciding test could not run are ``FeatureStatus/failed``, left out of the
/// correction, and never drift.
///
/// ```swift
/// var features = columns.map { compareFeatures(reference: $0, production: $1, options: options) }
/// try markDrift(&features, options: options)
/// ```
///
/// - Parameters:
///   - features: The per-feature reports, updated in place.
///   - options: The policy (alpha, correction, tests, gate).
/// - Throws: ``StatisticsError`` if a p-value is outside [0, 1].
/// - Complexity: O(k log k) for k features.
public func markDrift(_ features: inout [FeatureReport], options: ComparisonOptions) throws {
    try options.policy.decide(&features)
}

/// Compares every column present in both tables.
///
/// Features are compared in parallel (one task per column) and reported in the reference's
/// column order. A column that is numeric in one table and categorical in the other is
/// compared as categorical on both sides (the numeric side is re-read as text).
///
/// ```swift
/// let reference = try CSVTable.load(path: "reference.csv")
/// let production = try CSVTable.load(path: "production.csv")
/// let report = try compareTables(reference: reference, production: production)
/// ```
///
/// - Parameters:
///   - reference: The reference table.
///   - production: The production table.
///   - options: Alpha, PSI binning and the multiple-testing correction.
/// - Returns: The report.
/// - Throws: ``ComparisonError/noCommonColumns(reference:production:)`` when the tables
///   share no column; ``StatisticsError`` for invalid options; ``TableError`` if a file must
///   be re-read and cannot be.
/// - Complexity: O(total cells) plus sorting each numeric column.
public func compareTables(
    reference: CSVTable, production: CSVTable, options: ComparisonOptions = ComparisonOptions()
) throws -> ComparisonReport {
    try options.validate()
    var reference = reference
    var production = production
    let productionNames = Set(production.columns.map(\.name))
    let common = reference.columns.map(\.name).filter { productionNames.contains($0) }
    // A column typed differently in the two files is compared as categories on both sides.
    let mixed = common.filter { reference.column(named: $0)?.kind != production.column(named: $0)?.kind }
    try reference.recountAsCategorical(mixed.filter { reference.column(named: $0)?.kind == .numeric })
    try production.recountAsCategorical(mixed.filter { production.column(named: $0)?.kind == .numeric })

    // The multivariate tests need whole rows: re-read tables that were loaded without tracking.
    if options.multivariate != nil {
        reference = try reference.withTrackedRows()
        production = try production.withTrackedRows()
    }
    return try compareColumns(
        reference: reference.columns, production: production.columns, options: options,
        sources: (reference.path, production.path))
}

extension CSVTable {
    /// The table itself when every column is row-tracked, else the same columns re-read from
    /// its file with tracking and the kinds they have now.
    func withTrackedRows() throws -> CSVTable {
        guard LockstepRows(columns) == nil else { return self }
        let kinds = Dictionary(columns.map { ($0.name, $0.kind) }, uniquingKeysWith: { first, _ in first })
        return try CSVTable.load(path: path, columns: columns.map(\.name), kinds: kinds, trackRows: Set(columns.map(\.name)))
    }
}

/// Compares the columns of the same name in two sets of columns that were read with matching
/// kinds (see ``compareTables(reference:production:options:)``, which reconciles CSV kinds first).
///
/// ```swift
/// let report = try compareColumns(reference: reference.columns, production: window.columns,
///                                 sources: ("reference.csv", "production.db"))
/// ```
///
/// - Parameters:
///   - reference: The reference columns; the report follows their order.
///   - production: The production columns.
///   - options: Alpha, PSI binning and the multiple-testing correction.
///   - sources: Names of the two inputs, for the error when they share no column.
/// - Returns: The report.
/// - Throws: ``ComparisonError/noCommonColumns(reference:production:)``; ``StatisticsError`` for
///   invalid options.
/// - Complexity: O(total values · log) for the sorts.
public func compareColumns(
    reference: [ColumnSample], production: [ColumnSample], options: ComparisonOptions = ComparisonOptions(),
    sources: (reference: String, production: String) = ("reference", "production")
) throws -> ComparisonReport {
    var report = try compareEach(
        reference, names: reference.map(\.name), production: production, options: options, sources: sources
    ) { compareFeatures(reference: $0, production: $1, options: options) } summary: { ($0.kind, $0.testedCount, $0.missing) }
    if let settings = options.multivariate {
        report.multivariate = compareMultivariate(
            reference: reference, production: production, settings: settings, alpha: options.alpha, seed: options.seed)
    }
    return report
}

/// Pairs every reference item with the production column of the same name, compares the pairs
/// with enough values in parallel (the others are ``FeatureStatus/insufficientSamples``),
/// decides drift with the options' policy and builds the report (shared by tables and profiles).
func compareEach<Reference: Sendable>(
    _ reference: [Reference], names: [String], production: [ColumnSample], options: ComparisonOptions,
    sources: (reference: String, production: String),
    compare: @Sendable (Reference, ColumnSample) -> FeatureReport,
    summary: @Sendable (Reference) -> (kind: ColumnKind, testedCount: Int, missing: MissingCounts)
) throws -> ComparisonReport {
    try options.validate()
    let productionByName = Dictionary(production.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    let referenceNames = Set(names)
    let pairs = zip(reference, names).compactMap { item, name in productionByName[name].map { (item, $0) } }
    guard !pairs.isEmpty else {
        throw ComparisonError.noCommonColumns(reference: sources.reference, production: sources.production)
    }
    let policy = options.policy
    var features = concurrentMap(pairs) { item, column in
        let reference = summary(item)
        // Too few values to test: reported as such, and no test runs.
        guard let reason = policy.insufficiency(
            of: column.name, referenceCount: reference.testedCount, productionCount: column.testedCount) else {
            return compare(item, column)
        }
        return FeatureReport(
            untested: .insufficientSamples, reason: reason, name: column.name, kind: reference.kind,
            referenceCount: reference.testedCount, productionCount: column.testedCount,
            referenceMissing: reference.missing, productionMissing: column.missing)
    }
    let compared = Set(features.map(\.name))
    for feature in Set(policy.decidingTests.keys).union(policy.minSamplesByFeature.keys).sorted() where !compared.contains(feature) {
        throw ComparisonError.invalidPolicy("\(feature) has a deciding test or min_samples of its own, but is not compared")
    }
    try policy.validate(kinds: Dictionary(features.map { ($0.name, $0.kind) }, uniquingKeysWith: { first, _ in first }))
    try policy.decide(&features)
    return ComparisonReport(
        alpha: options.alpha, correction: options.correction, features: features,
        referenceOnlyColumns: names.filter { productionByName[$0] == nil },
        productionOnlyColumns: production.map(\.name).filter { !referenceNames.contains($0) })
}

/// The report of a numeric feature whose production column held text (every test fails with
/// the count and the first text cell), or nil when the column can be tested.
func textInNumericColumn(
    name: String, kind: ColumnKind, referenceCount: Int, referenceMissing: MissingCounts, production: ColumnSample
) -> FeatureReport? {
    guard kind == .numeric, production.textCells > 0 else { return nil }
    let first = production.firstTextCell.map { " (first \"\($0.text)\" at row \($0.row))" } ?? ""
    let plural = production.textCells == 1 ? "" : "s"
    return FeatureReport(
        failingWith: "production: \(production.textCells) text value\(plural) in a numeric feature\(first)",
        name: name, kind: kind, referenceCount: referenceCount, productionCount: production.values.count,
        referenceMissing: referenceMissing, productionMissing: production.missing)
}

/// Carries an upstream failure (say, an empty sample) into the tests that depend on it.
struct ComparisonFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
