/// A problem in the job's YAML configuration, naming the file, the line and the key.
///
/// ```swift
/// do { _ = try CheckConfiguration.load(path: "churn.yml") }
/// catch { print(error) }   // churn.yml:5:3: production.tabel: unknown key (expected one of: sqlite, table, query, timestamp_column, window)
/// ```
public struct ConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The configuration file.
    public let path: String
    /// `line:column` of the offending node, when known.
    public let location: String?
    /// The dotted key path, e.g. `production.window`.
    public let key: String
    /// What is wrong.
    public let message: String

    /// Creates an error.
    public init(path: String, location: String?, key: String, message: String) {
        self.path = path
        self.location = location
        self.key = key
        self.message = message
    }

    /// `FILE:LINE:COLUMN: KEY: MESSAGE`, on one line.
    public var description: String {
        let place = location.map { "\(path):\($0)" } ?? path
        return key.isEmpty ? "\(place): \(message)" : "\(place): \(key): \(message)"
    }
}
