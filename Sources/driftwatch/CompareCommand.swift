import ArgumentParser
import DriftHTML
import DriftMultivariate
import DriftProfiles
import DriftReport
import DriftSources
import DriftStatistics
import DriftTables
import Foundation

/// `driftwatch compare`: per-feature drift tests between a reference (CSV or stored profile)
/// and a production sample (CSV or a time window of a SQLite table).
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare production data with a reference, feature by feature.",
        usage: """
            driftwatch compare REFERENCE.csv PRODUCTION.csv [options]
              driftwatch compare --profile-db PROFILES.db --model NAME [--version N] PRODUCTION.csv [options]
              driftwatch compare (REFERENCE.csv | --profile-db PROFILES.db --model NAME) --production-sqlite DB (--table T | --query SQL) --timestamp-column C [--at TIME] [--window 1h] [options]
            """,
        discussion: """
            CSV files need a header row (RFC 4180 quoting). A column whose non-empty cells all \
            parse as numbers is numeric (KS, Cramér–von Mises, Wasserstein, PSI), otherwise \
            categorical (chi-square, Jensen–Shannon, PSI); with a profile, the profile's kinds rule. \
            Empty, NULL, NaN and infinite values are counted as missing and left out of the tests. \
            Then the multivariate tests run over all compared features at once (MMD with a \
            permutation p-value, and the PCA reconstruction error against a band from the \
            reference) on seeded samples of at most --multivariate-sample complete rows per side; \
            rows with a missing value are left out of them and counted. --no-multivariate skips them. \
            Exit status 0 when the comparison ran, drift or not.
            """
    )

    @OptionGroup var inputs: CompareInputs

    @Option(help: "Output format: table or json.")
    var format: OutputFormat = .table

    func validate() throws {
        try inputs.validateInputs()
    }

    func run() throws {
        let report = try inputs.compare().report
        switch format {
        case .table: print(report.table(), terminator: "")
        case .json: print(report.json().rendered(indent: 2))
        }
    }
}

/// `compare`'s inputs and options, shared with `report`: what to compare and how.
struct CompareInputs: ParsableArguments {
    @Argument(help: "REFERENCE.csv and PRODUCTION.csv; only PRODUCTION.csv with --profile-db; only REFERENCE.csv (or nothing, with --profile-db) with --production-sqlite.")
    var files: [String] = []

    @Option(name: .customLong("profile-db"), help: "Compare against a reference profile stored in this database.")
    var profileDB: String?

    @Option(help: "The model whose profile to use (with --profile-db).")
    var model: String?

    @Option(parsing: .unconditional, help: "The profile version (default: the model's active version).")
    var version: Int?

    @Option(name: .customLong("production-sqlite"), help: "Read production from this SQLite database.")
    var productionSQLite: String?

    @Option(help: "The production table (with --production-sqlite).")
    var table: String?

    @Option(help: "A SELECT to read production rows from instead of a table.")
    var query: String?

    @Option(name: .customLong("timestamp-column"), help: "The production timestamp column: ISO-8601 text (no zone = UTC) or Unix seconds.")
    var timestampColumn: String?

    @Option(help: "End of the production window (ISO-8601, e.g. 2019-04-30T11:00:00Z; default now).")
    var at: String?

    @Option(help: "Length of the production window, Prometheus style (30m, 1h, 7d).")
    var window: String = "1h"

    @Option(parsing: .unconditional, help: "A feature drifts when its primary p-value (KS or chi-square) is below this.")
    var alpha: Double = 0.01

    @Option(name: .customLong("psi-bins"), parsing: .unconditional, help: "Number of PSI bins for numeric features (CSV reference; a profile keeps its own).")
    var psiBins: Int = 10

    @Option(name: .customLong("psi-binning"), help: "PSI bin edges: quantile (of the reference) or uniform.")
    var psiBinning: PSIBinning = .quantile

    @Option(help: "Multiple-testing correction across features: none, bonferroni, holm or bh.")
    var correction: PValueCorrection = .none

    @Option(help: "Comma-separated columns to compare (default: every column in both).")
    var columns: String?

    @Option(help: "Comma-separated columns to treat as categorical even if they hold numbers (CSV reference).")
    var categorical: String?

