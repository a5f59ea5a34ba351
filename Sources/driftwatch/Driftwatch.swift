import ArgumentParser
import DriftMonitor
import Foundation

/// The `driftwatch` command line: data-drift checks for ML features.
@main
struct Driftwatch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "driftwatch",
        abstract: "Detect data drift between a model's reference data and its production traffic.",
        version: DriftwatchVersion.current,
        subcommands: [CheckCommand.self, HistoryCommand.self, CompareCommand.self, ReportCommand.self, ProfileCommand.self]
    )
}

/// Splits a comma-separated option value, trimming spaces and dropping empty items.
func splitList(_ list: String) -> [String] {
    list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
}
