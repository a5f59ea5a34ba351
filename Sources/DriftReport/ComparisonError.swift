/// Errors that stop a whole comparison (per-test problems are ``TestOutcome/failed(_:)`` instead).
public enum ComparisonError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The two inputs share no column name.
    case noCommonColumns(reference: String, production: String)

    /// A one-line description.
    public var description: String {
        switch self {
        case let .noCommonColumns(reference, production):
            return "\(reference) and \(production) have no column in common"
        }
    }
}