    @Option(name: .customLong("test"),
            help: "FEATURE=ks|cramer_von_mises|chi_square: the test that decides FEATURE (repeatable, or comma-separated).")
    var tests: [String] = []

    @Option(name: .customLong("min-samples"), parsing: .unconditional,
            help: "Fewer values than this on either side and a feature is insufficient_samples, not tested (the job's min_samples; default 0: off).")
    var minSamples: Int = 0

    @Option(name: .customLong("effect-size"), parsing: .unconditional,
            help: "psi=X,wasserstein_normalized=Y: a feature drifts only if p < alpha and an effect size exceeds its threshold.")
    var effectSize: String?

    @Flag(name: .customLong("no-multivariate"), help: "Skip the multivariate tests (MMD and PCA reconstruction error).")
    var noMultivariate = false

    @Option(parsing: .unconditional, help: "MMD permutations (the smallest p-value is 1/(permutations+1)).")
    var permutations: Int = 100

    @Option(parsing: .unconditional, help: "MMD kernel width: median (the median heuristic) or a number in standardized units.")
    var bandwidth: String = "median"

    @Option(name: .customLong("multivariate-sample"), parsing: .unconditional, help: "The most rows each side contributes to the multivariate tests (seeded sample).")
    var multivariateSample: Int = 2_000

    @Option(name: .customLong("max-categories"), parsing: .unconditional, help: "Categories kept per categorical feature in the multivariate encoding (CSV reference; a profile keeps its own).")
    var maxCategories: Int = 20

    @Option(name: .customLong("pca-variance"), parsing: .unconditional, help: "Share of variance the PCA components explain (CSV reference; a profile keeps its own).")
    var pcaVariance: Double = 0.65

    @Option(parsing: .unconditional, help: "Seeds the multivariate samples, permutations and bootstrap (default 24301 = 0x5EED, as profiles).")
    var seed: UInt64 = SplitMix64.defaultSeed

    /// Checks the options (called by the commands: `report --db` does not use these inputs).
    func validateInputs() throws {
        guard alpha > 0, alpha < 1 else { throw ValidationError("--alpha must be in (0, 1), got \(alpha)") }
        guard psiBins >= 2 else { throw ValidationError("--psi-bins must be at least 2, got \(psiBins)") }
        if let version, version < 1 { throw ValidationError("--version must be at least 1, got \(version)") }
        if let columns, splitList(columns).isEmpty { throw ValidationError("--columns is empty") }
        guard permutations >= 1 else { throw ValidationError("--permutations must be at least 1, got \(permutations)") }
        guard KernelBandwidth(parsing: bandwidth) != nil else {
            throw ValidationError("--bandwidth must be 'median' or a number above 0, got '\(bandwidth)'")
        }
        if let problem = multivariateSettings.optionProblem { throw ValidationError(problem) }
        guard minSamples >= 0 else { throw ValidationError("--min-samples must be at least 0, got \(minSamples)") }
        _ = try decidingTests()
        _ = try effectSizeGate()
        let expectedFiles = (profileDB == nil ? 1 : 0) + (productionSQLite == nil ? 1 : 0)
        guard files.count == expectedFiles else {
            switch (profileDB == nil, productionSQLite == nil) {
            case (true, true): throw ValidationError("give REFERENCE.csv and PRODUCTION.csv")
            case (false, true): throw ValidationError("with --profile-db give one file: PRODUCTION.csv")
            case (true, false): throw ValidationError("with --production-sqlite give one file: REFERENCE.csv (or use --profile-db)")
            case (false, false): throw ValidationError("with --profile-db and --production-sqlite give no files")
            }
        }
        if profileDB != nil, model == nil { throw ValidationError("--profile-db needs --model") }
        if profileDB == nil, model != nil || version != nil { throw ValidationError("--model and --version go with --profile-db") }
        if productionSQLite != nil {
            guard (table == nil) != (query == nil) else { throw ValidationError("--production-sqlite needs exactly one of --table or --query") }
            guard timestampColumn != nil else { throw ValidationError("--production-sqlite needs --timestamp-column") }
        } else if table != nil || query != nil || timestampColumn != nil || at != nil {
            throw ValidationError("--table, --query, --timestamp-column and --at go with --production-sqlite")
        }
    }

