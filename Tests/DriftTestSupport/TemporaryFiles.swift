import Foundation
import GRDB

/// A fresh, empty directory under the system temporary directory, unique to this call.
public func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("driftwatch-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Writes `contents` to a file called `name` in a fresh temporary directory and returns its path.
public func temporaryFile(_ contents: String, name: String = "table.csv") throws -> String {
    let url = try temporaryDirectory().appendingPathComponent(name)
    try Data(contents.utf8).write(to: url)
    return url.path
}

/// Creates a SQLite database called `name` in a fresh temporary directory, runs `setup` on it in
/// one write transaction, closes it and returns its path.
public func temporaryDatabase(name: String = "test.db", _ setup: (Database) throws -> Void) throws -> String {
    let path = try temporaryDirectory().appendingPathComponent(name).path
    let queue = try DatabaseQueue(path: path)
    try queue.write(setup)
    try queue.close()
    return path
}
