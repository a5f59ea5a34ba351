/// Errors of the profile store and the profile builders. Each message is
/// one line naming the file, model, table or column concerned.
///
/// ```swift
/// do { _ = try store.profile(model: "churn", version: 9) }
/// catch { print(error) }   // profiles.db: model "churn" has no version 9 (versions: 1, 2)
/// ```
public enum ProfileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file is not a SQLite database, or a SQLite database that Driftwatch did not create.
    case notADriftwatchDatabase(path: String, reason: String)
    /// The database was written by a newer Driftwatch (its schema has migrations this build does not know).
    case newerSchema(path: String, unknownMigrations: [String])
    /// The database file does not exist (for commands that only read).
    case databaseNotFound(path: String)
    /// No profile was ever written for the model.
    case unknownModel(path: String, model: String, known: [String])
    /// The model has no such version.
    case unknownVersion(path: String, model: String, version: Int, known: [Int])
    /// The profile has no features with these names (``ReferenceProfile/restricted(to:refitNote:)``).
    case unknownFeatures(model: String, version: Int, names: [String])
    /// A stored array or field could not be decoded (the file was altered).
    case corruptProfile(path: String, model: String, version: Int, detail: String)
    /// The source table, query or columns cannot be read.
    case invalidSource(description: String, reason: String)
    /// An argument is out of range (a cap below 1, an empty model name, …).
    case invalidArgument(name: String, reason: String)
    /// SQLite reported an error.
    case database(path: String, message: String)

    /// A one-line description.
    public var description: String {
        switch self {
        case let .notADriftwatchDatabase(path, reason):
            return "\(path): not a Driftwatch profile database (\(reason)); nothing was changed"
        case let .newerSchema(path, unknown):
            return "\(path): written by a newer Driftwatch (unknown schema migrations: \(unknown.joined(separator: ", "))); upgrade driftwatch, nothing was changed"
        case let .databaseNotFound(path):
            return "\(path): no such profile database"
        case let .unknownModel(path, model, known):
            let list = known.isEmpty ? "none" : known.joined(separator: ", ")
            return "\(path): no profile for model \"\(model)\" (models: \(list))"
        case let .unknownVersion(path, model, version, known):
            return "\(path): model \"\(model)\" has no version \(version) (versions: \(known.map(String.init).joined(separator: ", ")))"
        case let .unknownFeatures(model, version, names):
            return "profile \"\(model)\" version \(version) has no feature named \(names.joined(separator: ", "))"
        case let .corruptProfile(path, model, version, detail):
            return "\(path): profile \"\(model)\" version \(version) is damaged: \(detail)"
        case let .invalidSource(description, reason):
            return "\(description): \(reason)"
        case let .invalidArgument(name, reason):
            return "invalid \(name): \(reason)"
        case let .database(path, message):
            return "\(path): \(message)"
        }
    }
}
