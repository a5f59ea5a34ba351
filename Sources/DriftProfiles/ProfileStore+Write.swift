import Foundation
import GRDB

extension ProfileStore {
    /// Stores a profile as the model's next version and makes it the active one.
    ///
    /// The version is one more than the model's highest stored version (1 for a new model);
    /// the profile's own `version` is ignored. Everything (the model row, the profile, its
    /// features and categories, its multivariate settings and reference or problem, the
    /// activation) is one `IMMEDIATE` transaction: another process
    /// sees the store before or after, never in between, and a crash leaves the previous state.
    ///
    /// ```swift
    /// let stored = try store.write(profile)
    /// stored.version                             // 1 for a new model, then 2, 3, …
    /// try store.activeVersion(model: stored.model)   // stored.version
    /// ```
    ///
    /// - Parameter profile: The profile to store.
    /// - Returns: The profile with its assigned version.
    /// - Throws: ``ProfileError/invalidArgument(name:reason:)`` for a profile that could not be
    ///   read back unchanged (empty model name, duplicate feature names, negative counts, an
    ///   unsorted or non-finite sample, an inconsistent summary, a multivariate reference that
    ///   does not fit its features or comes with a problem text);
    ///   ``ProfileError/database(path:message:)`` when SQLite fails (nothing is written then).
    /// - Complexity: O(total sample size + categories).
    public func write(_ profile: ReferenceProfile) throws -> ReferenceProfile {
        try ProfileStore.validateForWriting(profile)
        let encoded = try EncodedProfile(profile)
        return try wrappingErrors {
            try pool.writeWithoutTransaction { db in
                var version = 0
                try db.inTransaction(.immediate) {
                    version = try insert(encoded, db)
                    return .commit
                }
                return profile.withVersion(version)
            }
        }
    }

    /// Makes a stored version the model's active one (a rollback, or a roll forward again).
    ///
    /// This is a single `UPDATE` of the model row: no profile is rewritten.
    ///
    /// ```swift
    /// try store.activate(model: "churn", version: 1)
    /// try store.profile(model: "churn").version   // 1
    /// ```
    ///
    /// - Parameters:
    ///   - model: The model.
    ///   - version: A stored version of it.
    /// - Throws: ``ProfileError/unknownModel(path:model:known:)``,
    ///   ``ProfileError/unknownVersion(path:model:version:known:)`` listing the stored versions,
    ///   ``ProfileError/database(path:message:)``.
    /// - Complexity: O(log n) in the number of stored profiles.
    public func activate(model: String, version: Int) throws {
        try wrappingErrors {
            try pool.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    let modelRow = try modelRow(named: model, db)
                    let exists = try Int.fetchOne(
                        db, sql: "SELECT 1 FROM profile WHERE model_id = ? AND version = ?",
                        arguments: [modelRow.id, version]) != nil
                    guard exists else {
                        throw ProfileError.unknownVersion(
                            path: path, model: model, version: version,
                            known: try storedVersions(modelID: modelRow.id, model: model, db))
                    }
                    try db.execute(
                        sql: "UPDATE model SET active_version = ? WHERE id = ?", arguments: [version, modelRow.id])
                    return .commit
                }
            }
        }
    }

    /// Inserts an encoded profile as the next version of its model, inside the caller's transaction.
    ///
    /// - Returns: The assigned version.
    private func insert(_ encoded: EncodedProfile, _ db: Database) throws -> Int {
        let model = encoded.profile.model
        let modelID: Int64
        let version: Int
        if let existing = try Int64.fetchOne(db, sql: "SELECT id FROM model WHERE name = ?", arguments: [model]) {
            modelID = existing
            let highest = try storedVersions(modelID: Int(existing), model: model, db).last ?? 0
            version = highest + 1
            try db.execute(
                sql: "UPDATE model SET active_version = ? WHERE id = ?", arguments: [version, modelID])
        } else {
            version = 1
            // The foreign key to the profile is deferred: checked at commit, when it exists.
            try db.execute(sql: "INSERT INTO model (name, active_version) VALUES (?, ?)", arguments: [model, version])
            modelID = db.lastInsertedRowID
        }

        let profile = encoded.profile
        try db.execute(
            sql: """
                INSERT INTO profile (model_id, version, created_at, source_description, source_row_count,
                    content_hash, sample_cap, psi_bins, category_cap, seed, categorical_columns, feature_count)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                modelID, version, profile.createdAt.timeIntervalSinceReferenceDate,
                profile.source.description, profile.source.rowCount, profile.source.contentHash,
                profile.settings.sampleCap, profile.settings.psiBins, profile.settings.categoryCap,
                Int64(bitPattern: profile.settings.seed), encoded.categoricalColumns, profile.features.count,
            ])
        let profileID = db.lastInsertedRowID

        let insertFeature = try db.cachedStatement(
            sql: """
                INSERT INTO feature (profile_id, position, name, kind, row_count,
                    missing_empty, missing_nan, missing_infinite,
                    summary_count, summary_mean, summary_m2, summary_min, summary_max, summary_non_finite,
                    sample, sample_is_exact, psi_edges, psi_counts)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        let insertCategory = try db.cachedStatement(
            sql: "INSERT INTO category (feature_id, category, count) VALUES (?, ?, ?)")
        for (position, feature) in profile.features.enumerated() {
            let blobs = encoded.blobs[position]
            let summary = feature.summary
            try insertFeature.execute(arguments: [
                profileID, position, feature.name, feature.kind.rawValue, feature.rowCount,
                feature.missing.empty, feature.missing.notANumber, feature.missing.infinite,
                summary.count, summary.mean, summary.sumOfSquaredDeviations, summary.minimum, summary.maximum,
                summary.nonFiniteCount, blobs.sample, feature.sampleIsExact, blobs.psiEdges, blobs.psiCounts,
            ])
            let featureID = db.lastInsertedRowID
            for (category, count) in feature.categories {
                try insertCategory.execute(arguments: [featureID, category, count])
            }
        }
        try encoded.multivariate.insert(profileID: profileID, db)
        return version
    }
}

/// A profile with its arrays already encoded, so that the write transaction only inserts.
private struct EncodedProfile {
    /// The arrays of one feature.
    struct Blobs {
        let sample: Data
        let psiEdges: Data?
        let psiCounts: Data?
    }

    let profile: ReferenceProfile
    /// One entry per feature, in order.
    let blobs: [Blobs]
    /// The forced-categorical columns, as a sorted JSON array.
    let categoricalColumns: String
    /// The `profile_multivariate` row.
    let multivariate: EncodedMultivariate

    init(_ profile: ReferenceProfile) throws {
        self.profile = profile
        blobs = profile.features.map { feature in
            Blobs(
                sample: ArrayBlob.encode(feature.sample),
                psiEdges: feature.psiBins.map { ArrayBlob.encode($0.edges) },
                psiCounts: feature.psiBins.map { ArrayBlob.encode($0.referenceCounts) })
        }
        let json: Data
        do {
            json = try JSONEncoder().encode(profile.settings.categorical.sorted())
        } catch {
            throw ProfileError.invalidArgument(
                name: "settings.categorical", reason: "model \"\(profile.model)\": \(error.localizedDescription)")
        }
        categoricalColumns = String(decoding: json, as: UTF8.self)
        multivariate = try EncodedMultivariate(profile)
    }
}
