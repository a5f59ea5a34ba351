import ArgumentParser

@main
struct Driftwatch: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "driftwatch", abstract: "Data-drift monitor.")
}
