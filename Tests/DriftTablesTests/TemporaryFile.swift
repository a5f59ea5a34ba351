import Foundation

/// Writes `contents` to a fresh file in the temporary directory and returns its path.
func temporaryFile(_ contents: String, name: String = "table.csv") throws -> String {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("driftwatch-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let url = directory.appendingPathComponent(name)
    try Data(contents.utf8).write(to: url)
    return url.path
}

/// The repository's `Fixtures/` folder.
let fixtures = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures", isDirectory: true)
