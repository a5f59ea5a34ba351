/// Which stored profile a value belongs to, so that a decoding failure names the file, the
/// model and the version.
///
/// ```swift
/// let location = ProfileLocation(path: "profiles.db", model: "churn", version: 3)
/// throw location.corrupt("feature \"age\" sample: BLOB truncated")
/// ```
struct ProfileLocation: Sendable, Hashable {
    /// The database file.
    let path: String
    /// The model.
    let model: String
    /// The profile version (0 when the damaged value is not one version's, such as a model row).
    let version: Int

    /// A ``ProfileError/corruptProfile(path:model:version:detail:)`` for this profile.
    ///
    /// - Parameter detail: What is wrong, starting with the field concerned.
    /// - Returns: The error, to be thrown.
    func corrupt(_ detail: String) -> ProfileError {
        .corruptProfile(path: path, model: model, version: version, detail: detail)
    }
}
