import DriftStatistics
import DriftTables
import Foundation
import GRDB

extension ProfileStore {
    /// Reads a stored profile: the model's active version, or the version asked for.
    ///
    /// All reads of one call run in one read transaction (a WAL snapshot), so the profile is
    /// the one committed when the call started even while another process writes. Every stored
    /// field is validated: the arrays' BLOB headers, the summary (rebuilt with
    /// `SummaryStatistics(count:mean:sumOfSquaredDeviations:minimum:maximum:nonFiniteCount:)`),
    /// the PSI bins (`PSIBins(edges:referenceCounts:)`), the sample's order, the features'
    /// positions, and the multivariate reference (rebuilt through `MultivariateSample`,
    /// `Standardization`, `PCAModel` and `MultivariateReference`'s validating initializers). A
    /// profile stored before multivariate profiles existed reads back with `multivariate` nil,
    /// ``ReferenceProfile/builtBeforeMultivariate`` as its problem and
    /// ``ProfileSettings/multivariate`` false.
    ///
    /// ```swift
    /// let active = try store.profile(model: "churn")
    /// let first = try store.profile(model: "churn", version: 1)
    /// ```
    ///
    /// - Parameters:
    ///   - model: The model.
    ///   - version: The version, or `nil` (the default) for the active one.
    /// - Returns: The profile, bit-identical to the one written (with its assigned version).
    /// - Throws: ``ProfileError/unknownModel(path:model:known:)`` listing the stored models,
    ///   ``ProfileError/unknownVersion(path:model:version:known:)`` listing its versions,
    ///   ``ProfileError/corruptProfile(path:model:version:detail:)`` for a damaged field,
    ///   ``ProfileError/database(path:message:)``.
    /// - Complexity: O(total sample size + categories) of the profile.
    public func profile(model: String, version: Int? = nil) throws -> ReferenceProfile {
        try wrappingErrors {
            try pool.read { db in
                let modelRow = try modelRow(named: model, db)
                let wanted = version ?? modelRow.activeVersion
                let location = ProfileLocation(path: path, model: model, version: wanted)
                guard let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT id, created_at, source_description, source_row_count, content_hash,
                            sample_cap, psi_bins, category_cap, seed, categorical_columns, feature_count
                        FROM profile WHERE model_id = ? AND version = ?
                        """,
                    arguments: [modelRow.id, wanted])
                else {
                    throw ProfileError.unknownVersion(
                        path: path, model: model, version: wanted,
                        known: try storedVersions(modelID: modelRow.id, model: model, db))
                }
                let stored = StoredRow(row: row, table: "profile", location: location)
                let profileID = try stored.int("id")
                var settings = ProfileSettings()
                settings.sampleCap = try stored.int("sample_cap")
                settings.psiBins = try stored.int("psi_bins")
                settings.categoryCap = try stored.int("category_cap")
                settings.seed = try stored.uint64BitPattern("seed")
                settings.categorical = try decodeCategoricalColumns(stored.string("categorical_columns"), location)
                let source = ProfileSource(
                    description: try stored.string("source_description"),
                    rowCount: try stored.int("source_row_count"),
                    contentHash: try stored.string("content_hash"))
                let createdAt = Date(timeIntervalSinceReferenceDate: try stored.double("created_at"))
                let featureCount = try stored.int("feature_count")
                let features = try readFeatures(profileID: profileID, expected: featureCount, location, db)
                let multivariate = try EncodedMultivariate.read(profileID: profileID, location, db)
                if let multivariate {
                    settings.multivariate = multivariate.enabled
                    settings.multivariateSampleCap = multivariate.sampleCap
                    settings.multivariateMaxCategories = multivariate.maxCategories
                    settings.pcaVarianceFraction = multivariate.varianceFraction
                } else {
                    settings.multivariate = false  // stored before multivariate profiles existed
                }
                return ReferenceProfile(
                    model: model, version: wanted, createdAt: createdAt, source: source,
                    settings: settings, features: features, multivariate: multivariate?.reference,
                    multivariateProblem: multivariate.map(\.problem) ?? ReferenceProfile.builtBeforeMultivariate)
            }
        }
    }

    /// Every stored profile version, without features: models by name, each model's versions
    /// newest first.
    ///
    /// ```swift
    /// for listing in try store.list() where listing.isActive {
    ///     print(listing.model, listing.version)
    /// }
    /// ```
    ///
    /// - Returns: One listing per stored profile (empty for a new database).
    /// - Throws: ``ProfileError/corruptProfile(path:model:version:detail:)`` for a damaged row,
    ///   ``ProfileError/database(path:message:)``.
    /// - Complexity: O(number of stored profiles); no feature is read.
    public func list() throws -> [ProfileListing] {
        try wrappingErrors {
            try pool.read { db in
                let rows = try Row.fetchCursor(
                    db,
                    sql: """
                        SELECT m.name, p.version, p.created_at, p.version = m.active_version AS is_active,
                            p.source_description, p.source_row_count, p.content_hash, p.feature_count
                        FROM profile p JOIN model m ON m.id = p.model_id
                        ORDER BY m.name, p.version DESC
                        """)
                var listings: [ProfileListing] = []
                while let row = try rows.next() {
                    let model = try StoredRow(
                        row: row, table: "model", location: ProfileLocation(path: path, model: "", version: 0)
                    ).string("name")
                    let version = try StoredRow(
                        row: row, table: "profile", location: ProfileLocation(path: path, model: model, version: 0)
                    ).int("version")
                    let stored = StoredRow(
                        row: row, table: "profile", location: ProfileLocation(path: path, model: model, version: version))
                    listings.append(
                        ProfileListing(
                            model: model, version: version,
                            createdAt: Date(timeIntervalSinceReferenceDate: try stored.double("created_at")),
                            isActive: try stored.int("is_active") == 1,
                            source: ProfileSource(
                                description: try stored.string("source_description"),
                                rowCount: try stored.int("source_row_count"),
                                contentHash: try stored.string("content_hash")),
                            featureCount: try stored.int("feature_count")))
                }
                return listings
            }
        }
    }

    /// The stored versions of a model, ascending.
    ///
    /// ```swift
    /// try store.versions(model: "churn")   // [1, 2, 3]
    /// ```
    ///
    /// - Parameter model: The model.
    /// - Returns: Its versions, ascending (never empty).
    /// - Throws: ``ProfileError/unknownModel(path:model:known:)``,
    ///   ``ProfileError/database(path:message:)``.
    /// - Complexity: O(number of versions of the model).
    public func versions(model: String) throws -> [Int] {
        try wrappingErrors {
            try pool.read { db in
                try storedVersions(modelID: modelRow(named: model, db).id, model: model, db)
            }
        }
    }

    /// The model's active version, or `nil` when no profile was ever written for it.
    ///
    /// ```swift
    /// try store.activeVersion(model: "churn")     // Optional(2)
    /// try store.activeVersion(model: "unknown")   // nil
    /// ```
    ///
    /// - Parameter model: The model.
    /// - Returns: The active version, or `nil`.
    /// - Throws: ``ProfileError/database(path:message:)``,
    ///   ``ProfileError/corruptProfile(path:model:version:detail:)``.
    /// - Complexity: O(log n) in the number of models.
    public func activeVersion(model: String) throws -> Int? {
        try wrappingErrors {
            try pool.read { db in
                do {
                    return try modelRow(named: model, db).activeVersion
                } catch ProfileError.unknownModel {
                    return nil
                }
            }
        }
    }

    // MARK: - Rows

    /// The model row: its id and active version.
    ///
    /// - Throws: ``ProfileError/unknownModel(path:model:known:)`` listing the stored models.
    func modelRow(named model: String, _ db: Database) throws -> (id: Int, activeVersion: Int) {
        guard let row = try Row.fetchOne(
            db, sql: "SELECT id, active_version FROM model WHERE name = ?", arguments: [model])
        else {
            let known = try String.fetchAll(db, sql: "SELECT name FROM model ORDER BY name")
            throw ProfileError.unknownModel(path: path, model: model, known: known)
        }
        let stored = StoredRow(row: row, table: "model", location: ProfileLocation(path: path, model: model, version: 0))
        return (try stored.int("id"), try stored.int("active_version"))
    }

    /// The versions stored for a model, ascending.
    func storedVersions(modelID: Int, model: String, _ db: Database) throws -> [Int] {
        let rows = try Row.fetchCursor(
            db, sql: "SELECT version FROM profile WHERE model_id = ? ORDER BY version", arguments: [modelID])
        var versions: [Int] = []
        while let row = try rows.next() {
            let location = ProfileLocation(path: path, model: model, version: 0)
            versions.append(try StoredRow(row: row, table: "profile", location: location).int("version"))
        }
        return versions
    }

    /// The features of a profile, in position order, with their categories.
    private func readFeatures(
        profileID: Int, expected: Int, _ location: ProfileLocation, _ db: Database
    ) throws -> [FeatureProfile] {
        var categoriesByFeature: [Int: [String: Int]] = [:]
        let categoryRows = try Row.fetchCursor(
            db,
            sql: """
                SELECT c.feature_id, c.category, c.count
                FROM category c JOIN feature f ON f.id = c.feature_id
                WHERE f.profile_id = ?
                """,
            arguments: [profileID])
        while let row = try categoryRows.next() {
            let stored = StoredRow(row: row, table: "category", location: location)
            categoriesByFeature[try stored.int("feature_id"), default: [:]][try stored.string("category")] =
                try stored.int("count")
        }

        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT id, position, name, kind, row_count, missing_empty, missing_nan, missing_infinite,
                    summary_count, summary_mean, summary_m2, summary_min, summary_max, summary_non_finite,
                    sample, sample_is_exact, psi_edges, psi_counts
                FROM feature WHERE profile_id = ? ORDER BY position
                """,
            arguments: [profileID])
        var features: [FeatureProfile] = []
        features.reserveCapacity(max(0, min(expected, 100_000)))
        while let row = try rows.next() {
            let stored = StoredRow(row: row, table: "feature", location: location)
            let position = try stored.int("position")
            guard position == features.count else {
                throw location.corrupt("feature at position \(position) where position \(features.count) was expected")
            }
            let featureID = try stored.int("id")
            features.append(
                try readFeature(stored, categories: categoriesByFeature[featureID] ?? [:], location))
        }
        guard features.count == expected else {
            throw location.corrupt("\(features.count) features stored, the profile lists \(expected)")
        }
        return features
    }

    /// One feature from its row.
    private func readFeature(
        _ stored: StoredRow, categories: [String: Int], _ location: ProfileLocation
    ) throws -> FeatureProfile {
        let name = try stored.string("name")
        let what = "feature \"\(name)\""
        let kindText = try stored.string("kind")
        guard let kind = ColumnKind(rawValue: kindText) else {
            throw location.corrupt("\(what) has unknown kind \"\(kindText)\"")
        }
        let missing = MissingCounts(
            empty: try stored.int("missing_empty"), notANumber: try stored.int("missing_nan"),
            infinite: try stored.int("missing_infinite"))
        let summary: SummaryStatistics
        do {
            summary = try SummaryStatistics(
                count: try stored.int("summary_count"), mean: try stored.double("summary_mean"),
                sumOfSquaredDeviations: try stored.double("summary_m2"),
                minimum: try stored.double("summary_min"), maximum: try stored.double("summary_max"),
                nonFiniteCount: try stored.int("summary_non_finite"))
        } catch let error as StatisticsError {
            throw location.corrupt("\(what) summary: \(error)")
        }
        let sample = try ArrayBlob.decodeFloat64(stored.blob("sample"), field: "\(what) sample", at: location)
        if let problem = ProfileStore.sampleProblem(sample) {
            throw location.corrupt("\(what) sample \(problem)")
        }
        let exactFlag = try stored.int("sample_is_exact")
        guard exactFlag == 0 || exactFlag == 1 else {
            throw location.corrupt("\(what) sample_is_exact is \(exactFlag), expected 0 or 1")
        }
        let psiBins: PSIBins?
        switch (try stored.optionalBlob("psi_edges"), try stored.optionalBlob("psi_counts")) {
        case (nil, nil):
            psiBins = nil
        case let (edgesBlob?, countsBlob?):
            let edges = try ArrayBlob.decodeFloat64(edgesBlob, field: "\(what) PSI edges", at: location)
            let counts = try ArrayBlob.decodeInt(countsBlob, field: "\(what) PSI counts", at: location)
            do {
                psiBins = try PSIBins(edges: edges, referenceCounts: counts)
            } catch let error as StatisticsError {
                throw location.corrupt("\(what) PSI bins: \(error)")
            }
        default:
            throw location.corrupt("\(what) has PSI edges without counts or counts without edges")
        }
        return FeatureProfile(
            name: name, kind: kind, rowCount: try stored.int("row_count"), missing: missing,
            summary: summary, sample: sample, sampleIsExact: exactFlag == 1, psiBins: psiBins,
            categories: categories)
    }

    /// The forced-categorical column list from its JSON array.
    private func decodeCategoricalColumns(_ json: String, _ location: ProfileLocation) throws -> Set<String> {
        do {
            return Set(try JSONDecoder().decode([String].self, from: Data(json.utf8)))
        } catch {
            throw location.corrupt("profile.categorical_columns is not a JSON array of strings")
        }
    }
}
