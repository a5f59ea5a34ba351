import Foundation
import GRDB

/// Temporary files and fixture paths for the production-source tests (a copy of the few
/// helpers of DriftProfilesTests' `BuilderTestSupport` these tests need).
enum SourceTestSupport {
    /// The repository's `Fixtures/` folder.
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures", isDirectory: true)

    static var predictions: String { fixtures.appendingPathComponent("production/predictions.db").path }
    static var churnDrifted: String { fixtures.appendingPathComponent("churn/production-drifted.csv").path }

    /// A fresh empty directory under the temporary directory.
    static func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("driftwatch-sources-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `contents` to a new file and returns its path.
    static func file(_ contents: String, name: String = "data.csv") throws -> String {
        let url = try directory().appendingPathComponent(name)
        try Data(contents.utf8).write(to: url)
        return url.path
    }

    /// Creates a SQLite database in a new directory, runs `setup` on it and returns its path.
    static func database(name: String = "test.db", _ setup: (Database) throws -> Void) throws -> String {
        let path = try directory().appendingPathComponent(name).path
        let queue = try DatabaseQueue(path: path)
        try queue.write(setup)
        try queue.close()
        return path
    }
}
