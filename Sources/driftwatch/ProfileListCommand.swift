import ArgumentParser
import DriftProfiles
import DriftReport
import Foundation

/// `driftwatch profile list`: every model and version in a profile database.
struct ProfileListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List every model and version in a profile database.")

    @Option(help: "The profile database.")
    var db: String

    func run() throws {
        let store = try ProfileStore(path: db, createIfMissing: false)
        let listings = try store.list()
        guard !listings.isEmpty else {
            print("\(db): no profiles yet (create one with `driftwatch profile create`)")
            return
        }
        let rows = listings.map { listing in
            [listing.model, String(listing.version), listing.isActive ? "*" : "",
             formatTimestamp(listing.createdAt), String(listing.source.rowCount), String(listing.featureCount),
             listing.source.description]
        }
        print(alignedTable(header: ["model", "version", "active", "created", "rows", "features", "source"], rows: rows,
                           rightAligned: [1, 4, 5]))
    }
}

/// An ISO-8601 UTC timestamp with seconds, e.g. `2026-11-29T06:10:00Z`.
func formatTimestamp(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.string(from: date)
}

/// The rows under a header and a rule, columns padded to the widest cell (``TextTable``).
func alignedTable(header: [String], rows: [[String]], rightAligned: Set<Int> = []) -> String {
    TextTable(header: header, rows: rows, rightAligned: rightAligned).lines().joined(separator: "\n")
}
