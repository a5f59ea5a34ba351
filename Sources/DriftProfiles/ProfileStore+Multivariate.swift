import DriftMultivariate
import Foundation
import GRDB

/// A profile's `profile_multivariate` row (see `ProfileSchema.createMultivariateTable`),
/// encoded before the write transaction and decoded, with every part validated, on reading.
///
/// ```swift
/// let encoded = try EncodedMultivariate(profile)
/// try encoded.insert(profileID: id, db)                     // inside the write transaction
/// let part = try EncodedMultivariate.read(profileID: id, location, db)
/// ```
struct EncodedMultivariate: Sendable {
    /// The encoded reference: JSON texts and ``ArrayBlob`` BLOBs.
    struct Reference: Sendable {
        let featureNames: String
        let featureKinds: String
        let categories: String
        let sampleRows: Int
        let completeRows: Int
        let droppedRows: Int
        let numericSample: Data
        let categoricalSample: String
        let means: Data
        let scales: Data
        let componentCount: Int
        let components: Data
        let explainedVarianceRatio: Data
    }

    /// A decoded row: the settings it stored and the reference or the problem.
    struct Decoded: Sendable {
        let enabled: Bool
        let sampleCap: Int
        let maxCategories: Int
        let varianceFraction: Double
        let reference: MultivariateReference?
        let problem: String?
    }

    let enabled: Bool
    let sampleCap: Int
    let maxCategories: Int
    let varianceFraction: Double
    let problem: String?
    let reference: Reference?

    /// Encodes the multivariate settings and part of `profile`.
    ///
    /// - Throws: ``ProfileError/invalidArgument(name:reason:)`` when a JSON text cannot be made.
    /// - Complexity: O(sample rows · features).
    init(_ profile: ReferenceProfile) throws {
        let settings = profile.settings
        enabled = settings.multivariate
        sampleCap = settings.multivariateSampleCap
        maxCategories = settings.multivariateMaxCategories
        varianceFraction = settings.pcaVarianceFraction
        problem = profile.multivariateProblem
        reference = try profile.multivariate.map { try Self.encode($0, model: profile.model) }
    }

    private static func encode(_ reference: MultivariateReference, model: String) throws -> Reference {
        let sample = reference.sample
        var numeric: [Double] = []
        var categorical: [[String]] = []
        for column in sample.columns {
            switch column {
            case .numeric(let values): numeric += values
            case .categorical(let labels): categorical.append(labels)
            }
        }
        let pca = reference.model
        func json<T: Encodable>(_ value: T, _ what: String) throws -> String {
            do {
                return String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
            } catch {
                throw ProfileError.invalidArgument(
                    name: "multivariate", reason: "model \"\(model)\" \(what): \(error.localizedDescription)")
            }
        }
        return Reference(
            featureNames: try json(sample.names, "feature names"),
            featureKinds: try json(sample.columns.map { $0.isCategorical ? "categorical" : "numeric" }, "feature kinds"),
            categories: try json(reference.encoding.features.map(\.categories), "categories"),
            sampleRows: sample.rowCount, completeRows: sample.completeRows, droppedRows: sample.droppedRows,
            numericSample: ArrayBlob.encode(numeric),
            categoricalSample: try json(categorical, "categorical sample"),
            means: ArrayBlob.encode(pca.standardization.means),
            scales: ArrayBlob.encode(pca.standardization.scales),
            componentCount: pca.componentCount,
            components: ArrayBlob.encode(pca.components.elements),
            explainedVarianceRatio: ArrayBlob.encode(pca.explainedVarianceRatio))
    }

