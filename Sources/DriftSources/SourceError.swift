/// Errors of the production sources: reading a window, parsing timestamps and durations,
/// making time windows. Each message is one line naming the source, argument or text concerned.
///
/// ```swift
/// do { _ = try parseDuration("1x") }
/// catch { print(error) }   // invalid duration: "1x" has an unknown unit "x"; expected a duration like …
/// ```
public enum SourceError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The source's file, table, query or columns cannot be read.
    case invalidSource(description: String, reason: String)
    /// An argument is out of range or malformed (a timestamp, a duration, a window, a feature list).
    case invalidArgument(name: String, reason: String)

    /// A one-line description: `DESCRIPTION: REASON` or `invalid NAME: REASON`.
    public var description: String {
        switch self {
        case let .invalidSource(description, reason):
            return "\(description): \(reason)"
        case let .invalidArgument(name, reason):
            return "invalid \(name): \(reason)"
        }
    }
}
