import Foundation

/// The repository's root folder (this file is `Tests/DriftTestSupport/Paths.swift`), for tests
/// that read `README.md`, `Package.swift`, `deploy/` or `Sources/`.
public let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The repository's `Fixtures/` folder.
public let fixtures = repositoryRoot.appendingPathComponent("Fixtures", isDirectory: true)

/// The path of `name` (say `"churn/reference.csv"`) under `Fixtures/`.
public func fixturePath(_ name: String) -> String { fixtures.appendingPathComponent(name).path }