    /// Reads both sides and compares them; the report comes with each numeric feature's values
    /// and a description of the inputs (for `report`'s page).
    func compare() throws -> ComparedInputs {
        var options = ComparisonOptions()
        options.alpha = alpha
        options.psiBins = psiBins
        options.psiBinning = psiBinning
        options.correction = correction
        options.policy.minSamples = minSamples
        options.policy.decidingTests = try decidingTests()
        options.policy.effectSize = try effectSizeGate()
        options.multivariate = noMultivariate ? nil : multivariateSettings
        options.seed = seed
        let wanted = columns.map(splitList)
        let forced = Set(categorical.map(splitList) ?? [])

        let report: ComparisonReport
        var referenceName = files.first ?? ""
        var profileVersion: Int?
        var values: [String: FeatureValues] = [:]
        if let profileDB, let model {
            let store = try ProfileStore(path: profileDB, createIfMissing: false)
            var profile = try store.profile(model: model, version: version)
            if let wanted { profile = try Self.restrict(profile, to: wanted) }
            let production = try readProduction(kinds: profile.kinds, wanted: wanted ?? profile.features.map(\.name))
            report = try compareProfile(profile, production: production, options: options)
            referenceName = "profile \(profile.model) v\(profile.version) in \(profileDB)"
            profileVersion = profile.version
            values = ComparedInputs.numericValues(reference: profile.features.map { ($0.name, $0.sample) }, production: production)
        } else {
            let referencePath = files[0]
            if let wanted { try Self.checkColumns(wanted, in: [referencePath] + (productionSQLite == nil ? [files[1]] : [])) }
            let reference = try CSVTable.load(
                path: referencePath, columns: try presentColumns(wanted, in: referencePath), categorical: forced,
                trackRows: try tracked(referencePath))
            if productionSQLite != nil {
                let kinds = Dictionary(reference.columns.map { ($0.name, $0.kind) }, uniquingKeysWith: { first, _ in first })
                let production = try readProduction(kinds: kinds, wanted: reference.columns.map(\.name))
                report = try compareColumns(
                    reference: reference.columns, production: production, options: options,
                    sources: (reference.path, productionSQLite ?? "production"))
                values = ComparedInputs.numericValues(reference: reference.columns.map { ($0.name, $0.values) }, production: production)
            } else {
                let productionPath = files[1]
                let production = try CSVTable.load(
                    path: productionPath, columns: try presentColumns(wanted, in: productionPath), categorical: forced,
                    trackRows: try tracked(productionPath))
                report = try compareTables(reference: reference, production: production, options: options)
                values = ComparedInputs.numericValues(
                    reference: reference.columns.map { ($0.name, $0.values) }, production: production.columns)
            }
        }
        var compared = ComparedInputs(
            report: report, reference: referenceName, production: files.last ?? "", profileVersion: profileVersion, values: values)
        if let productionSQLite, let timestampColumn {
            compared.production = "\(productionSQLite), \(table.map { "table \($0)" } ?? "query"), timestamp column \(timestampColumn)"
            compared.window = try productionWindow()
        }
        return compared
    }

    /// `--test FEATURE=TEST` values, repeatable and comma-separated.
    private func decidingTests() throws -> [String: DriftTest] {
        var chosen: [String: DriftTest] = [:]
        for item in tests.flatMap(splitList) {
            let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty else {
                throw ValidationError("--test expects FEATURE=TEST, got '\(item)'")
            }
            guard let test = DriftTest(rawValue: parts[1]) else {
                let names = DriftTest.allCases.map(\.rawValue).joined(separator: ", ")
                throw ValidationError("--test \(parts[0]): '\(parts[1])' is not one of \(names)")
            }
            guard chosen.updateValue(test, forKey: parts[0]) == nil else {
                throw ValidationError("--test names \(parts[0]) twice")
            }
        }
        return chosen
    }

