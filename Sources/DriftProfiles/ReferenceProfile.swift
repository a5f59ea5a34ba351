import Foundation

/// A model's reference data, summarised per feature: what production is compared against.
///
/// Profiles are immutable once written. ``ProfileStore/write(_:)`` assigns the next version
/// and makes it the model's active one; ``ProfileStore/activate(model:version:)`` rolls back.
///
/// ```swift
/// let profile = try ProfileBuilder.fromCSV(path: "reference.csv", model: "churn")
/// let version = try store.write(profile)
/// ```
public struct ReferenceProfile: Sendable, Hashable {
    /// The model the profile belongs to.
    public let model: String
    /// The version, assigned by the store (0 for a profile not yet written).
    public let version: Int
    /// When the profile was built.
    public let createdAt: Date
    /// Where the data came from.
    public let source: ProfileSource
    /// The caps and binning used.
    public let settings: ProfileSettings
    /// One entry per feature, in source column order.
    public let features: [FeatureProfile]

    /// Creates a profile from its parts.
    public init(
        model: String, version: Int = 0, createdAt: Date, source: ProfileSource,
        settings: ProfileSettings, features: [FeatureProfile]
    ) {
        self.model = model
        self.version = version
        self.createdAt = createdAt
        self.source = source
        self.settings = settings
        self.features = features
    }

    /// The feature called `name`, if any.
    public func feature(named name: String) -> FeatureProfile? {
        features.first { $0.name == name }
    }

    /// The same profile with another version number (used by the store when writing).
    public func withVersion(_ version: Int) -> ReferenceProfile {
        ReferenceProfile(
            model: model, version: version, createdAt: createdAt, source: source,
            settings: settings, features: features)
    }
}
