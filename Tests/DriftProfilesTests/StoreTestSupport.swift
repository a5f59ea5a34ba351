import DriftStatistics
import DriftTables
import DriftTestSupport
import Foundation
import GRDB
@testable import DriftProfiles

/// A database path in a fresh directory (the file does not exist yet).
func temporaryDatabasePath(_ name: String = "profiles.db") throws -> String {
    try temporaryDirectory().appendingPathComponent(name).path
}

/// A file's bytes and every file beside it, to show that a failed open touched nothing and
/// created no `-wal`, `-shm` or `-journal` file.
struct FileState: Equatable, CustomStringConvertible {
    let bytes: Data?
    let directoryListing: [String]

    init(of path: String) throws {
        bytes = FileManager.default.contents(atPath: path)
        let directory = (path as NSString).deletingLastPathComponent
        directoryListing = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    }

    var description: String { "\(bytes?.count ?? -1) bytes, directory \(directoryListing)" }
}

/// A numeric feature holding every value.
func exactNumericFeature(_ name: String, _ values: [Double], missing: MissingCounts = MissingCounts()) throws -> FeatureProfile {
    let sorted = values.sorted()
    let summary = SummaryStatistics(values)
    let bins = Set(sorted).count > 1
        ? try PSIBins(reference: SortedSample(presorted: sorted, label: name), bins: 4, binning: .quantile) : nil
    return FeatureProfile(
        name: name, kind: .numeric, rowCount: values.count + missing.total, missing: missing,
        summary: summary, sample: sorted, sampleIsExact: true, psiBins: bins, categories: [:])
}

/// A categorical feature.
func categoricalFeature(_ name: String, _ categories: [String: Int], missing: MissingCounts = MissingCounts()) -> FeatureProfile {
    FeatureProfile(
        name: name, kind: .categorical, rowCount: categories.values.reduce(0, +) + missing.total, missing: missing,
        summary: SummaryStatistics(), sample: [], sampleIsExact: true, psiBins: nil, categories: categories)
}

/// A profile exercising every stored field: an exact numeric feature with -0.0 and
/// subnormals, a sampled one, a categorical one with `__other__`, an all-missing one, PSI
/// edges at ±greatestFiniteMagnitude and a summary whose minimum is -0.0.
func richProfile(model: String = "churn", createdAt: Date = Date(timeIntervalSinceReferenceDate: 765_432_109.123_456_7)) throws -> ReferenceProfile {
    let exact = try exactNumericFeature(
        "age", [-3.5, -0.0, 0.0, .leastNonzeroMagnitude, Double.leastNormalMagnitude / 1024, 2.25, 2.25, 1e300, 0.1 + 0.2],
        missing: MissingCounts(empty: 2, notANumber: 1, infinite: 1))

    var generator = SplitMix64(seed: 42)
    let population = (0..<1_000).map { _ in Double.random(in: -1e6...1e6, using: &generator) }
    let sample = Array(population.shuffled(using: &generator).prefix(50)).sorted()
    let sampled = FeatureProfile(
        name: "income", kind: .numeric, rowCount: population.count, missing: MissingCounts(),
        summary: SummaryStatistics(population + [.nan, .infinity]), sample: sample, sampleIsExact: false,
        psiBins: try PSIBins(
            edges: [-.greatestFiniteMagnitude, -0.0, .leastNonzeroMagnitude, .greatestFiniteMagnitude],
            referenceCounts: [400, 0, 600]),
        categories: [:])

    let plan = categoricalFeature(
        "plan", ["basic": 10, "pro": 5, FeatureProfile.otherCategory: 3, "ünïcødé ☃": 2, "with,comma \"q\"": 1, "": 1],
        missing: MissingCounts(empty: 4, notANumber: 0, infinite: 0))
    let empty = FeatureProfile(
        name: "all_missing", kind: .numeric, rowCount: 3, missing: MissingCounts(empty: 1, notANumber: 1, infinite: 1),
        summary: SummaryStatistics([Double.nan, .infinity, -.infinity]), sample: [], sampleIsExact: true,
        psiBins: nil, categories: [:])

    var settings = ProfileSettings()
    settings.sampleCap = 50
    settings.psiBins = 4
    settings.categoryCap = 5
    settings.seed = UInt64.max - 5
    settings.categorical = ["plan", "zip code", "ünï"]
    return ReferenceProfile(
        model: model, createdAt: createdAt,
        source: ProfileSource(description: "csv:/data/reference.csv", rowCount: 1_000, contentHash: "fnv1a64:0123456789abcdef"),
        settings: settings, features: [exact, sampled, plan, empty, try exactNumericFeature("neg_zero", [-0.0, -0.0])])
}

/// A small profile whose content identifies it: every feature's sample starts at `marker`.
func markedProfile(model: String, marker: Int, features: Int = 3, sampleSize: Int = 10) throws -> ReferenceProfile {
    let featureList = try (0..<features).map { index in
        try exactNumericFeature("f\(index)", (0..<sampleSize).map { Double(marker) + Double($0) / Double(sampleSize) })
    } + [categoricalFeature("c", ["marker": marker + 1])]
    return ReferenceProfile(
        model: model, createdAt: Date(timeIntervalSinceReferenceDate: Double(marker)),
        source: ProfileSource(description: "marker:\(marker)", rowCount: sampleSize, contentHash: "fnv1a64:\(marker)"),
        settings: ProfileSettings(), features: featureList)
}

/// Runs `body` on a separate raw GRDB connection to the file (to inspect or alter it as another
/// program would).
func withRawConnection<T>(_ path: String, _ body: (Database) throws -> T) throws -> T {
    let queue = try DatabaseQueue(path: path)
    defer { try? queue.close() }
    return try queue.writeWithoutTransaction(body)
}

/// The number of rows of a table, through a raw connection.
func rowCount(_ table: String, _ path: String) throws -> Int {
    try withRawConnection(path) { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? -1 }
}

/// `PRAGMA integrity_check` and `PRAGMA foreign_key_check` through a raw connection.
func integrityReport(_ path: String) throws -> (integrity: [String], foreignKeyViolations: Int) {
    try withRawConnection(path) { db in
        (try String.fetchAll(db, sql: "PRAGMA integrity_check"),
         try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").count)
    }
}
