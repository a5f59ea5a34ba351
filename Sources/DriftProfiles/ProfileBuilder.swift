import Foundation
import DriftMultivariate
import DriftStatistics
import DriftTables

/// Builds a ``ReferenceProfile`` from a CSV file or a SQLite table or query by streaming it:
/// peak memory is bounded by ``ProfileSettings/sampleCap`` and
/// ``ProfileSettings/categoryCap`` per feature, never by the number of rows.
///
/// ```swift
/// var settings = ProfileSettings()
/// settings.categorical = ["zip_code"]
/// let profile = try ProfileBuilder.fromCSV(path: "reference.csv", model: "churn", settings: settings)
/// let version = try store.write(profile).version
/// ```
///
/// Per feature (see `FeatureProfileBuilder`): the kind is inferred as in `CSVTable.load`
/// (numeric unless a non-empty cell is not a number, or forced by
/// ``ProfileSettings/categorical``); numeric features keep a Welford summary, the missing
/// counts, and a sorted sample that is every finite value up to the cap (so tests on it equal
/// tests on the raw column bit for bit) and above it a seeded uniform reservoir sample
/// (Algorithm L, seeded by ``ProfileSettings/seed`` and the feature name). PSI bin edges are the
/// sample's quantiles; when the sample is a reservoir the reference counts come from a second
/// streaming pass over every value, so they are exact. A column that turns categorical after
/// numbers is re-read in that second pass so its category counts are exact. Constant or
/// empty numeric features have no PSI bins.
///
/// Then, once every kind is final and unless ``ProfileSettings/multivariate`` is off, one more
/// pass feeds every data row, in source order, to a seeded sample of at most
/// ``ProfileSettings/multivariateSampleCap`` complete rows over all profiled features (seed
/// ``ProfileSettings/seed``), and the PCA model is fitted on it
/// (``ReferenceProfile/multivariate``). The build never fails for that part: a sample that
/// cannot be fitted (fewer than 4 complete rows, no variance) is recorded as
/// ``ReferenceProfile/multivariateProblem``.
///
/// The multivariate pass reads each cell exactly as `ColumnSampleBuilder` reads it with the
/// feature's final kind, so a comparison that derives the sample from tables read by
/// `ColumnSampleBuilder` (with the profile's kinds and seed) keeps the same rows. A row with
/// any missing cell is dropped (counted in `droppedRows`):
///
/// | source value | numeric feature | categorical feature |
/// | --- | --- | --- |
/// | CSV cell of spaces/tabs only, SQL NULL | missing | missing |
/// | `parseDecimal` finite | the number | the raw cell text |
/// | `nan`, `inf` (text), non-finite REAL | missing | missing |
/// | other text | missing | the raw cell text |
/// | INTEGER | the number | its digits (`"3"`) |
/// | finite REAL | the number | Swift's shortest form (`"2.5"`) |
/// | BLOB | missing | `"<blob>"` |
///
///
/// Errors: a CSV file that cannot be read or parsed surfaces as DriftTables' `TableError`
/// unchanged (it already names the file and line); everything else is a ``ProfileError``.
public enum ProfileBuilder {
    /// Checks the model name and the caps before anything is read.
    static func validate(model: String, columns: [String]?, settings: ProfileSettings) throws {
        guard !model.isEmpty else {
            throw ProfileError.invalidArgument(name: "model", reason: "the model name is empty")
        }
        guard settings.sampleCap >= 1 else {
            throw ProfileError.invalidArgument(name: "sampleCap", reason: "\(settings.sampleCap) is below 1")
        }
        guard settings.categoryCap >= 1 else {
            throw ProfileError.invalidArgument(name: "categoryCap", reason: "\(settings.categoryCap) is below 1")
        }
        guard settings.psiBins >= 1 else {
            throw ProfileError.invalidArgument(name: "psiBins", reason: "\(settings.psiBins) is below 1")
        }
        if let columns, columns.isEmpty {
            throw ProfileError.invalidArgument(name: "columns", reason: "the list is empty (pass nil for all columns)")
        }
        try validateMultivariate(settings)
    }

    /// The positions of the profiled columns in `available`, in source order.
    ///
    /// - Throws: ``ProfileError/invalidSource(description:reason:)`` for a requested or
    ///   forced-categorical column the source does not have, and for a column name that appears
    ///   twice among the profiled columns.
    static func selectColumns(
        available: [String], wanted: [String]?, settings: ProfileSettings, description: String
    ) throws -> [Int] {
        let known = Set(available)
        let unknown = (wanted ?? []).filter { !known.contains($0) }
            + settings.categorical.sorted().filter { !known.contains($0) }
        guard unknown.isEmpty else {
            let names = unknown.map { "\"\($0)\"" }.joined(separator: ", ")
            throw ProfileError.invalidSource(
                description: description, reason: "no column named \(names) (names are case-sensitive)")
        }
        let wantedSet = wanted.map(Set.init)
        let selected = available.indices.filter { wantedSet?.contains(available[$0]) ?? true }
        var seen: Set<String> = []
        for index in selected where !seen.insert(available[index]).inserted {
            throw ProfileError.invalidSource(
                description: description, reason: "column \"\(available[index])\" appears twice")
        }
        return selected
    }

    /// Turns the finished builders and the multivariate sample into a profile (fitting the
    /// multivariate reference, or recording why there is none).
    static func assemble(
        model: String, createdAt: Date, settings: ProfileSettings, source: ProfileSource,
        builders: [FeatureProfileBuilder], multivariate: MultivariateSampleBuilder?
    ) throws -> ReferenceProfile {
        let features = try builders.map { try $0.build() }
        let (reference, problem) = fitMultivariate(multivariate, settings: settings)
        return ReferenceProfile(
            model: model, version: 0, createdAt: createdAt, source: source, settings: settings,
            features: features, multivariate: reference, multivariateProblem: problem)
    }

    /// After pass 1: replaces every builder that turned categorical after numbers by a fresh
    /// categorical one and ends sampling for the others.
    ///
    /// - Returns: The builders to feed in pass 2 (rescans and reservoir PSI counts).
    static func finishFirstPass(
        _ builders: inout [FeatureProfileBuilder], settings: ProfileSettings
    ) throws -> [Int] {
        var secondPass: [Int] = []
        for slot in builders.indices {
            if builders[slot].needsRescan {
                builders[slot] = FeatureProfileBuilder(
                    name: builders[slot].name, settings: settings, kind: .categorical)
                secondPass.append(slot)
            } else if try builders[slot].finishSampling() {
                secondPass.append(slot)
            }
        }
        return secondPass
    }

    /// After pass 2: ends sampling of the rescanned (now categorical) builders.
    static func finishSecondPass(_ builders: inout [FeatureProfileBuilder], slots: [Int]) throws {
        for slot in slots {
            _ = try builders[slot].finishSampling()
        }
    }
}
