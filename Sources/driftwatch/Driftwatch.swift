import ArgumentParser

/// The `driftwatch` command line: data-drift checks for ML features.
@main
struct Driftwatch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "driftwatch",
        abstract: "Detect data drift between a model's reference data and its production traffic.",
        version: "0.1.0",
        subcommands: [CompareCommand.self]
    )
}
