/// How the features of a ``MultivariateSample`` become the numeric columns the tests work on:
/// a numeric feature is one column; a categorical feature is one indicator column per kept
/// category plus an `__other__` column for every other label (those beyond the cap in the
/// reference, and labels the reference never had).
///
/// ```swift
/// let encoding = try OneHotEncoding.fit(referenceSample, maxCategories: 20)
/// encoding.columnNames        // ["age", "plan=monthly", "plan=yearly", "plan=__other__"]
/// let x = try encoding.encode(referenceSample)
/// let y = try encoding.encode(productionSample)
/// ```
public struct OneHotEncoding: Sendable, Hashable, Codable {
    /// One feature's encoding.
    public struct Feature: Sendable, Hashable, Codable {
        /// The feature name.
        public var name: String
        /// The kept categories of a categorical feature, nil for a numeric feature.
        public var categories: [String]?

        /// A feature encoding.
        ///
        /// - Parameters:
        ///   - name: The feature name.
        ///   - categories: The kept categories, or nil for a numeric feature.
        public init(name: String, categories: [String]?) {
            self.name = name
            self.categories = categories
        }
    }

    /// The label of the indicator column for every category that is not kept, and of the
    /// category a reference profile pools its uncommon categories into (`FeatureProfile`
    /// refers to this one definition).
    public static let otherCategory = "__other__"

    /// The features, in the samples' order.
    public var features: [Feature]

    /// An encoding from its features.
    ///
    /// - Parameter features: The features' encodings.
    public init(features: [Feature]) {
        self.features = features
    }

    /// The encoded column names: `name` for a numeric feature, `name=category` for each
    /// indicator.
    public var columnNames: [String] {
        features.flatMap { feature -> [String] in
            guard let categories = feature.categories else { return [feature.name] }
            return (categories + [Self.otherCategory]).map { "\(feature.name)=\($0)" }
        }
    }

    /// Keeps, for each categorical feature, its `maxCategories` most frequent labels in
    /// `reference` (ties by label), in that order.
    ///
    /// - Parameters:
    ///   - reference: The reference sample.
    ///   - maxCategories: The most categories kept per feature (≥ 1).
    /// - Returns: The encoding.
    /// - Throws: ``MultivariateError/invalidArgument(name:reason:)`` for a cap below 1.
    /// - Complexity: O(rows · features + categories · log categories).
    public static func fit(_ reference: MultivariateSample, maxCategories: Int) throws -> OneHotEncoding {
        guard maxCategories >= 1 else {
            throw MultivariateError.invalidArgument(name: "maxCategories", reason: "\(maxCategories) is below 1")
        }
        let features = zip(reference.names, reference.columns).map { name, column -> Feature in
            guard case .categorical(let labels) = column else { return Feature(name: name, categories: nil) }
            var counts: [String: Int] = [:]
            for label in labels { counts[label, default: 0] += 1 }
            let ranked = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            return Feature(name: name, categories: ranked.prefix(maxCategories).map(\.key))
        }
        return OneHotEncoding(features: features)
    }

    /// The encoded rows of `sample`.
    ///
    /// - Parameter sample: A sample with the encoding's features, in order, of the same kinds.
    /// - Returns: A `rows × columnNames.count` matrix.
    /// - Throws: ``MultivariateError/featureMismatch(reason:)`` when names or kinds differ.
    /// - Complexity: O(rows · encoded columns).
    public func encode(_ sample: MultivariateSample) throws -> Matrix {
        guard sample.names == features.map(\.name) else {
            throw MultivariateError.featureMismatch(
                reason: "sample has [\(sample.names.joined(separator: ", "))], the encoding [\(features.map(\.name).joined(separator: ", "))]")
        }
        let width = features.reduce(0) { $0 + ($1.categories.map { $0.count + 1 } ?? 1) }
        var matrix = Matrix(zeros: sample.rowCount, width)
        var offset = 0
        for (feature, column) in zip(features, sample.columns) {
            switch (column, feature.categories) {
            case (.numeric(let values), nil):
                for row in values.indices { matrix.elements[row * width + offset] = values[row] }
                offset += 1
            case (.categorical(let labels), let categories?):
                var position: [String: Int] = [:]
                for (index, category) in categories.enumerated() { position[category] = index }
                for row in labels.indices {
                    matrix.elements[row * width + offset + (position[labels[row]] ?? categories.count)] = 1
                }
                offset += categories.count + 1
            default:
                throw MultivariateError.featureMismatch(
                    reason: "\"\(feature.name)\" is \(column.isCategorical ? "categorical" : "numeric") in the sample, \(feature.categories == nil ? "numeric" : "categorical") in the reference")
            }
        }
        return matrix
    }
}
