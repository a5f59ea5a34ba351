import DriftHTML
import DriftReport
import DriftSources
import DriftTables

/// What `compare`'s inputs gave: the report, each numeric feature's values on both sides (for
/// `report`'s ECDF panels) and a description of the inputs.
struct ComparedInputs {
    /// The comparison.
    let report: ComparisonReport
    /// The reference: a CSV path or `profile NAME vN in DB`.
    var reference: String
    /// The production side: a CSV path or the SQLite source.
    var production: String
    /// The production window, for a SQLite source.
    var window: TimeWindow?
    /// The profile version compared against.
    var profileVersion: Int?
    /// Numeric features' values, by name.
    var values: [String: FeatureValues]

    init(report: ComparisonReport, reference: String, production: String, profileVersion: Int?, values: [String: FeatureValues]) {
        self.report = report
        self.reference = reference
        self.production = production
        self.profileVersion = profileVersion
        self.values = values
    }

    /// The values of every feature numeric on both sides.
    static func numericValues(reference: [(name: String, values: [Double])], production: [ColumnSample]) -> [String: FeatureValues] {
        let productionValues = Dictionary(
            production.filter { $0.kind == .numeric }.map { ($0.name, $0.values) }, uniquingKeysWith: { first, _ in first })
        var values: [String: FeatureValues] = [:]
        for (name, referenceValues) in reference where !referenceValues.isEmpty {
            if let other = productionValues[name] { values[name] = FeatureValues(reference: referenceValues, production: other) }
        }
        return values
    }
}
