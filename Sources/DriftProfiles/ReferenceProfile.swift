import DriftMultivariate
import Foundation

/// A model's reference data, summarised per feature: what production is compared against.
///
/// Profiles are immutable once written. ``ProfileStore/write(_:)`` assigns the next version
/// and makes it the model's active one; ``ProfileStore/activate(model:version:)`` rolls back.
///
/// ```swift
/// let profile = try ProfileBuilder.fromCSV(path: "reference.csv", model: "churn")
/// let version = try store.write(profile)
/// if let reference = profile.multivariate {
///     print(reference.sample.rowCount, reference.model.componentCount)
/// } else {
///     print("no multivariate reference:", profile.multivariateProblem ?? "")
/// }
/// ```
public struct ReferenceProfile: Sendable, Hashable {
    /// The ``multivariateProblem`` of a profile stored before multivariate references existed.
    public static let builtBeforeMultivariate = "built before multivariate profiles (re-create it)"
    /// The ``multivariateProblem`` of a profile built with ``ProfileSettings/multivariate`` off.
    public static let multivariateDisabled = "disabled when the profile was built"

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
    /// The multivariate reference: a seeded sample of at most
    /// ``ProfileSettings/multivariateSampleCap`` complete rows over every feature (in profile
    /// order, each with its profile kind), its one-hot encoding and PCA model; `nil` when it
    /// could not be built (see ``multivariateProblem``).
    public let multivariate: MultivariateReference?
    /// Why ``multivariate`` is `nil`: ``multivariateDisabled``, ``builtBeforeMultivariate``,
    /// or why the fit failed (`"reference: 3 complete rows; the test needs at least 4"`,
    /// `"reference: every encoded column is constant; …"`). `nil` when there is a reference.
    public let multivariateProblem: String?

    /// Creates a profile from its parts.
    ///
    /// - Parameters:
    ///   - model: The model.
    ///   - version: The version (0 before the store assigns one).
    ///   - createdAt: When it was built.
    ///   - source: Where the data came from.
    ///   - settings: The build settings.
    ///   - features: The features, in source order.
    ///   - multivariate: The multivariate reference, if any.
    ///   - multivariateProblem: Why there is none, if there is none.
    public init(
        model: String, version: Int = 0, createdAt: Date, source: ProfileSource,
        settings: ProfileSettings, features: [FeatureProfile],
        multivariate: MultivariateReference? = nil, multivariateProblem: String? = nil
    ) {
        self.model = model
        self.version = version
        self.createdAt = createdAt
        self.source = source
        self.settings = settings
        self.features = features
        self.multivariate = multivariate
        self.multivariateProblem = multivariateProblem
    }

    /// The feature called `name`, if any.
    public func feature(named name: String) -> FeatureProfile? {
        features.first { $0.name == name }
    }

    /// The same profile with another version number (used by the store when writing).
    public func withVersion(_ version: Int) -> ReferenceProfile {
        ReferenceProfile(
            model: model, version: version, createdAt: createdAt, source: source,
            settings: settings, features: features, multivariate: multivariate,
            multivariateProblem: multivariateProblem)
    }
}
