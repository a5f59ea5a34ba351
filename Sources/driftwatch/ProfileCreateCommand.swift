import ArgumentParser
import DriftMultivariate
import DriftProfiles
import DriftSources
import DriftStatistics
import Foundation

/// `driftwatch profile create`: builds a reference profile by streaming a CSV file or a SQLite
/// table/query and stores it as the model's new active version.
struct ProfileCreateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Build a reference profile from a CSV file or a SQLite table or query and store it.",
        discussion: """
            The input is streamed: memory is bounded by --sample-cap, the category cap and \
            --multivariate-sample, not by the input size. The new version becomes the model's active \
            version. Unless --no-multivariate, one more pass keeps a seeded sample of complete rows \
            over all profiled features and fits its PCA model; when that cannot be fitted (fewer \
            than 4 complete rows, no variance) the profile is still written and says why.
            """
    )

    @Option(help: "The profile database (SQLite; created if missing).")
    var db: String

    @Option(help: "The model the profile belongs to.")
    var model: String

    @Option(help: "Reference data as a CSV file with a header row.")
    var csv: String?

    @Option(help: "Reference data from this SQLite database (with --table or --query).")
    var sqlite: String?

    @Option(help: "The SQLite table to read.")
    var table: String?

    @Option(help: "A SELECT statement to read instead of a table.")
    var query: String?

    @Option(help: "Comma-separated columns to profile (default: all).")
    var columns: String?

    @Option(help: "Comma-separated columns to treat as categorical even if they hold numbers.")
    var categorical: String?

    @Option(name: .customLong("sample-cap"), parsing: .unconditional, help: "Values kept per numeric feature; above it a seeded reservoir sample.")
    var sampleCap: Int = 100_000

    @Option(parsing: .unconditional, help: "PSI quantile bins per numeric feature.")
    var bins: Int = 10

    @Option(name: .customLong("category-cap"), parsing: .unconditional, help: "Distinct categories kept per feature; the rest pool as __other__.")
    var categoryCap: Int = 1_000

    @Option(parsing: .unconditional, help: "Seed of the reservoir samplers (per feature and multivariate).")
    var seed: UInt64 = SplitMix64.defaultSeed

    @Option(name: .customLong("multivariate-sample"),
            parsing: .unconditional, help: "Complete rows kept in the multivariate reference sample (4...50000); above it a seeded reservoir sample.")
    var multivariateSample: Int = 2_000

    @Flag(name: .customLong("no-multivariate"), help: "Do not build the multivariate reference (sample and PCA model).")
    var noMultivariate = false

    @Option(name: .customLong("max-categories"),
            parsing: .unconditional, help: "Categories kept per categorical feature in the multivariate one-hot encoding; the rest share __other__.")
    var maxCategories: Int = 20

    @Option(name: .customLong("pca-variance"),
            parsing: .unconditional, help: "Share of the standardized variance the kept PCA components explain, in (0, 1).")
    var pcaVariance: Double = 0.65

    func validate() throws {
        guard (csv == nil) != (sqlite == nil) else { throw ValidationError("give exactly one of --csv or --sqlite") }
        if sqlite != nil {
            guard (table == nil) != (query == nil) else { throw ValidationError("--sqlite needs exactly one of --table or --query") }
        } else if table != nil || query != nil {
            throw ValidationError("--table and --query go with --sqlite")
        }
        guard !model.isEmpty else { throw ValidationError("--model is empty") }
        guard sampleCap >= 1 else { throw ValidationError("--sample-cap must be at least 1, got \(sampleCap)") }
        guard bins >= 2 else { throw ValidationError("--bins must be at least 2, got \(bins)") }
        guard categoryCap >= 1 else { throw ValidationError("--category-cap must be at least 1, got \(categoryCap)") }
        var multivariate = MultivariateSettings()
        (multivariate.sampleCap, multivariate.maxCategories, multivariate.varianceFraction) = (multivariateSample, maxCategories, pcaVariance)
        if let problem = multivariate.optionProblem { throw ValidationError(problem) }
    }

    func run() throws {
        var settings = ProfileSettings()
        settings.sampleCap = sampleCap
        settings.psiBins = bins
        settings.categoryCap = categoryCap
        settings.seed = seed
        settings.categorical = Set(categorical.map(splitList) ?? [])
        settings.multivariate = !noMultivariate
        settings.multivariateSampleCap = multivariateSample
        settings.multivariateMaxCategories = maxCategories
        settings.pcaVarianceFraction = pcaVariance
        let wanted = columns.map(splitList)
        let built: ReferenceProfile
        if let csv {
            built = try ProfileBuilder.fromCSV(path: csv, model: model, columns: wanted, settings: settings)
        } else if let sqlite {
            let source: SQLiteSource = table.map { .table($0) } ?? .query(query ?? "")
            built = try ProfileBuilder.fromSQLite(path: sqlite, source: source, model: model, columns: wanted, settings: settings)
        } else {
            throw ValidationError("give exactly one of --csv or --sqlite")
        }
        let store = try ProfileStore(path: db)
        let written = try store.write(built)
        print(profileSummary(written))
    }
}

/// A few lines describing a written profile: version, source, feature kinds, sampling, the
/// multivariate reference.
func profileSummary(_ profile: ReferenceProfile) -> String {
    let numeric = profile.features.filter { $0.kind == .numeric }
    let sampled = numeric.filter { !$0.sampleIsExact }.map(\.name)
    var lines = [
        "\(profile.model): wrote version \(profile.version) (now active)",
        "  source:   \(profile.source.description), \(profile.source.rowCount) rows, \(profile.source.contentHash)",
        "  features: \(profile.features.count) (\(numeric.count) numeric, \(profile.features.count - numeric.count) categorical)",
    ]
    if sampled.isEmpty {
        lines.append("  samples:  exact (every value kept, cap \(profile.settings.sampleCap))")
    } else {
        lines.append("  samples:  reservoir of \(profile.settings.sampleCap) for \(sampled.joined(separator: ", ")); exact for the rest")
    }
    let missing = profile.features.filter { $0.missing.total > 0 }
    if !missing.isEmpty {
        lines.append("  missing:  " + missing.map { "\($0.name) \($0.missing.total)" }.joined(separator: ", "))
    }
    lines.append("  multivariate: " + multivariateSummary(profile))
    return lines.joined(separator: "\n")
}
