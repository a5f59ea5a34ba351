import DriftMultivariate

extension ReferenceProfile {
    /// The profile limited to the named features, its multivariate reference refitted on them.
    ///
    /// ```swift
    /// let profile = try store.profile(model: "churn")
    /// let two = try profile.restricted(to: ["age", "contract"])
    /// two.features.map(\.name)                   // ["age", "contract"] (in profile order)
    /// two.multivariate?.sample.names             // ["age", "contract"]: the same rows, refitted
    /// ```
    ///
    /// The features keep the profile's order whatever the order of `names`. The stored
    /// multivariate sample covers every feature, so the reference is fitted again on the chosen
    /// columns of the same rows (one-hot encoding and PCA with the profile's settings). When
    /// that fit fails (too few complete rows, no variance left), the result has no multivariate
    /// reference and its ``multivariateProblem`` is the fit's error followed by `refitNote` in
    /// parentheses. A profile without a multivariate reference keeps its problem.
    ///
    /// - Parameters:
    ///   - names: The features to keep; each must be in the profile.
    ///   - refitNote: What to say after a failed refit's error (default
    ///     `restricted to NAME,NAME`), say the option the user gave.
    /// - Returns: The restricted profile (same model, version, source and settings).
    /// - Throws: ``ProfileError/unknownFeatures(model:version:names:)`` naming every name the
    ///   profile does not have.
    /// - Complexity: O(features · names), plus the refit: O(rows · encoded columns²) for the
    ///   multivariate sample's rows.
    public func restricted(to names: [String], refitNote: String? = nil) throws -> ReferenceProfile {
        let unknown = names.filter { feature(named: $0) == nil }
        guard unknown.isEmpty else {
            throw ProfileError.unknownFeatures(model: model, version: version, names: unknown)
        }
        let wanted = Set(names)
        let kept = features.filter { wanted.contains($0.name) }
        var reference: MultivariateReference?
        var problem = multivariateProblem
        if let stored = multivariate {
            do {
                let chosen = stored.sample.names.filter(wanted.contains)
                reference = try MultivariateReference.fit(
                    sample: stored.sample.selectingFeatures(chosen), settings: settings.multivariateSettings)
            } catch {
                problem = "\(error) (\(refitNote ?? "restricted to \(names.joined(separator: ","))"))"
            }
        }
        return ReferenceProfile(
            model: model, version: version, createdAt: createdAt, source: source, settings: settings,
            features: kept, multivariate: reference, multivariateProblem: problem)
    }
}
