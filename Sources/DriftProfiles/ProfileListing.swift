import Foundation

/// One stored profile version as ``ProfileStore/list()`` reports it, without its features.
///
/// ```swift
/// for listing in try store.list() {
///     print(listing.model, listing.version, listing.isActive ? "active" : "", listing.featureCount)
/// }
/// ```
public struct ProfileListing: Sendable, Hashable {
    /// The model.
    public let model: String
    /// The version (1, 2, … per model).
    public let version: Int
    /// When the profile was built.
    public let createdAt: Date
    /// Whether this is the model's active version (the one the hourly job compares against).
    public let isActive: Bool
    /// Where the profile's data came from.
    public let source: ProfileSource
    /// The number of features in the profile.
    public let featureCount: Int

    /// Creates a listing from its parts.
    ///
    /// ```swift
    /// let listing = ProfileListing(
    ///     model: "churn", version: 2, createdAt: Date(), isActive: true,
    ///     source: ProfileSource(description: "csv:ref.csv", rowCount: 5000, contentHash: "fnv1a64:0123456789abcdef"),
    ///     featureCount: 12)
    /// ```
    ///
    /// - Parameters:
    ///   - model: The model.
    ///   - version: The version.
    ///   - createdAt: When the profile was built.
    ///   - isActive: Whether it is the model's active version.
    ///   - source: Where its data came from.
    ///   - featureCount: The number of features.
    /// - Complexity: O(1).
    public init(
        model: String, version: Int, createdAt: Date, isActive: Bool, source: ProfileSource,
        featureCount: Int
    ) {
        self.model = model
        self.version = version
        self.createdAt = createdAt
        self.isActive = isActive
        self.source = source
        self.featureCount = featureCount
    }
}
