import Foundation

/// Where a reference profile's data came from.
///
/// ```swift
/// let source = ProfileSource(description: "csv:reference.csv", rowCount: 5000, contentHash: "fnv1a64:…")
/// ```
public struct ProfileSource: Sendable, Hashable {
    /// A human-readable description: `csv:PATH`, `sqlite:PATH table=T` or `sqlite:PATH query=SQL`.
    public var description: String
    /// The number of data rows read.
    public var rowCount: Int
    /// A hash of the input content (`fnv1a64:` and 16 hex digits), to tell whether two profiles
    /// were built from the same data.
    public var contentHash: String

    /// Creates a source description.
    public init(description: String, rowCount: Int, contentHash: String) {
        self.description = description
        self.rowCount = rowCount
        self.contentHash = contentHash
    }
}
