import ArgumentParser

/// `driftwatch profile …`: reference profiles stored in SQLite.
struct ProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "Create, list, show and activate reference profiles stored in SQLite.",
        subcommands: [ProfileCreateCommand.self, ProfileListCommand.self, ProfileShowCommand.self,
                      ProfileActivateCommand.self]
    )
}
