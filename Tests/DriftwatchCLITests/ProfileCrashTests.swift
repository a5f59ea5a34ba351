import DriftProfiles
import DriftTestSupport
import Foundation
import GRDB
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Kills `driftwatch profile create` with SIGKILL at random moments, over and over, and checks
/// that the database stays intact and the previously active profile reads back unchanged.
@Suite("profile store crash safety")
struct ProfileCrashTests {
    /// A CSV big enough that building and writing its profile takes a noticeable time.
    func largeReference(in directory: URL) throws -> String {
        let url = directory.appendingPathComponent("large.csv")
        var text = "a,b,c,d,e,f,g,h\n"
        var state: UInt64 = 42
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) * 0x1p-53
        }
        for row in 0..<150_000 {
            let values = (0..<7).map { _ in String(format: "%.6f", next() * 100) }
            text += values.joined(separator: ",") + ",cat\(row % 37)\n"
        }
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test("SIGKILL at random points never corrupts the store or changes the active profile")
    func killWriterRepeatedly() throws {
        let directory = try temporaryDirectory()
        let db = directory.appendingPathComponent("profiles.db").path
        let created = try driftwatch(["profile", "create", "--db", db, "--model", "churn", "--csv", fixturePath("churn/reference.csv")])
        #expect(created.status == 0, "\(created.standardError)")
        let original = try ProfileStore(path: db, createIfMissing: false).profile(model: "churn", version: 1)

        let large = try largeReference(in: directory)
        let arguments = ["profile", "create", "--db", db, "--model", "churn", "--csv", large, "--sample-cap", "150000"]
        // Time one full run so the kills spread over the whole run, including the final write.
        let started = Date()
        let full = try driftwatch(arguments)
        #expect(full.status == 0, "\(full.standardError)")
        let duration = Date().timeIntervalSince(started)
        try ProfileStore(path: db, createIfMissing: false).activate(model: "churn", version: 1)

        var generator = SystemRandomNumberGenerator()
        var killed = 0
        var completed = 0
        for _ in 0..<25 {
            let process = Process()
            process.executableURL = driftwatchBinary
            process.arguments = arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let delay = Double.random(in: 0.3...1.05, using: &generator) * duration
            usleep(useconds_t(delay * 1_000_000))
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                killed += 1
            }
            process.waitUntilExit()
            if process.terminationReason == .exit && process.terminationStatus == 0 { completed += 1 }

            let queue = try DatabaseQueue(path: db)
            let integrity = try queue.read { try String.fetchAll($0, sql: "PRAGMA integrity_check") }
            #expect(integrity == ["ok"])
            try queue.close()
            let store = try ProfileStore(path: db, createIfMissing: false)
            #expect(try store.profile(model: "churn", version: 1) == original)
            // A completed run activates its version; put version 1 back for the next round.
            if try store.activeVersion(model: "churn") != 1 { try store.activate(model: "churn", version: 1) }
            #expect(try store.profile(model: "churn") == original)
        }
        #expect(killed > 0, "no run was killed: the runs finish faster than the kill delays")
        print("crash test: \(killed) writers killed, \(completed) completed, run time \(duration) s")
    }
}
