/// Errors that stop a whole comparison (per-test problems are ``TestOutcome/failed(_:)`` instead).
public enum ComparisonError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The two inputs share no column name.
    case noCommonColumns(reference: String, production: String)
    /// The multivariate tests need whole rows, and one side's were not available.
    case multivariateRowsUnavailable(side: String, reason: String)
    /// A drift policy knob is out of range, or a chosen test does not fit its feature.
    case invalidPolicy(String)

    /// A one-line description.
    public var description: String {
        switch self {
        case let .noCommonColumns(reference, production):
            return "\(reference) and \(production) have no column in common"
        case let .multivariateRowsUnavailable(side, reason):
            return "\(side): no rows for the multivariate tests (\(reason))"
        case let .invalidPolicy(reason):
            return reason
        }
    }
}