    /// Inserts the row of profile `profileID`, inside the caller's transaction.
    ///
    /// - Throws: The SQLite error.
    func insert(profileID: Int64, _ db: Database) throws {
        let r = reference
        let arguments: [(any DatabaseValueConvertible)?] = [
            profileID, enabled, sampleCap, maxCategories, varianceFraction, problem,
            r?.featureNames, r?.featureKinds, r?.categories, r?.sampleRows, r?.completeRows, r?.droppedRows,
            r?.numericSample, r?.categoricalSample, r?.means, r?.scales, r?.componentCount, r?.components,
            r?.explainedVarianceRatio,
        ]
        try db.execute(
            sql: """
                INSERT INTO profile_multivariate (profile_id, enabled, sample_cap, max_categories, variance_fraction,
                    problem, feature_names, feature_kinds, categories, sample_rows, complete_rows, dropped_rows,
                    numeric_sample, categorical_sample, means, scales, component_count, components,
                    explained_variance_ratio)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: StatementArguments(arguments))
    }

    /// Reads and validates the row of profile `profileID`.
    ///
    /// - Returns: The decoded row, or `nil` when the profile has none (written before
    ///   `"v3-multivariate"`).
    /// - Throws: ``ProfileError/corruptProfile(path:model:version:detail:)`` naming the field.
    static func read(profileID: Int, _ location: ProfileLocation, _ db: Database) throws -> Decoded? {
        guard let row = try Row.fetchOne(
            db, sql: "SELECT * FROM profile_multivariate WHERE profile_id = ?", arguments: [profileID])
        else { return nil }
        let stored = StoredRow(row: row, table: "profile_multivariate", location: location)
        let enabled = try stored.int("enabled")
        guard enabled == 0 || enabled == 1 else {
            throw location.corrupt("profile_multivariate.enabled is \(enabled), expected 0 or 1")
        }
        let problem = try stored.optionalString("problem")
        var reference: MultivariateReference?
        if let names = try stored.optionalString("feature_names") {
            let encoded = Reference(
                featureNames: names, featureKinds: try stored.string("feature_kinds"),
                categories: try stored.string("categories"), sampleRows: try stored.int("sample_rows"),
                completeRows: try stored.int("complete_rows"), droppedRows: try stored.int("dropped_rows"),
                numericSample: try stored.blob("numeric_sample"),
                categoricalSample: try stored.string("categorical_sample"),
                means: try stored.blob("means"), scales: try stored.blob("scales"),
                componentCount: try stored.int("component_count"), components: try stored.blob("components"),
                explainedVarianceRatio: try stored.blob("explained_variance_ratio"))
            reference = try decode(encoded, location)
        }
        guard reference == nil || problem == nil else {
            throw location.corrupt("profile_multivariate has both a reference and a problem")
        }
        return Decoded(
            enabled: enabled == 1, sampleCap: try stored.int("sample_cap"),
            maxCategories: try stored.int("max_categories"), varianceFraction: try stored.double("variance_fraction"),
            reference: reference, problem: problem)
    }

    /// Rebuilds a reference from its encoded parts through the validating initializers.
    ///
    /// - Throws: ``ProfileError/corruptProfile(path:model:version:detail:)``.
    /// - Complexity: O(sample rows · features + k · d).
    static func decode(_ encoded: Reference, _ location: ProfileLocation) throws -> MultivariateReference {
        let what = "multivariate reference"
        func json<T: Decodable>(_ type: T.Type, _ text: String, _ field: String) throws -> T {
            do {
                return try JSONDecoder().decode(type, from: Data(text.utf8))
            } catch {
                throw location.corrupt("\(what) \(field) is not the expected JSON")
            }
        }
        let names = try json([String].self, encoded.featureNames, "feature names")
        let kinds = try json([String].self, encoded.featureKinds, "feature kinds")
        let categories = try json([[String]?].self, encoded.categories, "categories")
        let labels = try json([[String]].self, encoded.categoricalSample, "categorical sample")
        guard kinds.count == names.count, categories.count == names.count else {
            throw location.corrupt(
                "\(what) has \(names.count) feature names, \(kinds.count) kinds and \(categories.count) category lists")
        }
        guard !names.isEmpty else { throw location.corrupt("\(what) has no features") }
        let rows = encoded.sampleRows
        let numeric = try ArrayBlob.decodeFloat64(encoded.numericSample, field: "\(what) numeric sample", at: location)
        let numericCount = kinds.filter { $0 == "numeric" }.count
        guard numeric.count == numericCount * rows, labels.count == kinds.count - numericCount,
              labels.allSatisfy({ $0.count == rows }) else {
            throw location.corrupt(
                "\(what) sample holds \(numeric.count) numbers and \(labels.map(\.count)) labels, expected \(rows) rows of \(numericCount) numeric and \(kinds.count - numericCount) categorical features")
        }
        var columns: [MultivariateColumn] = []
        var nextNumeric = 0
        var nextLabels = labels.makeIterator()
        for kind in kinds {
            switch kind {
            case "numeric":
                columns.append(.numeric(Array(numeric[nextNumeric ..< nextNumeric + rows])))
                nextNumeric += rows
            case "categorical":
                columns.append(.categorical(nextLabels.next() ?? []))
            default:
                throw location.corrupt("\(what) has unknown feature kind \"\(kind)\"")
            }
        }
        let decodeArray = { (data: Data, field: String) in
            try ArrayBlob.decodeFloat64(data, field: "\(what) \(field)", at: location)
        }
        let means = try decodeArray(encoded.means, "means")
        let scales = try decodeArray(encoded.scales, "scales")
        let elements = try decodeArray(encoded.components, "components")
        let ratios = try decodeArray(encoded.explainedVarianceRatio, "explained variance ratio")
        let k = encoded.componentCount
        guard k >= 1, elements.count % k == 0 else {
            throw location.corrupt("\(what) has \(elements.count) component values for \(k) components")
        }
        guard elements.allSatisfy(\.isFinite), ratios.allSatisfy(\.isFinite) else {
            throw location.corrupt("\(what) PCA model holds a value that is not finite")
        }
        do {
            let sample = try MultivariateSample(
                names: names, columns: columns, completeRows: encoded.completeRows, droppedRows: encoded.droppedRows)
            let encoding = OneHotEncoding(features: zip(names, categories).map {
                OneHotEncoding.Feature(name: $0, categories: $1)
            })
            let model = try PCAModel(
                standardization: try Standardization(means: means, scales: scales),
                components: try Matrix(rows: k, columns: elements.count / k, elements: elements),
                explainedVarianceRatio: ratios)
            return try MultivariateReference(sample: sample, encoding: encoding, model: model)
        } catch let error as MultivariateError {
            throw location.corrupt("\(what): \(error)")
        }
    }
}

extension ProfileStore {
    /// Checks that the multivariate part of a profile can be written and will read back equal:
    /// not both a reference and a problem; settings the table accepts; a reference over
    /// distinct profile features with their kinds, that survives its own encoding.
    ///
    /// - Throws: ``ProfileError/invalidArgument(name:reason:)`` naming the model.
    /// - Complexity: O(sample rows · features).
    static func validateMultivariateForWriting(_ profile: ReferenceProfile) throws {
        let what = "model \"\(profile.model)\""
        func fail(_ reason: String) -> ProfileError { .invalidArgument(name: "multivariate", reason: "\(what): \(reason)") }
        let settings = profile.settings
        guard settings.multivariateSampleCap >= 1, settings.multivariateMaxCategories >= 1,
              settings.pcaVarianceFraction.isFinite else {
            throw fail("settings out of range (sample cap \(settings.multivariateSampleCap), max categories \(settings.multivariateMaxCategories), PCA variance \(settings.pcaVarianceFraction))")
        }
        guard let reference = profile.multivariate else { return }
        guard profile.multivariateProblem == nil else { throw fail("has both a reference and a problem") }
        for (name, column) in zip(reference.sample.names, reference.sample.columns) {
            guard let feature = profile.feature(named: name) else { throw fail("feature \"\(name)\" is not in the profile") }
            guard (feature.kind == .categorical) == column.isCategorical else {
                throw fail("feature \"\(name)\" is \(feature.kind.rawValue) in the profile but not in the reference")
            }
        }
        let encoded = try EncodedMultivariate(profile)
        let location = ProfileLocation(path: "", model: profile.model, version: profile.version)
        let decoded: MultivariateReference
        do {
            decoded = try decode(encodedReference: encoded, location)
        } catch let ProfileError.corruptProfile(_, _, _, detail) {
            throw fail(detail)
        }
        guard decoded == reference else { throw fail("it would not read back equal (a count or value disagrees with the columns)") }
    }

    private static func decode(encodedReference encoded: EncodedMultivariate, _ location: ProfileLocation) throws -> MultivariateReference {
        guard let reference = encoded.reference else { throw location.corrupt("no reference") }
        return try EncodedMultivariate.decode(reference, location)
    }
}