    /// `--effect-size psi=X,wasserstein_normalized=Y`, the YAML `effect_size:` block's keys.
    private func effectSizeGate() throws -> EffectSizeGate? {
        guard let effectSize else { return nil }
        var gate = EffectSizeGate()
        do {
            for item in splitList(effectSize) {
                let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2, let value = Double(parts[1]) else {
                    throw ValidationError("--effect-size expects psi=X and/or wasserstein_normalized=Y with X, Y >= 0, got '\(item)'")
                }
                try gate.set(parts[0], to: value)
            }
            try gate.validate()
        } catch ComparisonError.invalidPolicy(let reason) {
            throw ValidationError("--\(reason)")
        }
        return gate
    }

    /// Production columns: the SQLite window, or the production CSV read with the given kinds.
    private func readProduction(kinds: [String: ColumnKind], wanted: [String]) throws -> [ColumnSample] {
        let features = wanted.compactMap { name in kinds[name].map { (name: name, kind: $0) } }
        let trackRows = noMultivariate ? [] : Set(features.map(\.name))
        guard let productionSQLite, let timestampColumn else {
            let source = CSVProductionSource(path: files[files.count - 1])
            return try source.read(window: nil, features: features, trackRows: trackRows).columns
        }
        let timeWindow = try productionWindow()
        let source = SQLiteProductionSource(
            path: productionSQLite, source: table.map { .table($0) } ?? .query(query ?? ""),
            timestampColumn: timestampColumn)
        let sample = try source.read(window: timeWindow, features: features, trackRows: trackRows)
        if sample.rowCount == 0 {
            FileHandle.standardError.write(Data(
                "note: no production rows in [\(formatTimestamp(timeWindow.start)), \(formatTimestamp(timeWindow.end)))\n".utf8))
        }
        if sample.invalidTimestamps > 0 {
            FileHandle.standardError.write(Data("note: \(sample.invalidTimestamps) rows with unreadable timestamps were skipped\n".utf8))
        }
        return sample.columns
    }

    /// The production window `[at − window, at)` (`--at` defaults to now).
    private func productionWindow() throws -> TimeWindow {
        let end = try at.map(parseTimestamp) ?? Date()
        return try TimeWindow(end: end, duration: try parseDuration(window))
    }

    /// The profile limited to `--columns`; a name the profile lacks is a usage error.
    private static func restrict(_ profile: ReferenceProfile, to names: [String]) throws -> ReferenceProfile {
        do {
            return try profile.restricted(to: names, refitNote: "with --columns \(names.joined(separator: ","))")
        } catch ProfileError.unknownFeatures(_, _, let unknown) {
            throw ValidationError("--columns: the profile has no feature named \(unknown.joined(separator: ", "))")
        }
    }

    /// The multivariate knobs from the options.
    private var multivariateSettings: MultivariateSettings {
        var settings = MultivariateSettings()
        settings.sampleCap = multivariateSample
        settings.permutations = permutations
        settings.bandwidth = KernelBandwidth(parsing: bandwidth) ?? .medianHeuristic
        settings.maxCategories = maxCategories
        settings.varianceFraction = pcaVariance
        return settings
    }

    /// The columns of the CSV file at `path` to read with row tracking (all of them, unless
    /// the multivariate tests are off).
    private func tracked(_ path: String) throws -> Set<String> {
        noMultivariate ? [] : Set(try CSVTable.header(path: path))
    }

    /// The requested columns present in `path` (nil = all).
    private func presentColumns(_ wanted: [String]?, in path: String) throws -> [String]? {
        guard let wanted else { return nil }
        let header = try CSVTable.header(path: path)
        return wanted.filter(header.contains)
    }

    /// Every requested column must exist in at least one of the files.
    private static func checkColumns(_ wanted: [String], in paths: [String]) throws {
        var known: Set<String> = []
        for path in paths { known.formUnion(try CSVTable.header(path: path)) }
        let unknown = wanted.filter { !known.contains($0) }
        guard unknown.isEmpty else {
            throw ValidationError("--columns: no column named \(unknown.joined(separator: ", ")) in the input")
        }
    }
}

/// How `compare` and `profile show` print.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}

extension PSIBinning: ExpressibleByArgument {}
extension PValueCorrection: ExpressibleByArgument {}
