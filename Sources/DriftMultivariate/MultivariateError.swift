/// Why a multivariate test could not run. Every case names what is wrong in one line.
///
/// ```swift
/// do {
///     _ = try maximumMeanDiscrepancy(reference: x, production: y, seed: 1)
/// } catch let error as MultivariateError {
///     print(error)   // "production: 1 row; the test needs at least 2"
/// }
/// ```
public enum MultivariateError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An argument is out of its range or inconsistent with another.
    case invalidArgument(name: String, reason: String)
    /// A sample has too few complete rows for the test.
    case tooFewRows(sample: String, rows: Int, needed: Int)
    /// The reference has no variance in any encoded column: there is nothing to model.
    case noVariance(sample: String)
    /// A sample's columns do not match what the reference model was fitted on.
    case featureMismatch(reason: String)
    /// LAPACK reported a failure (the `info` code of the routine).
    case lapackFailure(routine: String, info: Int32)

    /// The one-line message.
    public var description: String {
        switch self {
        case let .invalidArgument(name, reason):
            return "\(name): \(reason)"
        case let .tooFewRows(sample, rows, needed):
            return "\(sample): \(rows) complete row\(rows == 1 ? "" : "s"); the test needs at least \(needed)"
        case let .noVariance(sample):
            return "\(sample): every encoded column is constant; there is no variance to model"
        case let .featureMismatch(reason):
            return "features do not match the reference: \(reason)"
        case let .lapackFailure(routine, info):
            return "LAPACK \(routine) failed (info \(info))"
        }
    }
}
