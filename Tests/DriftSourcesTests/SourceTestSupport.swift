import DriftTestSupport

/// Fixture paths for the production-source tests.
enum SourceTestSupport {
    static var predictions: String { fixturePath("production/predictions.db") }
    static var churnDrifted: String { fixturePath("churn/production-drifted.csv") }
}
