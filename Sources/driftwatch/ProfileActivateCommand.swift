import ArgumentParser
import DriftProfiles

/// `driftwatch profile activate`: makes an earlier (or later) version the model's active one.
struct ProfileActivateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "activate", abstract: "Make a version the model's active reference profile.")

    @Option(help: "The profile database.")
    var db: String

    @Option(help: "The model.")
    var model: String

    @Option(parsing: .unconditional, help: "The version to activate.")
    var version: Int

    func validate() throws {
        guard version >= 1 else { throw ValidationError("--version must be at least 1, got \(version)") }
    }

    func run() throws {
        let store = try ProfileStore(path: db, createIfMissing: false)
        let previous = try store.activeVersion(model: model)
        try store.activate(model: model, version: version)
        let was = previous.map { " (was \($0))" } ?? ""
        print("\(model): version \(version) is now active\(was)")
    }
}
