import Foundation
import Testing

@Suite("driftwatch check and history")
struct CheckCommandTests {
    /// The fixture job without delivery, on private copies of the profile database.
    func job() throws -> (config: String, profiles: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("driftwatch-cli-job-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let profiles = directory.appendingPathComponent("profiles.db").path
        try FileManager.default.copyItem(atPath: fixture("job/profiles.db"), toPath: profiles)
        let config = directory.appendingPathComponent("churn.yml").path
        try """
            model: churn
            profiles: profiles.db
            production:
              sqlite: \(fixture("production/predictions.db"))
              table: predictions
              timestamp_column: ts
            multivariate: false
            """.write(toFile: config, atomically: true, encoding: .utf8)
        return (config, profiles)
    }

    @Test("the version is logged first and recorded with the run; history shows it")
    func versionRecorded() throws {
        let version = try driftwatch(["--version"]).standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(version.range(of: #"^\d+\.\d+\.\d+$"#, options: .regularExpression) != nil, "\(version)")
        let (config, profiles) = try job()
        let check = try driftwatch(["check", "--config", config, "--at", "2019-04-30T10:00:00Z"])
        #expect(check.status == 0, "\(check.standardError)")
        let firstLog = try #require(check.standardError.split(separator: "\n").first)
        #expect(firstLog.contains("version=\(version)") && firstLog.contains("driftwatch check"), "\(firstLog)")
        let history = try driftwatch(["history", "--db", profiles, "--model", "churn", "--format", "json"])
        #expect(history.status == 0, "\(history.standardError)")
        let runs = try #require(try JSONSerialization.jsonObject(with: Data(history.standardOutput.utf8)) as? [[String: Any]])
        #expect(runs.count == 1)
        #expect(runs.first?["driftwatch_version"] as? String == version)
    }

    @Test("a configuration with a key written twice: exit 2 and one line naming file, line and key")
    func duplicateKey() throws {
        let (config, _) = try job()
        try (try String(contentsOfFile: config, encoding: .utf8) + "\nmodel: churn\n").write(toFile: config, atomically: true, encoding: .utf8)
        let result = try driftwatch(["check", "--config", config, "--dry-run"])
        #expect(result.status == 2, "\(result.standardError)")
        let lines = result.standardError.split(separator: "\n")
        #expect(lines.count == 1, "\(result.standardError)")
        #expect(lines.first?.hasSuffix("churn.yml:8:1: model: duplicate key (first at line 1)") == true, "\(result.standardError)")
    }
}
